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
 * <p>IPv4 has its own table cut out of the IPv4-mapped range: a first-level index of 65,536 ints (the
 * top 16 address bits, 256 KiB) gives the boundaries of that /16, and each boundary is one {@code long}
 * (start in the high half, entry in the low half), so a lookup reads one index slot and, for up to 4
 * boundaries in a /16, one cache line of boundaries. IPv6 boundaries are interleaved (hi, lo) pairs with a
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

    /** IPv4 boundaries: (start with the sign bit flipped) << 32 | entry index + 1 (0 for none). */
    private final long[] v4Bounds;
    private final int[] v4Bucket;

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
        this.v6Bucket = new int[BUCKETS + 1];
        int j = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            long bucketHi = (skip == 0 ? 0 : v6Common << (64 - skip)) | ((long) bucket << (64 - skip - BUCKET_BITS));
            while (j + 1 < n && Long.compareUnsigned(b.hi[j + 1], bucketHi) <= 0
                    && (b.hi[j + 1] != bucketHi || b.lo[j + 1] == 0)) {
                j++;
            }
            v6Bucket[bucket] = j;
        }
        v6Bucket[BUCKETS] = n - 1;

        // IPv4: the boundaries inside ::ffff:0:0/96, as 32-bit addresses.
        int first = lookupV6Index(0, V4_BASE_LO);
        long[] bounds = new long[n + 1];
        int m = 0;
        bounds[m++] = pack(Integer.MIN_VALUE, v6Entry[first]); // 0.0.0.0, sign-flipped
        for (int i = first + 1; i < n && b.hi[i] == 0 && (b.lo[i] >>> 32) == 0xffffL; i++) {
            bounds[m++] = pack((int) b.lo[i] ^ Integer.MIN_VALUE, b.entry[i]);
        }
        this.v4Bounds = Arrays.copyOf(bounds, m);
        this.v4Bucket = new int[BUCKETS + 1];
        j = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            int bucketStart = (bucket << (32 - BUCKET_BITS)) ^ Integer.MIN_VALUE;
            while (j + 1 < m && (int) (v4Bounds[j + 1] >> 32) <= bucketStart) {
                j++;
            }
            v4Bucket[bucket] = j;
        }
        v4Bucket[BUCKETS] = m - 1;
    }

    private static long pack(int flippedStart, int entry) {
        return ((long) flippedStart << 32) | (entry + 1);
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
            int e = lookupV4Entry((int) lo ^ Integer.MIN_VALUE);
            return e == 0 ? null : entries[e - 1];
        }
        int e = v6Entry[lookupV6Index(hi, lo)];
        return e < 0 ? null : entries[e];
    }

    /** The entry index + 1 of the last IPv4 boundary at or before the sign-flipped address; 0 for none. */
    private int lookupV4Entry(int key) {
        int bucket = (key ^ Integer.MIN_VALUE) >>> (32 - BUCKET_BITS);
        int l = v4Bucket[bucket];
        int h = v4Bucket[bucket + 1];
        long[] bounds = v4Bounds;
        while (l < h) {
            int mid = (l + h + 1) >>> 1;
            if ((int) (bounds[mid] >> 32) <= key) {
                l = mid;
            } else {
                h = mid - 1;
            }
        }
        return (int) bounds[l];
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
