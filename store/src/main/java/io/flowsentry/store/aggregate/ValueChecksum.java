package io.flowsentry.store.aggregate;

/**
 * The map entry's own checksum ({@link AggregateValue#getChecksum()}): the sum, modulo 2^64, of
 * {@link #mix(int, long)} over every field and array slot of the value, each under its own field number.
 * A zero field adds nothing, so the all-zero value that an insert writes has checksum 0.
 *
 * <p>Kept up to date incrementally: a merge adds {@link #change(int, long, long)} for each field it writes,
 * then writes the checksum last. An update therefore touches only the cache lines it changes, where
 * Chronicle Map's own entry checksum (xxHash64 over the whole 1.5 KiB entry after each update) read all
 * 24 of them: 37% of the CPU of a cold-set update (1,679 against 1,057 ns per update, {@code CpuTimeRates},
 * 1,000,000 sources). A crash in the middle of a merge leaves some of its writes and not others, so the
 * recomputed sum ({@link #of(AggregateValue)}) differs from the stored one unless the two collide (a chance
 * of about 2^-64), and recovery drops the entry. The key is not covered: it is written once, by the
 * insert, before any merge; an entry whose insert was torn still has count 0, which recovery drops too.
 */
final class ValueChecksum {

    static final int FIRST_TIME = 1;
    static final int LAST_TIME = 2;
    static final int COUNT = 3;
    static final int BYTES = 4;
    static final int PACKETS = 5;
    static final int ACTION_BITS = 6;
    static final int SOURCE_TYPE_BITS = 7;
    static final int IP_COUNT = 8;
    static final int PORT_COUNT = 9;
    static final int APP_COUNT = 10;
    static final int IP_OVERFLOW = 11;
    static final int PORT_OVERFLOW = 12;
    static final int APP_OVERFLOW = 13;
    static final int IP_HI_COUNT = 14;
    /** Array fields: the base plus the slot index (arrays have at most 64 slots, so bases 256 apart never meet). */
    static final int IP_LO = 0x100;
    static final int IP_HI = 0x200;
    static final int IP_SKETCH = 0x300;
    static final int PORT = 0x400;
    static final int PORT_SKETCH = 0x500;
    static final int APP = 0x600;

    private ValueChecksum() {
    }

    /**
     * What {@code value} in field {@code field} adds to the sum: 0 for 0, otherwise the 64-bit finalizer of
     * MurmurHash3 (a bijection) of the value xor a per-field constant, so that equal values in different
     * fields, or two fields' values swapped, give different sums.
     */
    static long mix(int field, long value) {
        if (value == 0) {
            return 0;
        }
        long z = value ^ (field * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }

    /** What the sum changes by when {@code field} goes from {@code before} to {@code after}. */
    static long change(int field, long before, long after) {
        return mix(field, after) - mix(field, before);
    }

    /** The sum over the whole value, as recovery recomputes it (every slot of every array). */
    static long of(AggregateValue v) {
        long sum = mix(FIRST_TIME, v.getFirstTime()) + mix(LAST_TIME, v.getLastTime()) + mix(COUNT, v.getCount())
                + mix(BYTES, v.getBytes()) + mix(PACKETS, v.getPackets()) + mix(ACTION_BITS, v.getActionBits())
                + mix(SOURCE_TYPE_BITS, v.getSourceTypeBits()) + mix(IP_COUNT, v.getIpCount())
                + mix(PORT_COUNT, v.getPortCount()) + mix(APP_COUNT, v.getAppCount())
                + mix(IP_OVERFLOW, v.getIpOverflow()) + mix(PORT_OVERFLOW, v.getPortOverflow())
                + mix(APP_OVERFLOW, v.getAppOverflow()) + mix(IP_HI_COUNT, v.getIpHiCount());
        for (int i = 0; i < AggregateLimits.MAX_DEST_IPS; i++) {
            sum += mix(IP_LO + i, v.getIpLoAt(i)) + mix(IP_HI + i, v.getIpHiAt(i));
        }
        for (int i = 0; i < AggregateLimits.MAX_DEST_PORTS; i++) {
            sum += mix(PORT + i, v.getPortAt(i));
        }
        for (int i = 0; i < AggregateLimits.MAX_APPS; i++) {
            sum += mix(APP + i, v.getAppAt(i));
        }
        for (int w = 0; w < DistinctSketch.WORDS; w++) {
            sum += mix(IP_SKETCH + w, v.getIpSketchAt(w)) + mix(PORT_SKETCH + w, v.getPortSketchAt(w));
        }
        return sum;
    }

    /** True when the entry holds a complete merge: at least one flow, and the stored sum matches. */
    static boolean intact(AggregateValue v) {
        return v.getCount() > 0 && of(v) == v.getChecksum();
    }
}
