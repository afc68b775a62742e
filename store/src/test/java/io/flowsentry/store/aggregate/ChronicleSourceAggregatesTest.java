package io.flowsentry.store.aggregate;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the Chronicle store, with a small front so that merges happen inside the tests too. */
class ChronicleSourceAggregatesTest extends SourceAggregatesContractTest {

    @TempDir
    Path dir;
    private int opened;

    @Override
    protected SourceAggregates newStore(int capacity, AggregateLimits limits) throws Exception {
        return ChronicleSourceAggregates.open(dir.resolve("aggregates" + opened++),
                ChronicleSourceAggregates.Options.defaults().withCapacity(capacity).withLimits(limits).withFrontSlots(4));
    }
}
