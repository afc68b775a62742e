package io.flowsentry.collector.publish.webhook;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with full jitter (the AWS Architecture Blog's "Exponential Backoff and Jitter"):
 * the wait before retry {@code n} (1-based) is uniform in {@code [0, min(max, initial * 2^(n-1)))}. With
 * the defaults 1 s and 5 min the cap is reached at the 10th retry (2^9 s = 512 s > 300 s); a receiver
 * that is down for an hour sees about a dozen attempts per row at the head of the outbox.
 */
public final class Backoff {

    private final long initialMillis;
    private final long maxMillis;
    private final DoubleSupplier random;

    /**
     * @param random uniform in [0, 1); tests inject a fixed value
     */
    public Backoff(Duration initial, Duration max, DoubleSupplier random) {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff initial " + initial + ", max " + max
                    + " (expected: 0 < initial <= max)");
        }
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.random = random;
    }

    /** The cap of the wait before retry {@code attempt} (1-based), before jitter. */
    public long ceilingMillis(int attempt) {
        int doublings = Math.max(0, Math.min(attempt - 1, 62));
        long ceiling = initialMillis;
        for (int i = 0; i < doublings && ceiling < maxMillis; i++) {
            ceiling *= 2;
        }
        return Math.min(ceiling, maxMillis);
    }

    /** The jittered wait before retry {@code attempt}, at least {@code floorMillis} (a Retry-After), at most the max. */
    public long delayMillis(int attempt, long floorMillis) {
        long jittered = (long) (random.getAsDouble() * ceilingMillis(attempt));
        return Math.min(maxMillis, Math.max(jittered, floorMillis));
    }
}
