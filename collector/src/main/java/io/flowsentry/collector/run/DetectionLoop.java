package io.flowsentry.collector.run;

import io.flowsentry.collector.detect.DetectionEngine;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.store.aggregate.SourceAggregates;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detection thread: the only thread that touches the {@link DetectionEngine} and its store. It drains
 * the {@link MatchHandoff}, moves event time with what every producer has seen, ticks the engine (early
 * rows within a second, windows once event time passes their end plus lateness) and flushes the store.
 */
final class DetectionLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DetectionLoop.class);

    /** 250 ms: early rows go out well within the one second promised. */
    static final long TICK_MILLIS = 250;
    /** The store's front aggregation is merged into the map at least once a second, for {@code sources}. */
    static final long FLUSH_MILLIS = 1_000;

    private final DetectionEngine engine;
    private final SourceAggregates store;
    private final MatchSource matches;
    private final Supplier<List<FlowCounters>> producers;
    private final LongSupplier clock;
    private final Thread thread;
    private final long flushMillis;

    private volatile boolean stopping;
    /** The producers' activity at the last tick (records decoded): a change is traffic for the idle rule. */
    private long lastRecords;
    private volatile long windowsOpen;
    private volatile long failures;

    DetectionLoop(DetectionEngine engine, SourceAggregates store, MatchSource matches,
                  Supplier<List<FlowCounters>> producers, LongSupplier clock) {
        this(engine, store, matches, producers, clock, "flowsentry-detection", FLUSH_MILLIS);
    }

    /**
     * @param threadName the detection thread's name ({@code flowsentry-detection} for the collector's)
     * @param flushMillis how often the store is flushed ({@link #FLUSH_MILLIS} for the collector's)
     */
    DetectionLoop(DetectionEngine engine, SourceAggregates store, MatchSource matches,
                  Supplier<List<FlowCounters>> producers, LongSupplier clock, String threadName, long flushMillis) {
        this.engine = engine;
        this.store = store;
        this.matches = matches;
        this.producers = producers;
        this.clock = clock;
        this.thread = new Thread(this, threadName);
        this.flushMillis = flushMillis;
    }

    void start() {
        thread.start();
    }

    /** Asks the loop to finish: it drains what the producers handed over, ticks once more and returns. */
    void stopAndJoin() throws InterruptedException {
        stopping = true;
        thread.join();
    }

    @Override
    public void run() {
        long nextTick = 0;
        long nextFlush = 0;
        while (true) {
            boolean stop = stopping;
            try {
                MatchHandoff.Batch batch = stop ? matches.pollStopping() : matches.poll(50);
                if (batch != null) {
                    consume(batch);
                } else if (stop) {
                    break;
                }
                long now = clock.getAsLong();
                if (now >= nextTick) {
                    tick();
                    nextTick = now + TICK_MILLIS;
                }
                if (now >= nextFlush) {
                    store.flush();
                    matches.stored();
                    nextFlush = now + flushMillis;
                }
            } catch (InterruptedException e) {
                stopping = true;
            } catch (RuntimeException e) {
                failures++;
                LOG.error("detection step failed (it goes on with the next batch): {}", e.toString(), e);
            }
        }
        try {
            tick();
            store.flush();
            matches.stored();
        } catch (RuntimeException e) {
            failures++;
            LOG.error("final detection tick failed: {}", e.toString(), e);
        } finally {
            matches.finished();
        }
    }

    private void consume(MatchHandoff.Batch batch) {
        try {
            FlowRecord[] records = batch.records;
            for (int i = 0; i < batch.size; i++) {
                engine.onMatchedFlow(records[i]);
            }
        } finally {
            matches.recycle(batch);
        }
    }

    private void tick() {
        long records = 0;
        for (FlowCounters c : producers.get()) {
            long t = c.maxEventTime();
            if (t > 0) {
                engine.observeEventTime(t);
            }
            records += c.activity();
        }
        if (records != lastRecords) {
            lastRecords = records;
            engine.noteTraffic();
        }
        engine.tick();
        windowsOpen = store.windows().length;
    }

    long windowsOpen() {
        return windowsOpen;
    }

    /** The engine is closing windows on the clock: no flow for {@code idle_after}. */
    boolean idle() {
        return engine.idle();
    }

    long failures() {
        return failures;
    }
}
