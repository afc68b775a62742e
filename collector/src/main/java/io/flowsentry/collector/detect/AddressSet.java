package io.flowsentry.collector.detect;

/** A set of addresses in {@link io.flowsentry.flow.IpAddress} form; implementations allocate nothing per query. */
@FunctionalInterface
public interface AddressSet {

    AddressSet EMPTY = (hi, lo) -> false;

    boolean contains(long hi, long lo);
}
