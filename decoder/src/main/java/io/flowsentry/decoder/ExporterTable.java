package io.flowsentry.decoder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exporters by address, in least-recently-seen order, at most {@link DecoderLimits#maxExporters()};
 * beyond it the least recently seen exporter and all it held is dropped (counted). Lookups use one
 * reused probe key and allocate nothing.
 */
final class ExporterTable {

    private final DecoderLimits limits;
    private final DecodeCounters counters;
    private final Key probe = new Key(0, 0);
    private final LinkedHashMap<Key, ExporterState> byAddress;
    /**
     * The exporter of the last look-up: a run of datagrams from one exporter skips the hash look-up.
     * It is the most recently seen entry, so skipping the access-order update changes no order, and
     * never the one an insertion evicts (the inserted one is newer). Before the first look-up (and with a
     * limit of 0) it is {@link #none}, never null: a null check here, false for every datagram but a
     * decoder's first, was compiled as never taken and the first datagram of each new decoder sent the
     * compiled receive path back to the interpreter.
     */
    private ExporterState last;
    /**
     * In no table and never returned ({@code s != none}). Its address, ::ffff:ffff:ffff:ffff, has the high
     * word of every IPv4 exporter (0) and a low word no IPv4-mapped address has, so a decoder's first look-up
     * fails where a change of IPv4 exporter does, on the low word, instead of on a comparison that IPv4
     * traffic never fails.
     */
    private final ExporterState none;

    ExporterTable(DecoderLimits limits, DecodeCounters counters) {
        this.limits = limits;
        this.counters = counters;
        this.none = new ExporterState(0L, -1L, limits, counters);
        this.last = none;
        this.byAddress = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, ExporterState> eldest) {
                if (size() > ExporterTable.this.limits.maxExporters()) {
                    ExporterTable.this.counters.increment(DecodeCounter.EXPORTERS_EVICTED);
                    return true;
                }
                return false;
            }
        };
    }

    ExporterState get(long hi, long lo) {
        ExporterState s = last;
        if (s.hi == hi && s.lo == lo && s != none) {
            return s;
        }
        s = lookup(hi, lo);
        // With a limit of 0 the new state is evicted as soon as it is stored: nothing to remember.
        last = limits.maxExporters() > 0 ? s : none;
        return s;
    }

    private ExporterState lookup(long hi, long lo) {
        probe.hi = hi;
        probe.lo = lo;
        ExporterState s = byAddress.get(probe);
        if (s == null) {
            s = new ExporterState(hi, lo, limits, counters);
            byAddress.put(new Key(hi, lo), s);
        }
        return s;
    }

    int size() {
        return byAddress.size();
    }

    List<ExporterSnapshot> snapshot() {
        List<ExporterSnapshot> out = new ArrayList<>(byAddress.size());
        for (ExporterState s : byAddress.values()) {
            int n = Integer.bitCount(s.versionsSeen);
            int[] versions = new int[n];
            int k = 0;
            for (int v = 0; v < 32; v++) {
                if ((s.versionsSeen & (1 << v)) != 0) {
                    versions[k++] = v;
                }
            }
            out.add(new ExporterSnapshot(s.hi, s.lo, versions, s.domainCount(), s.templates.size(), s.pending.size(),
                    s.datagrams, s.lastDatagramMillis, s.sequenceLost()));
        }
        return out;
    }

    /** Exporter address; mutable only for the probe. */
    private static final class Key {
        long hi;
        long lo;

        Key(long hi, long lo) {
            this.hi = hi;
            this.lo = lo;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hi == hi && k.lo == lo;
        }

        @Override
        public int hashCode() {
            long h = hi * 31 + lo;
            return (int) (h ^ (h >>> 32));
        }
    }
}
