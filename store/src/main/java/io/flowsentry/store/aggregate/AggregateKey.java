package io.flowsentry.store.aggregate;

import net.openhft.chronicle.values.Group;

/**
 * The Chronicle map's key, a Chronicle Values interface of 24 bytes: the window start (epoch ms) and the
 * source address as two longs ({@link io.flowsentry.flow.IpAddress}), in that order: each field has a
 * {@link Group} of its own, so the layout does not depend on the order reflection lists the methods in.
 */
interface AggregateKey {

    @Group(0)
    long getWindowStart();

    void setWindowStart(long windowStart);

    @Group(1)
    long getSrcHi();

    void setSrcHi(long srcHi);

    @Group(2)
    long getSrcLo();

    void setSrcLo(long srcLo);
}
