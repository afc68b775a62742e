package io.flowsentry.store.aggregate;

import net.openhft.chronicle.values.Array;

/**
 * The Chronicle map's value, a Chronicle Values interface of fixed size updated in place: the
 * detection's aggregate of one (window, source). Array lengths are the maxima of {@link AggregateLimits};
 * the {@code *Count} fields say how many slots are used.
 *
 * <p>Size: 64 x 8 x 2 (addresses) + 32 x 4 (ports) + 8 x 4 (apps) + 2 x 16 x 8 (sketches)
 * + 9 x 8 (longs) + 5 x 4 (ints) = 1,024 + 128 + 32 + 256 + 72 + 20 = 1,532 bytes.
 */
interface AggregateValue {

    long getFirstTime();

    void setFirstTime(long epochMillis);

    long getLastTime();

    void setLastTime(long epochMillis);

    long getCount();

    void setCount(long count);

    long getBytes();

    void setBytes(long bytes);

    long getPackets();

    void setPackets(long packets);

    /** Bit {@code 1 << Action.ordinal()} per action seen. */
    int getActionBits();

    void setActionBits(int bits);

    /** Bit {@code 1 << SourceType.ordinal()} per source type seen. */
    int getSourceTypeBits();

    void setSourceTypeBits(int bits);

    int getIpCount();

    void setIpCount(int count);

    long getIpOverflow();

    void setIpOverflow(long flows);

    @Array(length = AggregateLimits.MAX_DEST_IPS)
    long getIpHiAt(int index);

    void setIpHiAt(int index, long hi);

    @Array(length = AggregateLimits.MAX_DEST_IPS)
    long getIpLoAt(int index);

    void setIpLoAt(int index, long lo);

    @Array(length = DistinctSketch.WORDS)
    long getIpSketchAt(int index);

    void setIpSketchAt(int index, long word);

    int getPortCount();

    void setPortCount(int count);

    long getPortOverflow();

    void setPortOverflow(long flows);

    @Array(length = AggregateLimits.MAX_DEST_PORTS)
    int getPortAt(int index);

    void setPortAt(int index, int port);

    @Array(length = DistinctSketch.WORDS)
    long getPortSketchAt(int index);

    void setPortSketchAt(int index, long word);

    int getAppCount();

    void setAppCount(int count);

    long getAppOverflow();

    void setAppOverflow(long flows);

    /** {@link AppDictionary} ids. */
    @Array(length = AggregateLimits.MAX_APPS)
    int getAppAt(int index);

    void setAppAt(int index, int appId);
}
