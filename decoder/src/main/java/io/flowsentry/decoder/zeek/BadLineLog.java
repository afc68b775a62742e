package io.flowsentry.decoder.zeek;

import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs skipped conn.log lines with file and line number, at most {@code burst} messages per
 * {@code period}; the rest are counted and summed up in one line when the next period opens. A bad
 * file therefore costs a handful of log lines a minute, not one per line, while its counters
 * ({@link ConnLogCounters}) keep the exact numbers.
 */
public final class BadLineLog {

    private static final Logger LOG = LoggerFactory.getLogger(BadLineLog.class);

    /** 10 messages per 60 s: enough to show a pattern, few enough for a log read by people. */
    public static final int DEFAULT_BURST = 10;
    public static final long DEFAULT_PERIOD_NANOS = 60_000_000_000L;

    private final Consumer<String> log;
    private final LongSupplier nanoClock;
    private final int burst;
    private final long periodNanos;
    private long periodStart;
    private boolean started;
    private int sentInPeriod;
    private long suppressed;

    public BadLineLog(Consumer<String> log, LongSupplier nanoClock, int burst, long periodNanos) {
        this.log = log;
        this.nanoClock = nanoClock;
        this.burst = burst;
        this.periodNanos = periodNanos;
    }

    /** The default: {@value #DEFAULT_BURST} messages a minute, on {@link System#nanoTime()}. */
    public static BadLineLog standard() {
        return standard(LOG);
    }

    /** {@value #DEFAULT_BURST} messages a minute to {@code logger} at WARN. */
    public static BadLineLog standard(Logger logger) {
        return new BadLineLog(logger::warn, System::nanoTime, DEFAULT_BURST, DEFAULT_PERIOD_NANOS);
    }

    /** Messages not written because the period's burst was spent, since the last summary. */
    public long suppressed() {
        return suppressed;
    }

    void report(String file, long lineNumber, BadLine reason, String detail) {
        long now = nanoClock.getAsLong();
        if (!started || now - periodStart >= periodNanos) {
            if (suppressed > 0) {
                log.accept("zeek conn log: " + suppressed + " more skipped lines not logged in the last "
                        + periodNanos / 1_000_000_000L + " s");
            }
            started = true;
            periodStart = now;
            sentInPeriod = 0;
            suppressed = 0;
        }
        if (sentInPeriod < burst) {
            sentInPeriod++;
            log.accept("zeek conn log " + file + " line " + lineNumber + ": skipped, " + reason.label()
                    + (detail == null ? "" : " (" + detail + ")"));
        } else {
            suppressed++;
        }
    }
}
