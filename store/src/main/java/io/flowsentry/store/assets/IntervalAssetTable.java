package io.flowsentry.store.assets;

import java.util.Arrays;
import java.util.List;

/**
 * Longest-prefix match as a search over disjoint intervals.
 *
 * <p>Nested CIDRs are flattened once, at build time, into sorted boundaries: each boundary is the first
 * address of a run of addresses whose most specific entry is the same (or none). A lookup finds the last
 * boundary at or before the address: a 16-bit first-level index (the address's top 16 bits) narrows the
 * binary search to the boundaries of that /16 (IPv4) or /16 (IPv6 top bits). n CIDRs give at most 2n+1
 * boundaries. IPv4 gets its own table of {@code int} boundaries cut out of the IPv4-mapped range, so an
 * IPv4 lookup touches two small int arrays. Lookups allocate nothing.
 */
final class IntervalAssetTable implements AssetTable {

    /** First-level index: the top 16 bits of the address, 65,536 buckets of 4 bytes = 256 KiB per family. */
    private static final int BUCKET_BITS = 16;
    private static final int BUCKETS = 1 << BUCKET_BITS;
    private static final long V4_BASE_LO = 0x0000_ffff_0000_0000L;

    private final AssetEntry[] entries;
    private final int size;

    private final long[] v6StartHi;
    private final long[] v6StartLo;
    private final int[] v6Entry;
    private final int[] v6Bucket;

    /** IPv4 boundaries with the sign bit flipped, so signed int order is unsigned address order. */
    private final int[] v4Start;
    private final int[] v4Entry;
    private final int[] v4Bucket;

    private IntervalAssetTable(AssetEntry[] entries, Boundaries b) {
        this.entries = entries;
        this.size = entries.length;
        this.v6StartHi = Arrays.copyOf(b.hi, b.n);
        this.v6StartLo = Arrays.copyOf(b.lo, b.n);
        this.v6Entry = Arrays.copyOf(b.entry, b.n);
        this.v6Bucket = new int[BUCKETS + 1];
        int j = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            long bucketHi = (long) bucket << (64 - BUCKET_BITS);
            while (j + 1 < b.n && Long.compareUnsigned(v6StartHi[j + 1], bucketHi) <= 0
                    && (v6StartHi[j + 1] != bucketHi || v6StartLo[j + 1] == 0)) {
                j++;
            }
            v6Bucket[bucket] = j;
        }
        v6Bucket[BUCKETS] = b.n - 1;

        // IPv4: the boundaries inside ::ffff:0:0/96, as 32-bit addresses.
        int first = lookupV6Index(0, V4_BASE_LO);
        int[] starts = new int[b.n + 1];
        int[] ents = new int[b.n + 1];
        int n = 0;
        starts[n] = Integer.MIN_VALUE; // address 0.0.0.0, sign-flipped
        ents[n++] = v6Entry[first];
        for (int i = first + 1; i < b.n && v6StartHi[i] == 0 && (v6StartLo[i] >>> 32) == 0xffffL; i++) {
            starts[n] = (int) v6StartLo[i] ^ Integer.MIN_VALUE;
            ents[n++] = v6Entry[i];
        }
        this.v4Start = Arrays.copyOf(starts, n);
        this.v4Entry = Arrays.copyOf(ents, n);
        this.v4Bucket = new int[BUCKETS + 1];
        j = 0;
        for (int bucket = 0; bucket < BUCKETS; bucket++) {
            int bucketStart = (bucket << (32 - BUCKET_BITS)) ^ Integer.MIN_VALUE;
            while (j + 1 < n && v4Start[j + 1] <= bucketStart) {
                j++;
            }
            v4Bucket[bucket] = j;
        }
        v4Bucket[BUCKETS] = n - 1;
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
        int e;
        if (hi == 0 && (lo >>> 32) == 0xffffL) {
            e = v4Entry[lookupV4Index((int) lo ^ Integer.MIN_VALUE)];
        } else {
            e = v6Entry[lookupV6Index(hi, lo)];
        }
        return e < 0 ? null : entries[e];
    }

    private int lookupV4Index(int key) {
        int bucket = (key ^ Integer.MIN_VALUE) >>> (32 - BUCKET_BITS);
        int l = v4Bucket[bucket];
        int h = v4Bucket[bucket + 1];
        while (l < h) {
            int m = (l + h + 1) >>> 1;
            if (v4Start[m] <= key) {
                l = m;
            } else {
                h = m - 1;
            }
        }
        return l;
    }

    private int lookupV6Index(long hi, long lo) {
        int bucket = (int) (hi >>> (64 - BUCKET_BITS));
        int l = v6Bucket[bucket];
        int h = v6Bucket[bucket + 1];
        while (l < h) {
            int m = (l + h + 1) >>> 1;
            int c = Long.compareUnsigned(v6StartHi[m], hi);
            if (c < 0 || (c == 0 && Long.compareUnsigned(v6StartLo[m], lo) <= 0)) {
                l = m;
            } else {
                h = m - 1;
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
