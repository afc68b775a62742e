package io.flowsentry.store.aggregate;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/** Logs "store full, sources dropped" at most once a minute, with the running total. */
final class DropLog {

    private static final long INTERVAL_MS = 60_000;

    private final Logger log;
    private final LongSupplier clock;
    private long lastLogged = Long.MIN_VALUE;

    DropLog(Logger log, LongSupplier clock) {
        this.log = log;
        this.clock = clock;
    }

    void dropped(long total, long capacity) {
        long now = clock.getAsLong();
        if (lastLogged == Long.MIN_VALUE || now - lastLogged >= INTERVAL_MS) {
            lastLogged = now;
            log.warn("aggregate store full ({} sources): flows of new sources dropped, {} so far", capacity, total);
        }
    }
}
