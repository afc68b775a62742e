package io.flowsentry.store.aggregate;

import java.util.Arrays;

/**
 * Open-addressing hash index from a (window start, source hi, source lo) key to an int, with linear
 * probing and backward-shift deletion (no tombstones), so lookups allocate nothing. Grows by doubling
 * when half full.
 */
final class AggregateKeyIndex {

    static final int ABSENT = -1;

    private long[] keys; // 3 longs per slot
    private int[] values; // ABSENT marks a free slot
    private int mask;
    private int size;

    AggregateKeyIndex(int expected) {
        int slots = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(slots);
    }

    private void allocate(int slots) {
        keys = new long[slots * 3];
        values = new int[slots];
        Arrays.fill(values, ABSENT);
        mask = slots - 1;
        size = 0;
    }

    static int hash(long window, long hi, long lo) {
        long h = DistinctSketch.mix(window * 0x9e3779b97f4a7c15L ^ hi * 0xc2b2ae3d27d4eb4fL ^ lo);
        return (int) (h ^ (h >>> 32));
    }

    private int slotOf(long window, long hi, long lo) {
        int slot = hash(window, hi, lo) & mask;
        while (values[slot] != ABSENT) {
            int k = slot * 3;
            if (keys[k + 2] == lo && keys[k + 1] == hi && keys[k] == window) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return ~slot;
    }

    int get(long window, long hi, long lo) {
        int slot = slotOf(window, hi, lo);
        return slot >= 0 ? values[slot] : ABSENT;
    }

    /** Maps the key to {@code value} (&gt;= 0), replacing any earlier value. */
    void put(long window, long hi, long lo, int value) {
        int slot = slotOf(window, hi, lo);
        if (slot >= 0) {
            values[slot] = value;
            return;
        }
        if ((size + 1) * 2 > values.length) {
            grow();
            slot = slotOf(window, hi, lo);
        }
        slot = ~slot;
        int k = slot * 3;
        keys[k] = window;
        keys[k + 1] = hi;
        keys[k + 2] = lo;
        values[slot] = value;
        size++;
    }

    /** Removes the key; returns its value or {@link #ABSENT}. */
    int remove(long window, long hi, long lo) {
        int slot = slotOf(window, hi, lo);
        if (slot < 0) {
            return ABSENT;
        }
        int removed = values[slot];
        // Backward-shift deletion (Knuth vol. 3, 6.4 Algorithm R): move later members of the probe run
        // into the hole when their home slot does not lie cyclically in (hole, current].
        int hole = slot;
        int cur = slot;
        while (true) {
            cur = (cur + 1) & mask;
            if (values[cur] == ABSENT) {
                break;
            }
            int c = cur * 3;
            int home = hash(keys[c], keys[c + 1], keys[c + 2]) & mask;
            boolean stays = hole <= cur ? (home > hole && home <= cur) : (home > hole || home <= cur);
            if (!stays) {
                System.arraycopy(keys, c, keys, hole * 3, 3);
                values[hole] = values[cur];
                hole = cur;
            }
        }
        values[hole] = ABSENT;
        size--;
        return removed;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(oldValues.length * 2);
        for (int s = 0; s < oldValues.length; s++) {
            if (oldValues[s] != ABSENT) {
                put(oldKeys[s * 3], oldKeys[s * 3 + 1], oldKeys[s * 3 + 2], oldValues[s]);
            }
        }
    }

    void clear() {
        Arrays.fill(values, ABSENT);
        size = 0;
    }

    int size() {
        return size;
    }
}
