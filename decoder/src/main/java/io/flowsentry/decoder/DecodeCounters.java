package io.flowsentry.decoder;

import java.util.EnumMap;
import java.util.Map;

/** One {@code long} per {@link DecodeCounter}; written by the decoding thread, readable by anyone. */
public final class DecodeCounters {

    private static final DecodeCounter[] ALL = DecodeCounter.values();

    private final long[] values = new long[ALL.length];

    public void increment(DecodeCounter c) {
        values[c.ordinal()]++;
    }

    public void add(DecodeCounter c, long n) {
        values[c.ordinal()] += n;
    }

    public long get(DecodeCounter c) {
        return values[c.ordinal()];
    }

    /** A copy of every non-zero counter, in declaration order. */
    public Map<DecodeCounter, Long> nonZero() {
        Map<DecodeCounter, Long> out = new EnumMap<>(DecodeCounter.class);
        for (DecodeCounter c : ALL) {
            if (values[c.ordinal()] != 0) {
                out.put(c, values[c.ordinal()]);
            }
        }
        return out;
    }
}
