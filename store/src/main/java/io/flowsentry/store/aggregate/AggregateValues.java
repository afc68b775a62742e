package io.flowsentry.store.aggregate;

/**
 * Moves aggregates between the heap ({@link MutableAggregate}) and the map's value
 * ({@link AggregateValue}): merging a partial aggregate into a stored one, and reading a stored one back.
 */
final class AggregateValues {

    private AggregateValues() {
    }

    /**
     * Merges {@code p} into {@code v}, as if {@code p}'s flows had been added to {@code v} one by one: a
     * value of {@code p} that is neither in {@code v} nor fits counts its flows as overflow. A value
     * whose {@code count} is 0 is a new entry. Every value not kept yet goes into the sketches (a kept value
     * went in when it was kept). Fields that do not change are not written, and the overflow counts and
     * sketches are not read unless they change: an update touches as few cache lines of the value as it can.
     */
    static void merge(MutableAggregate p, AggregateValue v, AggregateLimits limits) {
        boolean fresh = v.getCount() == 0;
        if (fresh || p.firstTime < v.getFirstTime()) {
            v.setFirstTime(p.firstTime);
        }
        if (fresh || p.lastTime > v.getLastTime()) {
            v.setLastTime(p.lastTime);
        }
        v.setCount(v.getCount() + p.count);
        v.setBytes(v.getBytes() + p.bytes);
        v.setPackets(v.getPackets() + p.packets);
        v.setActionBits(v.getActionBits() | p.actionBits);
        v.setSourceTypeBits(v.getSourceTypeBits() | p.sourceTypeBits);
        mergeIps(p, v, limits.maxDestIps());
        mergePorts(p, v, limits.maxDestPorts());
        mergeApps(p, v, limits.maxApps());
    }

    private static void mergeIps(MutableAggregate p, AggregateValue v, int max) {
        int kept = v.getIpCount();
        int n = kept;
        long overflow = p.ipOverflow;
        for (int i = 0; i < p.ipCount; i++) {
            long hi = p.ipHi[i];
            long lo = p.ipLo[i];
            int at = 0;
            while (at < n && (v.getIpLoAt(at) != lo || v.getIpHiAt(at) != hi)) {
                at++;
            }
            if (at < n) {
                continue; // kept already, so already in the sketch
            }
            if (n < max) {
                v.setIpHiAt(n, hi);
                v.setIpLoAt(n++, lo);
            } else {
                overflow += p.ipFlows[i];
            }
            long h = DistinctSketch.hashAddress(hi, lo);
            int r = DistinctSketch.register(h);
            long word = v.getIpSketchAt(r >>> 3);
            long raised = DistinctSketch.raise(word, r, DistinctSketch.rank(h));
            if (raised != word) {
                v.setIpSketchAt(r >>> 3, raised);
            }
        }
        if (p.ipSketch != null) {
            for (int w = 0; w < DistinctSketch.WORDS; w++) {
                v.setIpSketchAt(w, DistinctSketch.maxBytes(v.getIpSketchAt(w), p.ipSketch[w]));
            }
        }
        if (n != kept) {
            v.setIpCount(n);
        }
        if (overflow != 0) {
            v.setIpOverflow(v.getIpOverflow() + overflow);
        }
    }

    private static void mergePorts(MutableAggregate p, AggregateValue v, int max) {
        int kept = v.getPortCount();
        int n = kept;
        long overflow = p.portOverflow;
        for (int i = 0; i < p.portCount; i++) {
            int port = p.ports[i];
            int at = 0;
            while (at < n && v.getPortAt(at) != port) {
                at++;
            }
            if (at < n) {
                continue; // kept already, so already in the sketch
            }
            if (n < max) {
                v.setPortAt(n++, port);
            } else {
                overflow += p.portFlows[i];
            }
            long h = DistinctSketch.hashPort(port);
            int r = DistinctSketch.register(h);
            long word = v.getPortSketchAt(r >>> 3);
            long raised = DistinctSketch.raise(word, r, DistinctSketch.rank(h));
            if (raised != word) {
                v.setPortSketchAt(r >>> 3, raised);
            }
        }
        if (p.portSketch != null) {
            for (int w = 0; w < DistinctSketch.WORDS; w++) {
                v.setPortSketchAt(w, DistinctSketch.maxBytes(v.getPortSketchAt(w), p.portSketch[w]));
            }
        }
        if (n != kept) {
            v.setPortCount(n);
        }
        if (overflow != 0) {
            v.setPortOverflow(v.getPortOverflow() + overflow);
        }
    }

    private static void mergeApps(MutableAggregate p, AggregateValue v, int max) {
        int kept = v.getAppCount();
        int n = kept;
        long overflow = p.appOverflow;
        for (int i = 0; i < p.appCount; i++) {
            int app = p.apps[i];
            int at = 0;
            while (at < n && v.getAppAt(at) != app) {
                at++;
            }
            if (at == n) {
                if (n < max) {
                    v.setAppAt(n++, app);
                } else {
                    overflow += p.appFlows[i];
                }
            }
        }
        if (n != kept) {
            v.setAppCount(n);
        }
        if (overflow != 0) {
            v.setAppOverflow(v.getAppOverflow() + overflow);
        }
    }

    /** Loads a stored aggregate into {@code m} (reset to the key first by the caller). */
    static void read(AggregateValue v, MutableAggregate m) {
        m.firstTime = v.getFirstTime();
        m.lastTime = v.getLastTime();
        m.count = v.getCount();
        m.bytes = v.getBytes();
        m.packets = v.getPackets();
        m.actionBits = v.getActionBits();
        m.sourceTypeBits = v.getSourceTypeBits();
        m.ensureFullCapacity();
        m.ipCount = Math.min(v.getIpCount(), AggregateLimits.MAX_DEST_IPS);
        for (int i = 0; i < m.ipCount; i++) {
            m.ipHi[i] = v.getIpHiAt(i);
            m.ipLo[i] = v.getIpLoAt(i);
        }
        m.ipOverflow = v.getIpOverflow();
        m.portCount = Math.min(v.getPortCount(), AggregateLimits.MAX_DEST_PORTS);
        for (int i = 0; i < m.portCount; i++) {
            m.ports[i] = v.getPortAt(i);
        }
        m.portOverflow = v.getPortOverflow();
        m.appCount = Math.min(v.getAppCount(), AggregateLimits.MAX_APPS);
        for (int i = 0; i < m.appCount; i++) {
            m.apps[i] = v.getAppAt(i);
        }
        m.appOverflow = v.getAppOverflow();
        m.ipSketch = new long[DistinctSketch.WORDS];
        m.portSketch = new long[DistinctSketch.WORDS];
        for (int w = 0; w < DistinctSketch.WORDS; w++) {
            m.ipSketch[w] = v.getIpSketchAt(w);
            m.portSketch[w] = v.getPortSketchAt(w);
        }
    }
}
