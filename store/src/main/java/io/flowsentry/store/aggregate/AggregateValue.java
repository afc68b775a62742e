package io.flowsentry.store.aggregate;

import net.openhft.chronicle.values.Align;
import net.openhft.chronicle.values.Array;
import net.openhft.chronicle.values.Group;

/**
 * The Chronicle map's value, a Chronicle Values interface of fixed size updated in place: the
 * detection's aggregate of one (window, source). Array lengths are the maxima of {@link AggregateLimits};
 * the {@code *Count} fields say how many slots are used.
 *
 * <p>Layout: every field has a {@link Group} of its own, which fixes the order (within a group Chronicle
 * Values orders fields as reflection lists them, which differs with class-loading order). Offsets from
 * the value's start: the counters and the checksum (longs, bytes 0-47) and the set sizes (ints, 48-71)
 * first, then the ports (72), the app ids (200), the destination addresses' low halves (232) and high
 * halves (744), the overflow counts (1,256) and the sketches (1,280): an update of a source that sends
 * to a few known IPv4 destinations reads and writes bytes 0 to about 350, next to the 24-byte key,
 * instead of lines spread over the whole value (the high halves are read only for IPv6 destinations). The overflow counts are read
 * only when a set overflows, a sketch word only when a new value may raise one of its registers.
 *
 * <p>Size: 64 x 8 x 2 (addresses) + 32 x 4 (ports) + 8 x 4 (apps) + 2 x 16 x 8 (sketches)
 * + 9 x 8 (longs) + 6 x 4 (ints) = 1,024 + 128 + 32 + 256 + 72 + 24 = 1,536 bytes. The map file's name changes with the layout ({@code ChronicleSourceAggregates.MAP_FILE}),
 * so a file of an earlier layout ({@code sources.dat}, {@code sources-v2.dat}) is left unread rather than
 * misread.
 */
interface AggregateValue {

    @Group(0)
    long getFirstTime();

    void setFirstTime(long epochMillis);

    @Group(1)
    long getLastTime();

    void setLastTime(long epochMillis);

    @Group(2)
    long getCount();

    void setCount(long count);

    @Group(3)
    long getBytes();

    void setBytes(long bytes);

    @Group(4)
    long getPackets();

    void setPackets(long packets);

    /** {@link ValueChecksum}: written last by every merge; recovery drops an entry whose sum differs. */
    @Group(5)
    long getChecksum();

    void setChecksum(long checksum);

    /** Bit {@code 1 << Action.ordinal()} per action seen. */
    @Group(6)
    int getActionBits();

    void setActionBits(int bits);

    /** Bit {@code 1 << SourceType.ordinal()} per source type seen. */
    @Group(7)
    int getSourceTypeBits();

    void setSourceTypeBits(int bits);

    @Group(8)
    int getIpCount();

    void setIpCount(int count);

    /**
     * How many of the kept addresses have a high half other than 0 (IPv6 outside ::ffff:0:0/96): while it is
     * 0, an IPv4 destination is found by its low half alone, without reading the line of the high halves.
     */
    @Group(9)
    int getIpHiCount();

    void setIpHiCount(int count);

    @Group(16)
    long getIpOverflow();

    void setIpOverflow(long flows);

    @Group(15)
    @Array(length = AggregateLimits.MAX_DEST_IPS)
    long getIpHiAt(int index);

    void setIpHiAt(int index, long hi);

    @Group(14)
    @Array(length = AggregateLimits.MAX_DEST_IPS)
    @Align(offset = 8)
    long getIpLoAt(int index);

    void setIpLoAt(int index, long lo);

    @Group(20)
    @Array(length = DistinctSketch.WORDS)
    long getIpSketchAt(int index);

    void setIpSketchAt(int index, long word);

    @Group(10)
    int getPortCount();

    void setPortCount(int count);

    @Group(17)
    long getPortOverflow();

    void setPortOverflow(long flows);

    @Group(12)
    @Array(length = AggregateLimits.MAX_DEST_PORTS)
    @Align(offset = 4)
    int getPortAt(int index);

    void setPortAt(int index, int port);

    @Group(19)
    @Array(length = DistinctSketch.WORDS)
    long getPortSketchAt(int index);

    void setPortSketchAt(int index, long word);

    @Group(11)
    int getAppCount();

    void setAppCount(int count);

    @Group(18)
    long getAppOverflow();

    void setAppOverflow(long flows);

    /** {@link AppDictionary} ids. */
    @Group(13)
    @Array(length = AggregateLimits.MAX_APPS)
    int getAppAt(int index);

    void setAppAt(int index, int appId);
}
