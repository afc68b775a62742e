package io.flowsentry.collector.run;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * A clock's milliseconds as the {@link LongSupplier} that listeners, the detection loop, the engine and the
 * store read. One class for all of them, in the warm-up as in the real path: a lambda per call site would
 * be a class of its own, the JIT would compile the receive and detection paths for the warm-up's lambda
 * classes only, and the first real datagram would fail that type check and send the hot methods back to the
 * interpreter (seen with {@code -XX:+LogCompilation} as class_check traps in
 * {@code DatagramAdapter.channelRead0} and {@code DetectionEngine.accept} when the listeners bound).
 */
final class ClockMillis implements LongSupplier {

    private final Clock clock;

    ClockMillis(Clock clock) {
        this.clock = clock;
    }

    @Override
    public long getAsLong() {
        return clock.millis();
    }
}
