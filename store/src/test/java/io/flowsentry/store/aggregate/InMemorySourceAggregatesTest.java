package io.flowsentry.store.aggregate;

class InMemorySourceAggregatesTest extends SourceAggregatesContractTest {

    @Override
    protected SourceAggregates newStore(int capacity, AggregateLimits limits) {
        return new InMemorySourceAggregates(capacity, limits);
    }
}
