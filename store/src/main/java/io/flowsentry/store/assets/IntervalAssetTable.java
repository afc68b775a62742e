package io.flowsentry.store.assets;

import java.util.Arrays;
import java.util.List;

/**
 * Longest-prefix match as a search over disjoint intervals.
 *
 * <p>Nested CIDRs are flattened once, at build time, into sorted boundaries: each boundary is the first
 * address of a run of addresses whose most specific entry is the same (or none). A lookup finds the last
 * boundary at or before the address. n CIDRs give at most 2n+1 boundaries.
 *
 * <p>IPv4 has its own table cut out of the IPv4-mapped range: one 16-byte slot per /16 (the top 16 address
 * bits; 65,536 slots, 1 MiB) holds the run covering the /16's first address and, when at most four runs
 * start inside the /16, the low 16 bits of their starts. A lookup counts the starts at or below the
 * address without branching and reads one reference from the run array: two dependent memory reads.
 * A /16 with more starts is searched in the run-start array. IPv6 boundaries are interleaved (hi, lo) pairs with a
 * first-level index on the 16 address bits that follow the leading bits all boundaries share (for a
 * table inside 2000::/3, bits 3..18), so a table clustered in one prefix still spreads over the index.
 * Lookups allocate nothing.
 */
final class IntervalAssetTable implements AssetTable {

    /** First-level index: 16 bits, 65,536 buckets of 4 bytes = 256 KiB per family. */
    private static final int BUCKET_BITS = 16;
    private static final int BUCKETS = 1 << BUCKET_BITS;
    private static final long V4_BASE_LO = 0x0000_ffff_0000_0000L;

    private final AssetEntry[] entries;
    private final int size;

    /** IPv6 boundaries: start hi at 2i, start lo at 2i+1. */
    private final long[] v6Start;
    private final int[] v6Entry;
    private final int v6Count;
    /** Leading bits of {@code hi} shared by every boundary but the first (which is ::). */
    private final int v6Skip;
    private final long v6Common;
    private final int[] v6Bucket;

    /**
     * IPv4, per /16 bucket b, two longs. {@code v4Slots[2b]}: the index (in {@link #v4Starts} and
     * {@link #v4Runs}) of the run holding the bucket's first address, in the high 32 bits, and the number
     * of runs starting inside the bucket after it in the low 32. {@code v4Slots[2b+1]}: when that number is
     * at most {@value #V4_INLINE}, the low 16 bits of those starts minus one, 16 bits each, ascending, the
     * unused ones 0xffff; so most lookups read one 16-byte slot and then one run reference.
     */
    private final long[] v4Slots;
    /** IPv4 run starts (32-bit addresses, sign bit flipped so signed order is address order). */
    private final int[] v4Starts;
    /** The most specific entry of each IPv4 run, or null. */
    private final AssetEntry[] v4Runs;

    /** Inner run starts a 16-byte slot holds: four 16-bit values in one long. */
    private static final int V4_INLINE = 4;

    private IntervalAssetTable(AssetEntry[] entries, Boundaries b) {
        this.entries = entries;
        this.size = entries.length;
        int n = b.n;
        this.v6Count = n;
        this.v6Start = new long[2 * n];
        for (int i = 0; i < n; i++) {
            v6Start[2 * i] = b.hi[i];
            v6Start[2 * i + 1] = b.lo[i];
        }
        this.v6Entry = Arrays.copyOf(b.entry, n);
        int skip = 64;
        for (int i = 2; i < n; i++) {
            skip = Math.min(skip, Long.numberOfLeadingZeros(b.hi[i] ^ b.hi[1]));
        }
        skip = n > 1 ? Math.min(skip, 64 - BUCKET_BITS) : 0;
        this.v6Skip = skip;
        this.v6Common = skip == 0 || n < 2 ? 0 : b.hi[1] >>> (64 - skip);
        this.v6Bucket = v6BucketIndex(b, skip, v6Common);

        // IPv4: the boundaries inside ::ffff:0:0/96, as 32-bit addresses.
        int first = lookupV6Index(0, V4_BASE_LO);
        int[] starts = new int[n + 1];
        AssetEntry[] runs = new AssetEntry[n + 1];
        int m = 0;
        starts[m] = Integer.MIN_VALUE; // 0.0.0.0, sign-flipped
        runs[m++] = entryOrNull(v6Entry[first]);
        for (int i = first + 1; i < n && b.hi[i] == 0 && (b.lo[i] >>> 32) == 0xffffL; i++) {
            starts[m] = (int) b.lo[i] ^ Integer.MIN_VALUE;
            runs[m++] = entryOrNull(b.entry[i]);
        }
        this.v4Starts = Arrays.copyOf(starts, m);
        this.v4Runs = Arrays.copyOf(runs, m);
        this.v4Slots = v4SlotIndex(v4Starts);
    }

