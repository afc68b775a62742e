package io.flowsentry.collector.detect;

import java.util.function.LongSupplier;

/**
 * The idle rule of {@link DetectionEngine}: once no flow has arrived for {@code idleAfter} of the wall clock,
 * windows close as if event time were at least {@code now - idleAfter}. The hot path only sets a flag
 * ({@link #traffic}); {@link #closingWatermark} stamps it with the clock once per tick. Single-threaded like
 * the engine, except {@link #idle()}, which any thread may read.
 */
final class QuietInputRule {

    private final LongSupplier clock;
    private final long idleAfterMillis;
    /** A flow arrived since the last tick. */
    private boolean trafficSinceTick;
    /** Clock time of the last tick that found traffic, or of the rule's creation (the engine's start). */
    private long lastTrafficAt;
    private volatile boolean idle;

    private QuietInputRule(LongSupplier clock, long idleAfterMillis) {
        this.clock = clock;
        this.idleAfterMillis = idleAfterMillis;
        this.lastTrafficAt = idleAfterMillis > 0 ? clock.getAsLong() : 0;
    }

    /** The rule for a wall clock ({@code null} offline: off) and {@code idleAfterMillis} (0: off). */
    static QuietInputRule of(LongSupplier clock, long idleAfterMillis) {
        return clock == null || idleAfterMillis <= 0 ? new QuietInputRule(null, 0)
                : new QuietInputRule(clock, idleAfterMillis);
    }

    /** A flow arrived (any flow: matching or not, with any timestamp). */
    void traffic() {
        trafficSinceTick = true;
    }

    /**
     * The event time windows close on at this tick: {@code watermark}, or, when no flow has arrived for
     * {@code idleAfter}, {@code max(watermark, now - idleAfter)}.
     */
    long closingWatermark(long watermark) {
        if (idleAfterMillis == 0) {
            return watermark;
        }
        long now = clock.getAsLong();
        if (trafficSinceTick) {
            trafficSinceTick = false;
            lastTrafficAt = now;
        }
        boolean quiet = now - lastTrafficAt >= idleAfterMillis && now - idleAfterMillis > watermark;
        idle = quiet;
        return quiet ? now - idleAfterMillis : watermark;
    }

    /** At the last tick the clock, not the watermark, decided which windows close. */
    boolean idle() {
        return idle;
    }
}
