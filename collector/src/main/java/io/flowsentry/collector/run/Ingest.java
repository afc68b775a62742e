package io.flowsentry.collector.run;

import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.FlowSink;
import java.util.function.Supplier;

/**
 * One producer thread's entry into the pipeline: counts every decoded record, tracks the highest event
 * time, runs the detection's predicate and hands the matches to the detection thread. Used by one thread
 * only (an event loop, the Zeek follower); allocation-free per record.
 *
 * <p>A burst is one datagram or one batch of log lines: {@link #beginBurst} reads the current predicate
 * (a reload swaps it) and fixes the future guard, {@link #endBurst} publishes the counters. Matches are
 * handed over when a batch is full or {@link #HANDOFF_MAX_AGE_MILLIS} old ({@link #flushIfOlder}, also called
 * from a timer of the producer's own thread), not per datagram: a batch per datagram would let a pause of
 * the detection thread of a few milliseconds exhaust the batch pool and stall the receive loop, which a
 * 20 s run at 1 M v9 flows/s (1% SMB) showed as 2% of flows dropped by the kernel.
 */
final class Ingest implements FlowSink {

    private final Supplier<SmbPredicate> predicates;
    private final MatchHandoff.Producer handoff;
    private final FlowCounters counters = new FlowCounters();
    private final long maxFutureMillis;

    /** Matches wait at most this long for their batch to fill: early rows stay well within a second. */
    static final long HANDOFF_MAX_AGE_MILLIS = 100;

    private SmbPredicate predicate;
    private long futureLimit = Long.MAX_VALUE;
    private long maxEventTime;
    private long burstTime;
    private long oldestPendingMatch = Long.MAX_VALUE;

    /**
     * @param maxFutureMillis a record starting further than this after the burst's receive time does not
     *                        move the event time (a wrong exporter clock); 0 = no guard
     */
    Ingest(Supplier<SmbPredicate> predicates, MatchHandoff handoff, long maxFutureMillis) {
        this.predicates = predicates;
        this.handoff = handoff.producer();
        this.maxFutureMillis = maxFutureMillis;
        this.predicate = predicates.get();
    }

    void beginBurst(long nowMillis) {
        burstTime = nowMillis;
        predicate = predicates.get();
        futureLimit = maxFutureMillis > 0 ? nowMillis + maxFutureMillis : Long.MAX_VALUE;
    }

    @Override
    public void accept(FlowRecord record) {
        counters.record(record.sourceType());
        long t = record.timeStart();
        if (t > maxEventTime && t <= futureLimit) {
            maxEventTime = t;
        }
        if (predicate.matches(record)) {
            if (oldestPendingMatch == Long.MAX_VALUE) {
                oldestPendingMatch = burstTime;
            }
            if (handoff.add(record)) {
                oldestPendingMatch = Long.MAX_VALUE;
            }
        }
    }

    /** Publishes the counters and the event time of the burst. */
    void endBurst() {
        counters.publish(maxEventTime, handoff.waits(), handoff.waitNanos());
    }

    /** Hands over the pending matches when the oldest has waited {@link #HANDOFF_MAX_AGE_MILLIS}. */
    void flushIfOlder(long nowMillis) {
        if (nowMillis - oldestPendingMatch >= HANDOFF_MAX_AGE_MILLIS) {
            flush();
        }
    }

    /** Hands over the pending matches now. */
    void flush() {
        handoff.flush();
        oldestPendingMatch = Long.MAX_VALUE;
    }

    FlowCounters counters() {
        return counters;
    }
}
