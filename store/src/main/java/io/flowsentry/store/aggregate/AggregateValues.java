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
     * Each write adds its change to the value's {@link ValueChecksum}, which is written last.
     */
    static void merge(MutableAggregate p, AggregateValue v, AggregateLimits limits) {
        long count = v.getCount();
        boolean fresh = count == 0;
        long sum = v.getChecksum();
        long first = v.getFirstTime();
        if (fresh || p.firstTime < first) {
            v.setFirstTime(p.firstTime);
            sum += ValueChecksum.change(ValueChecksum.FIRST_TIME, first, p.firstTime);
        }
        long last = v.getLastTime();
        if (fresh || p.lastTime > last) {
            v.setLastTime(p.lastTime);
            sum += ValueChecksum.change(ValueChecksum.LAST_TIME, last, p.lastTime);
        }
        v.setCount(count + p.count);
        sum += ValueChecksum.change(ValueChecksum.COUNT, count, count + p.count);
        long bytes = v.getBytes();
        v.setBytes(bytes + p.bytes);
        sum += ValueChecksum.change(ValueChecksum.BYTES, bytes, bytes + p.bytes);
        long packets = v.getPackets();
        v.setPackets(packets + p.packets);
        sum += ValueChecksum.change(ValueChecksum.PACKETS, packets, packets + p.packets);
        int actions = v.getActionBits();
        if ((actions | p.actionBits) != actions) {
            v.setActionBits(actions | p.actionBits);
            sum += ValueChecksum.change(ValueChecksum.ACTION_BITS, actions, actions | p.actionBits);
        }
        int sourceTypes = v.getSourceTypeBits();
        if ((sourceTypes | p.sourceTypeBits) != sourceTypes) {
            v.setSourceTypeBits(sourceTypes | p.sourceTypeBits);
            sum += ValueChecksum.change(ValueChecksum.SOURCE_TYPE_BITS, sourceTypes, sourceTypes | p.sourceTypeBits);
        }
        sum = mergeIps(p, v, limits.maxDestIps(), sum);
        sum = mergePorts(p, v, limits.maxDestPorts(), sum);
        sum = mergeApps(p, v, limits.maxApps(), sum);
        v.setChecksum(sum);
    }

    /**
     * An IPv4 destination (high half 0) is looked up by its low half alone while no kept address has a high
     * half other than 0 ({@code ipHiCount}), and kept without writing its high half, which is 0 in every
     * slot not used yet (an insert writes the all-zero value): an update for IPv4 traffic does not touch
     * the high halves' lines at all.
     *
     * @return {@code sum} plus the checksum changes of the writes made
     */
    private static long mergeIps(MutableAggregate p, AggregateValue v, int max, long sum) {
        int kept = v.getIpCount();
        int n = kept;
        int hiKept = v.getIpHiCount();
        int hiN = hiKept;
        long overflow = p.ipOverflow;
        for (int i = 0; i < p.ipCount; i++) {
            long hi = p.ipHi[i];
            long lo = p.ipLo[i];
            int at = 0;
            if (hi == 0 && hiN == 0) {
                while (at < n && v.getIpLoAt(at) != lo) {
                    at++;
                }
            } else {
                while (at < n && (v.getIpLoAt(at) != lo || v.getIpHiAt(at) != hi)) {
                    at++;
                }
            }
            if (at < n) {
                continue; // kept already, so already in the sketch
            }
            if (n < max) {
                if (hi != 0) {
                    sum += ValueChecksum.change(ValueChecksum.IP_HI + n, v.getIpHiAt(n), hi);
                    v.setIpHiAt(n, hi);
                    hiN++;
                }
                sum += ValueChecksum.change(ValueChecksum.IP_LO + n, v.getIpLoAt(n), lo);
                v.setIpLoAt(n++, lo);
            } else {
                overflow += p.ipFlows[i];
            }
            sum = Sketch.IP.add(v, DistinctSketch.hashAddress(hi, lo), sum);
        }
        if (p.ipSketch != null) {
            sum = Sketch.IP.fold(v, p.ipSketch, sum);
        }
        if (hiN != hiKept) {
            v.setIpHiCount(hiN);
            sum += ValueChecksum.change(ValueChecksum.IP_HI_COUNT, hiKept, hiN);
        }
        if (n != kept) {
            v.setIpCount(n);
            sum += ValueChecksum.change(ValueChecksum.IP_COUNT, kept, n);
        }
        if (overflow != 0) {
            long before = v.getIpOverflow();
            v.setIpOverflow(before + overflow);
            sum += ValueChecksum.change(ValueChecksum.IP_OVERFLOW, before, before + overflow);
        }
        return sum;
    }

    /** @return {@code sum} plus the checksum changes of the writes made */
    private static long mergePorts(MutableAggregate p, AggregateValue v, int max, long sum) {
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
                sum += ValueChecksum.change(ValueChecksum.PORT + n, v.getPortAt(n), port);
                v.setPortAt(n++, port);
            } else {
                overflow += p.portFlows[i];
            }
            sum = Sketch.PORT.add(v, DistinctSketch.hashPort(port), sum);
        }
        if (p.portSketch != null) {
            sum = Sketch.PORT.fold(v, p.portSketch, sum);
        }
        if (n != kept) {
            v.setPortCount(n);
            sum += ValueChecksum.change(ValueChecksum.PORT_COUNT, kept, n);
        }
        if (overflow != 0) {
            long before = v.getPortOverflow();
            v.setPortOverflow(before + overflow);
            sum += ValueChecksum.change(ValueChecksum.PORT_OVERFLOW, before, before + overflow);
        }
        return sum;
    }

    /** @return {@code sum} plus the checksum changes of the writes made */
    private static long mergeApps(MutableAggregate p, AggregateValue v, int max, long sum) {
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
                    sum += ValueChecksum.change(ValueChecksum.APP + n, v.getAppAt(n), app);
                    v.setAppAt(n++, app);
                } else {
                    overflow += p.appFlows[i];
                }
            }
        }
        if (n != kept) {
            v.setAppCount(n);
            sum += ValueChecksum.change(ValueChecksum.APP_COUNT, kept, n);
        }
        if (overflow != 0) {
            long before = v.getAppOverflow();
            v.setAppOverflow(before + overflow);
            sum += ValueChecksum.change(ValueChecksum.APP_OVERFLOW, before, before + overflow);
        }
        return sum;
    }

    /**
     * One of the value's two sketches: its words, and the checksum's field numbers for them. A write adds its
     * change to the checksum sum passed along, which each method returns.
     */
    private enum Sketch {
        IP(ValueChecksum.IP_SKETCH) {
            @Override
            long word(AggregateValue v, int w) {
                return v.getIpSketchAt(w);
            }

            @Override
            void setWord(AggregateValue v, int w, long word) {
                v.setIpSketchAt(w, word);
            }
        },
        PORT(ValueChecksum.PORT_SKETCH) {
            @Override
            long word(AggregateValue v, int w) {
                return v.getPortSketchAt(w);
            }

            @Override
            void setWord(AggregateValue v, int w, long word) {
                v.setPortSketchAt(w, word);
            }
        };

        private final int checksumField;

        Sketch(int checksumField) {
            this.checksumField = checksumField;
        }

        abstract long word(AggregateValue v, int w);

        abstract void setWord(AggregateValue v, int w, long word);

        private long write(AggregateValue v, int w, long before, long after, long sum) {
            if (after == before) {
                return sum;
            }
            setWord(v, w, after);
            return sum + ValueChecksum.change(checksumField + w, before, after);
        }

        /** Adds the value of hash {@code h}: raises its register when its rank is higher. */
        long add(AggregateValue v, long h, long sum) {
            int r = DistinctSketch.register(h);
            long word = word(v, r >>> 3);
            return write(v, r >>> 3, word, DistinctSketch.raise(word, r, DistinctSketch.rank(h)), sum);
        }

        /** Folds another sketch's words in, register by register. */
        long fold(AggregateValue v, long[] other, long sum) {
            for (int w = 0; w < DistinctSketch.WORDS; w++) {
                long word = word(v, w);
                sum = write(v, w, word, DistinctSketch.maxBytes(word, other[w]), sum);
            }
            return sum;
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
