package io.flowsentry.store.aggregate;

import net.openhft.chronicle.values.Align;
import net.openhft.chronicle.values.Array;
import net.openhft.chronicle.values.Group;

/**
 * The Chronicle map's value, a Chronicle Values interface of fixed size updated in place: the
 * detection's aggregate of one (window, source). Array lengths are the maxima of {@link AggregateLimits};
 * the {@code *Count} fields say how many slots are used.
 *
 * <p>Layout ({@link Group} order, offsets from the value's start): the counters and set sizes first
 * (bytes 0-59), then the ports (60), the app ids (188), the destination addresses' low halves (224) and
 * high halves (736), the overflow counts (1,248) and the sketches (1,272): an update of a source that
 * sends to a few known destinations reads and writes bytes 0 to about 350, next to the 24-byte key,
 * and one line of the high halves, instead of lines spread over the whole value. The overflow counts and sketches are read only when a
 * set overflows.
 *
 * <p>Size: 64 x 8 x 2 (addresses) + 32 x 4 (ports) + 8 x 4 (apps) + 2 x 16 x 8 (sketches)
 * + 8 x 8 (longs) + 5 x 4 (ints) + 4 (alignment of the addresses) = 1,024 + 128 + 32 + 256 + 64 + 20 + 4
 * = 1,528 bytes. The map file's name changed with this layout ({@code ChronicleSourceAggregates.MAP_FILE}),
 * so a file of the earlier layout ({@code sources.dat}) is left unread rather than misread.
 */
interface AggregateValue {

    @Group(0)
    long getFirstTime();

    void setFirstTime(long epochMillis);

    @Group(0)
    long getLastTime();

    void setLastTime(long epochMillis);

    @Group(0)
    long getCount();

    void setCount(long count);

    @Group(0)
    long getBytes();

    void setBytes(long bytes);

    @Group(0)
    long getPackets();

    void setPackets(long packets);

    /** Bit {@code 1 << Action.ordinal()} per action seen. */
    @Group(0)
    int getActionBits();

    void setActionBits(int bits);

    /** Bit {@code 1 << SourceType.ordinal()} per source type seen. */
    @Group(0)
    int getSourceTypeBits();

    void setSourceTypeBits(int bits);

    @Group(0)
    int getIpCount();

    void setIpCount(int count);

    @Group(5)
    long getIpOverflow();

    void setIpOverflow(long flows);

    @Group(4)
    @Array(length = AggregateLimits.MAX_DEST_IPS)
    long getIpHiAt(int index);

    void setIpHiAt(int index, long hi);

    @Group(3)
    @Array(length = AggregateLimits.MAX_DEST_IPS)
    @Align(offset = 8)
    long getIpLoAt(int index);

    void setIpLoAt(int index, long lo);

    @Group(6)
    @Array(length = DistinctSketch.WORDS)
    long getIpSketchAt(int index);

    void setIpSketchAt(int index, long word);

    @Group(0)
    int getPortCount();

    void setPortCount(int count);

    @Group(5)
    long getPortOverflow();

    void setPortOverflow(long flows);

    @Group(1)
    @Array(length = AggregateLimits.MAX_DEST_PORTS)
    @Align(offset = 4)
    int getPortAt(int index);

    void setPortAt(int index, int port);

    @Group(6)
    @Array(length = DistinctSketch.WORDS)
    long getPortSketchAt(int index);

    void setPortSketchAt(int index, long word);

    @Group(0)
    int getAppCount();

    void setAppCount(int count);

    @Group(5)
    long getAppOverflow();

    void setAppOverflow(long flows);

    /** {@link AppDictionary} ids. */
    @Group(2)
    @Array(length = AggregateLimits.MAX_APPS)
    int getAppAt(int index);

    void setAppAt(int index, int appId);
}
