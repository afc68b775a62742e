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
 * (a reload swaps it) and fixes the future guard, {@link #endBurst} hands over the matches and publishes
 * the counters.
 */
final class Ingest implements FlowSink {

    private final Supplier<SmbPredicate> predicates;
    private final MatchHandoff.Producer handoff;
    private final FlowCounters counters = new FlowCounters();
    private final long maxFutureMillis;

    private SmbPredicate predicate;
    private long futureLimit = Long.MAX_VALUE;
    private long maxEventTime;

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
            handoff.add(record);
        }
    }

    void endBurst() {
        handoff.flush();
        counters.publish(maxEventTime);
    }

    FlowCounters counters() {
        return counters;
    }

    long handoffWaits() {
        return handoff.waits();
    }
}
