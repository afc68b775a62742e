package io.flowsentry.store.aggregate;

/**
 * The Chronicle map's key, a Chronicle Values interface of 24 bytes: the window start (epoch ms) and the
 * source address as two longs ({@link io.flowsentry.flow.IpAddress}).
 */
interface AggregateKey {

    long getWindowStart();

    void setWindowStart(long windowStart);

    long getSrcHi();

    void setSrcHi(long srcHi);

    long getSrcLo();

    void setSrcLo(long srcLo);
}
