package io.flowsentry.store.aggregate;

import java.util.Arrays;

/**
 * Open-addressing hash index from a (window start, source hi, source lo) key to an int, with linear
 * probing and backward-shift deletion (no tombstones), so lookups allocate nothing. Grows by doubling
 * when half full. A slot is 4 longs (window, hi, lo, value + 1; 0 = free): one 32-byte run, so a lookup
 * that hits its home slot reads one cache line.
 */
final class AggregateKeyIndex {

    static final int ABSENT = -1;

    private static final int STRIDE = 4;

    private long[] slots; // window, hi, lo, value + 1 (0: free)
    private int capacity;
    private int mask;
    private int size;

    AggregateKeyIndex(int expected) {
        int slots = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        allocate(slots);
    }

    private void allocate(int count) {
        slots = new long[FlatRows.FIRST_ROW + count * STRIDE];
        capacity = count;
        mask = count - 1;
        size = 0;
    }

    /** The array index of an entry's first long. */
    private static int at(int slot) {
        return FlatRows.FIRST_ROW + slot * STRIDE;
    }

    static int hash(long window, long hi, long lo) {
        long h = DistinctSketch.mix(window * 0x9e3779b97f4a7c15L ^ hi * 0xc2b2ae3d27d4eb4fL ^ lo);
        return (int) (h ^ (h >>> 32));
    }

    private int slotOf(long window, long hi, long lo) {
        int slot = hash(window, hi, lo) & mask;
        while (slots[at(slot) + 3] != 0) {
            int k = at(slot);
            if (slots[k + 2] == lo && slots[k + 1] == hi && slots[k] == window) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return ~slot;
    }

    int get(long window, long hi, long lo) {
        int slot = slotOf(window, hi, lo);
        return slot >= 0 ? (int) slots[at(slot) + 3] - 1 : ABSENT;
    }

    /** Maps the key to {@code value} (&gt;= 0), replacing any earlier value. */
    void put(long window, long hi, long lo, int value) {
        int slot = slotOf(window, hi, lo);
        if (slot >= 0) {
            slots[at(slot) + 3] = value + 1L;
            return;
        }
        if ((size + 1) * 2 > capacity) {
            grow();
            slot = slotOf(window, hi, lo);
        }
        int k = at(~slot);
        slots[k] = window;
        slots[k + 1] = hi;
        slots[k + 2] = lo;
        slots[k + 3] = value + 1L;
        size++;
    }

    /** Removes the key; returns its value or {@link #ABSENT}. */
    int remove(long window, long hi, long lo) {
        int slot = slotOf(window, hi, lo);
        if (slot < 0) {
            return ABSENT;
        }
        int removed = (int) slots[at(slot) + 3] - 1;
        // Backward-shift deletion (Knuth vol. 3, 6.4 Algorithm R): move later members of the probe run
        // into the hole when their home slot does not lie cyclically in (hole, current].
        int hole = slot;
        int cur = slot;
        while (true) {
            cur = (cur + 1) & mask;
            int c = at(cur);
            if (slots[c + 3] == 0) {
                break;
            }
            int home = hash(slots[c], slots[c + 1], slots[c + 2]) & mask;
            boolean stays = hole <= cur ? (home > hole && home <= cur) : (home > hole || home <= cur);
            if (!stays) {
                System.arraycopy(slots, c, slots, at(hole), STRIDE);
                hole = cur;
            }
        }
        slots[at(hole) + 3] = 0;
        size--;
        return removed;
    }

    private void grow() {
        long[] old = slots;
        allocate(capacity * 2);
        for (int k = FlatRows.FIRST_ROW; k < old.length; k += STRIDE) {
            if (old[k + 3] != 0) {
                put(old[k], old[k + 1], old[k + 2], (int) old[k + 3] - 1);
            }
        }
    }

    void clear() {
        Arrays.fill(slots, 0);
        size = 0;
    }

    int size() {
        return size;
    }
}
