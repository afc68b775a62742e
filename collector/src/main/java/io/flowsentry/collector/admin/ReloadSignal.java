package io.flowsentry.collector.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIGHUP runs the reload action, as {@code flowsentry reload} does ({@code systemctl reload} sends it).
 * Uses {@code sun.misc.Signal} (module jdk.unsupported); where the JVM refuses the signal (not POSIX,
 * or {@code -Xrs}) the collector runs without it and says so once. {@link #restore} puts back the handler
 * that was there before.
 */
final class ReloadSignal {

    private static final Logger LOG = LoggerFactory.getLogger(ReloadSignal.class);

    private final sun.misc.SignalHandler previous;

    private ReloadSignal(sun.misc.SignalHandler previous) {
        this.previous = previous;
    }

    /** @return the installed handler, or {@code null} when SIGHUP cannot be handled here */
    static ReloadSignal install(Runnable onHangup) {
        try {
            return new ReloadSignal(sun.misc.Signal.handle(new sun.misc.Signal("HUP"), signal -> onHangup.run()));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            LOG.warn("SIGHUP is not available ({}); reload with 'flowsentry reload' instead", e.toString());
            return null;
        }
    }

    void restore() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), previous);
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            LOG.debug("SIGHUP handler not restored: {}", e.toString());
        }
    }
}