    /**
     * For each first-level bucket, the index of the last boundary at or before the bucket's first address;
     * entry {@value #BUCKETS} is the last boundary. Built in one pass over the boundaries: the buckets
     * between two boundaries share a value and are written by {@link Arrays#fill}, so the cost is
     * proportional to the boundaries plus one bulk write of the index.
     */
    private static int[] v6BucketIndex(Boundaries b, int skip, long common) {
        int n = b.n;
        int[] index = new int[BUCKETS + 1];
        int filled = 0; // buckets [0, filled) hold their value
        for (int i = 1; i < n; i++) {
            // Boundaries 1..n-1 share the leading skip bits; the next 16 bits are their bucket.
            int bucket = (int) ((b.hi[i] << skip) >>> (64 - BUCKET_BITS));
            long bucketHi = (skip == 0 ? 0 : common << (64 - skip)) | ((long) bucket << (64 - skip - BUCKET_BITS));
            // The first bucket whose first address is at or after this boundary.
            int firstAtOrAfter = b.hi[i] == bucketHi && b.lo[i] == 0 ? bucket : bucket + 1;
            if (firstAtOrAfter > filled) {
                Arrays.fill(index, filled, firstAtOrAfter, i - 1);
                filled = firstAtOrAfter;
            }
        }
        Arrays.fill(index, filled, BUCKETS + 1, n - 1);
        return index;
    }

    /**
     * The IPv4 slots (see {@link #v4Slots}) of the given run starts, in one pass over the runs: a /16 in
     * which no run starts holds the run before it and no inner start, so each stretch of such /16s is one
     * {@link #fillSlots bulk fill}; the cost is proportional to the runs plus one bulk write of the 1 MiB.
     */
    private static long[] v4SlotIndex(int[] starts) {
        int m = starts.length;
        long[] slots = new long[2 * BUCKETS];
        int filled = 0; // buckets [0, filled) hold their slot
        int r = 1; // run 0 starts at 0.0.0.0, the first address of bucket 0
        while (r < m) {
            int address = starts[r] ^ Integer.MIN_VALUE;
            int bucket = address >>> (32 - BUCKET_BITS);
            fillSlots(slots, filled, bucket, (long) (r - 1) << 32, -1L);
            int covering = r - 1;
            if ((address & 0xffff) == 0) {
                covering = r++; // the run starts at the bucket's first address
            }
            int inner = 0;
            long lows = -1L;
            while (r < m && (starts[r] ^ Integer.MIN_VALUE) >>> (32 - BUCKET_BITS) == bucket) {
                if (inner < V4_INLINE) {
                    long lowMinusOne = (starts[r] & 0xffff) - 1;
                    lows &= ~(0xffffL << (16 * inner));
                    lows |= lowMinusOne << (16 * inner);
                }
                inner++;
                r++;
            }
            slots[2 * bucket] = ((long) covering << 32) | inner;
            slots[2 * bucket + 1] = lows;
            filled = bucket + 1;
        }
        fillSlots(slots, filled, BUCKETS, (long) (m - 1) << 32, -1L);
        return slots;
    }

    /**
     * Writes the slot ({@code first}, {@code second}) into buckets [from, to): one slot, then copies of the
     * part already written doubling each time, so a stretch of k buckets takes about log2(k) array copies.
     */
    static void fillSlots(long[] slots, int from, int to, long first, long second) {
        if (from >= to) {
            return;
        }
        int start = 2 * from;
        int length = 2 * (to - from);
        slots[start] = first;
        slots[start + 1] = second;
        for (int done = 2; done < length; done += done) {
            System.arraycopy(slots, start, slots, start + done, Math.min(done, length - done));
        }
    }

    private AssetEntry entryOrNull(int index) {
        return index < 0 ? null : entries[index];
    }

