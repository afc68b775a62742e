package io.flowsentry.collector.detect;

import java.time.Duration;

/**
 * The detection engine's parameters (the {@code detection:} and {@code store:} sections of the
 * configuration: {@code FlowsentryConfig.engineSettings()}; the defaults are in {@code ConfigDefaults}).
 *
 * @param profile              the predicate's profile
 * @param window               tumbling window length, aligned to the Unix epoch
 * @param lateness             how far event time must pass a window's end before it closes
 * @param earlyEnabled         publish an early row for the first matching flow of a source
 * @param earlySuppression     at most one early row per source per this period
 * @param earlyMaxSources      sources remembered by the early-alert ledger
 * @param maxFuture            events further than this ahead of the clock do not move the watermark;
 *                             {@link Duration#ZERO} turns the guard off (offline scans)
 * @param idleAfter            with a wall clock, when no flow has arrived for this long, windows close as if
 *                             event time were at least {@code now - idleAfter}; {@link Duration#ZERO} turns the
 *                             rule off (and it is always off offline)
 * @param maxDestIps           distinct destination addresses kept per early or late row
 * @param maxDestPorts         distinct destination ports kept per early or late row
 */
public record EngineSettings(
        DetectionProfile profile,
        Duration window,
        Duration lateness,
        boolean earlyEnabled,
        Duration earlySuppression,
        int earlyMaxSources,
        Duration maxFuture,
        int maxDestIps,
        int maxDestPorts,
        Duration idleAfter) {

    public EngineSettings {
        if (window.toMillis() < 1000) {
            throw new IllegalArgumentException("window " + window + " (expected: at least 1s)");
        }
        if (lateness.isNegative() || maxFuture.isNegative() || earlySuppression.isNegative()
                || idleAfter.isNegative()) {
            throw new IllegalArgumentException(
                    "lateness, max_future, idle_after and early suppression must not be negative");
        }
        if (earlyMaxSources < 1 || maxDestIps < 1 || maxDestPorts < 1) {
            throw new IllegalArgumentException("early max sources, max dest ips and ports must be at least 1");
        }
    }

    /** Settings without the idle rule ({@code idleAfter} 0): windows close on event time only. */
    public EngineSettings(DetectionProfile profile, Duration window, Duration lateness, boolean earlyEnabled,
                          Duration earlySuppression, int earlyMaxSources, Duration maxFuture, int maxDestIps,
                          int maxDestPorts) {
        this(profile, window, lateness, earlyEnabled, earlySuppression, earlyMaxSources, maxFuture, maxDestIps,
                maxDestPorts, Duration.ZERO);
    }

    public EngineSettings withEarly(boolean enabled) {
        return new EngineSettings(profile, window, lateness, enabled, earlySuppression, earlyMaxSources,
                maxFuture, maxDestIps, maxDestPorts, idleAfter);
    }

    public EngineSettings withMaxFuture(Duration guard) {
        return new EngineSettings(profile, window, lateness, earlyEnabled, earlySuppression, earlyMaxSources,
                guard, maxDestIps, maxDestPorts, idleAfter);
    }

    public EngineSettings withIdleAfter(Duration idle) {
        return new EngineSettings(profile, window, lateness, earlyEnabled, earlySuppression, earlyMaxSources,
                maxFuture, maxDestIps, maxDestPorts, idle);
    }
}
