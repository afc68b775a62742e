package io.flowsentry.collector.detect;

/**
 * The engine's counters. Written only by the detection thread and read from any thread (metrics, status):
 * volatile fields with a single writer need no atomic increment.
 */
public final class EngineCounters {

    volatile long flowsSeen;
    volatile long flowsMatched;
    volatile long flowsSuppressed;
    volatile long flowsLate;
    volatile long futureIgnored;
    volatile long earlyRows;
    volatile long windowRows;
    volatile long lateRows;
    volatile long rowsDropped;

    /** Flows given to {@link DetectionEngine#onFlow} (not those given to {@code onMatchedFlow}). */
    public long flowsSeen() {
        return flowsSeen;
    }

    /** Flows that passed the predicate (including those handed over already matched). */
    public long flowsMatched() {
        return flowsMatched;
    }

    /** Matching flows dropped by a suppression rule in force. */
    public long flowsSuppressed() {
        return flowsSuppressed;
    }

    /** Matching flows for a window already published: they go into late rows. */
    public long flowsLate() {
        return flowsLate;
    }

    /** Flows whose time lay beyond the clock plus the future guard, so they did not move the watermark. */
    public long futureIgnored() {
        return futureIgnored;
    }

    /** Rows lost because publishing kept failing past the engine's retry buffer. */
    public long rowsDropped() {
        return rowsDropped;
    }

    public long rows(RowKind kind) {
        return switch (kind) {
            case EARLY -> earlyRows;
            case WINDOW -> windowRows;
            case LATE -> lateRows;
        };
    }

    void countRow(RowKind kind) {
        switch (kind) {
            case EARLY -> earlyRows++;
            case WINDOW -> windowRows++;
            case LATE -> lateRows++;
        }
    }
}