    static IntervalAssetTable build(List<Cidr> cidrs, List<AssetEntry> assetEntries) {
        Integer[] order = new Integer[cidrs.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // Start ascending, then shorter prefixes first: a block comes before the blocks nested in it.
        Arrays.sort(order, (a, b) -> {
            Cidr x = cidrs.get(a);
            Cidr y = cidrs.get(b);
            int c = Long.compareUnsigned(x.hi(), y.hi());
            if (c == 0) {
                c = Long.compareUnsigned(x.lo(), y.lo());
            }
            return c != 0 ? c : Integer.compare(x.prefixLength(), y.prefixLength());
        });
        Boundaries b = new Boundaries(2 * order.length + 1);
        b.emit(0, 0, -1);
        int[] stack = new int[129];
        int depth = 0;
        for (int i : order) {
            Cidr c = cidrs.get(i);
            while (depth > 0 && endsBefore(cidrs.get(stack[depth - 1]), c.hi(), c.lo())) {
                Cidr done = cidrs.get(stack[--depth]);
                b.emitAfter(done, depth > 0 ? stack[depth - 1] : -1);
            }
            b.emit(c.hi(), c.lo(), i);
            stack[depth++] = i;
        }
        while (depth > 0) {
            Cidr done = cidrs.get(stack[--depth]);
            b.emitAfter(done, depth > 0 ? stack[depth - 1] : -1);
        }
        return new IntervalAssetTable(assetEntries.toArray(new AssetEntry[0]), b);
    }

    private static boolean endsBefore(Cidr c, long hi, long lo) {
        int cmp = Long.compareUnsigned(c.lastHi(), hi);
        return cmp < 0 || (cmp == 0 && Long.compareUnsigned(c.lastLo(), lo) < 0);
    }

    @Override
    public AssetEntry lookup(long hi, long lo) {
        if (hi == 0 && (lo >>> 32) == 0xffffL) {
            return v4Runs[lookupV4Run((int) lo)];
        }
        int e = v6Entry[lookupV6Index(hi, lo)];
        return e < 0 ? null : entries[e];
    }

    /** The index of the IPv4 run holding the address. */
    private int lookupV4Run(int address) {
        int bucket = address >>> (32 - BUCKET_BITS);
        long slot = v4Slots[2 * bucket];
        int run = (int) (slot >>> 32);
        int inner = (int) slot;
        int low = address & 0xffff;
        if (inner <= V4_INLINE) {
            // Count the inner starts at or below the address without a branch: for s = start - 1 in
            // 0..0xfffe, (s - low) is negative exactly when start <= low; unused values (0xffff) never are.
            long lows = v4Slots[2 * bucket + 1];
            return run + (((int) (lows & 0xffff) - low) >>> 31)
                    + (((int) ((lows >>> 16) & 0xffff) - low) >>> 31)
                    + (((int) ((lows >>> 32) & 0xffff) - low) >>> 31)
                    + (((int) (lows >>> 48) - low) >>> 31);
        }
        int key = address ^ Integer.MIN_VALUE;
        int[] starts = v4Starts;
        int l = run;
        int h = run + inner;
        while (l < h) {
            int mid = (l + h + 1) >>> 1;
            if (starts[mid] <= key) {
                l = mid;
            } else {
                h = mid - 1;
            }
        }
        return l;
    }

    private int lookupV6Index(long hi, long lo) {
        int l;
        int h;
        if (v6Skip > 0 && hi >>> (64 - v6Skip) != v6Common) {
            // Outside the shared leading bits: below all boundaries but the first, or above all.
            if (Long.compareUnsigned(hi >>> (64 - v6Skip), v6Common) < 0) {
                return 0;
            }
            return v6Count - 1;
        }
        int bucket = (int) ((hi << v6Skip) >>> (64 - BUCKET_BITS));
        l = v6Bucket[bucket];
        h = v6Bucket[bucket + 1];
        long[] starts = v6Start;
        while (l < h) {
            int mid = (l + h + 1) >>> 1;
            int c = Long.compareUnsigned(starts[2 * mid], hi);
            if (c < 0 || (c == 0 && Long.compareUnsigned(starts[2 * mid + 1], lo) <= 0)) {
                l = mid;
            } else {
                h = mid - 1;
            }
        }
        return l;
    }

    @Override
    public int size() {
        return size;
    }

    /** Boundary list under construction: (start, entry index or -1), starts strictly ascending. */
    private static final class Boundaries {
        long[] hi;
        long[] lo;
        int[] entry;
        int n;

        Boundaries(int capacity) {
            hi = new long[capacity];
            lo = new long[capacity];
            entry = new int[capacity];
        }

        /** From the address after {@code done} on, {@code next} (the enclosing entry, or -1) holds. */
        void emitAfter(Cidr done, int next) {
            long h = done.lastHi();
            long l = done.lastLo();
            if (h == -1L && l == -1L) {
                return; // the block ends at the last address of the space
            }
            l++;
            if (l == 0) {
                h++;
            }
            emit(h, l, next);
        }

        void emit(long h, long l, int e) {
            if (n > 0 && hi[n - 1] == h && lo[n - 1] == l) {
                n--; // a later boundary at the same address replaces the earlier one
            }
            if (n > 0 && entry[n - 1] == e) {
                return; // same entry as the run before: no new boundary
            }
            if (n == hi.length) {
                hi = Arrays.copyOf(hi, n * 2);
                lo = Arrays.copyOf(lo, n * 2);
                entry = Arrays.copyOf(entry, n * 2);
            }
            hi[n] = h;
            lo[n] = l;
            entry[n] = e;
            n++;
        }
    }
}
