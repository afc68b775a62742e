package io.flowsentry.decoder.pcap;

import java.util.EnumMap;
import java.util.Map;

/** One {@code long} per {@link CaptureCounter}. */
public final class CaptureCounters {

    private static final CaptureCounter[] ALL = CaptureCounter.values();
    private final long[] values = new long[ALL.length];

    void increment(CaptureCounter c) {
        values[c.ordinal()]++;
    }

    public long get(CaptureCounter c) {
        return values[c.ordinal()];
    }

    public Map<CaptureCounter, Long> nonZero() {
        Map<CaptureCounter, Long> out = new EnumMap<>(CaptureCounter.class);
        for (CaptureCounter c : ALL) {
            if (values[c.ordinal()] != 0) {
                out.put(c, values[c.ordinal()]);
            }
        }
        return out;
    }
}
