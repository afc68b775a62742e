package io.flowsentry.collector.run;

import io.flowsentry.collector.detect.DetectionEngine;
import io.flowsentry.collector.detect.RowKind;
import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.collector.publish.FilePublisher;
import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SourceType;
import io.flowsentry.store.aggregate.ChronicleSourceAggregates;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.SplittableRandom;

/**
 * The second half of the start-up warm-up: the detection path as a worm or a scanner drives it, on a private
 * engine and store, before the listeners bind. Many sources seen for the first time (each an early row, the
 * store's front filling with keys that never repeat, so that it turns to the map directly) and a few sources
 * each sending to far more destinations than a set keeps (merges of full sets, the distinct-count sketches).
 * The rows go through a real {@link FilePublisher} and the early-alert ledger and checkpoint are saved, all in
 * {@code <data-dir>/warm-up-scan/}, deleted at the end.
 *
 * <p>Why: {@link DetectionWarmUp} feeds the detection the matches of the synthetic exports, about 1,500
 * sources with a few flows each. A worm of 100,000 sources at 0.5 M flows/s then met a detection thread whose
 * early-row, publishing and direct-to-map paths were still interpreted or compiled on a narrower profile: 4.2 s
 * of compiling after the listeners bound, mostly in the first 5 s, while the kernel dropped datagrams
 * (BENCHMARKS.md, "The worm's first seconds").
 *
 * <p>Everything is private and thrown away, as in {@link DetectionWarmUp}: the collector's counters, map,
 * ledger, detection files and webhooks never see it.
 */
final class ScanWarmUp {

    static final String DIRECTORY = "warm-up-scan";
    /**
     * New sources: more than the 16,384 slots of the default front, so that the front fills with keys seen once
     * and the store goes straight to the map, as it does under a worm. With the scanners, each source's early
     * and window rows call the row JSON, the row ids and the publisher about 40,000 times, past the point where
     * C2 compiles them (about 15,000 calls with tiered compilation).
     */
    static final int NEW_SOURCES = 20_000;
    /** Sources that each scan {@link #SCAN_DESTINATIONS} destinations: their sets fill and overflow. */
    static final int SCANNERS = 256;
    static final int SCAN_DESTINATIONS = 160;
    /** Flows between engine ticks: a tick publishes the early rows of about this many new sources, as under a worm. */
    static final int FLOWS_PER_TICK = 4_096;
    /** Map entries: every source, with room to spare. */
    static final long CAPACITY = 65_536;

    /** What the scan warm-up did, for the start-up log. */
    record Result(long flows, long sources, long earlyRows, long windowRows, long millis) {
    }

    private ScanWarmUp() {
    }

    /**
     * Runs the scan warm-up in {@code <data-dir>/warm-up-scan/} (removing a leftover one first) and deletes it.
     *
     * @throws IOException when the directory, the map or the detection file cannot be set up
     */
    static Result run(DetectionWarmUp.Settings settings, SmbPredicate predicate, Clock clock) throws IOException {
        long start = System.nanoTime();
        Path directory = settings.dataDir().resolve(DIRECTORY);
        DetectionWarmUp.deleteTree(directory);
        ClockMillis millis = new ClockMillis(clock);
        try {
            ChronicleSourceAggregates.Options defaults = ChronicleSourceAggregates.Options.defaults();
            ChronicleSourceAggregates store = ChronicleSourceAggregates.open(directory.resolve("aggregates"),
                    defaults.withCapacity(CAPACITY).withLimits(settings.limits())
                            .withFlushInterval(defaults.flushIntervalMillis(), millis));
            try (FilePublisher publisher = new FilePublisher(directory.resolve("detections"), clock)) {
                DetectionEngine engine = new DetectionEngine(settings.engine(), predicate, settings.rules(), store,
                        publisher, millis, directory.resolve("engine"));
                long flows = feed(engine, clock.millis());
                long sources = store.size();
                engine.closeAll();
                return new Result(flows, sources, engine.counters().rows(RowKind.EARLY),
                        engine.counters().rows(RowKind.WINDOW), (System.nanoTime() - start) / 1_000_000L);
            } finally {
                store.close();
            }
        } finally {
            DetectionWarmUp.deleteTree(directory);
        }
    }

    /** Outbound SMB from 10.128.0.0/9 to 45.0.0.0/8; returns the flows fed. */
    private static long feed(DetectionEngine engine, long now) {
        SplittableRandom random = new SplittableRandom(42);
        FlowRecord flow = new FlowRecord();
        long flows = 0;
        int source = 0x0a800000;
        for (int i = 0; i < NEW_SOURCES; i++) {
            flows = add(engine, outboundSmb(flow, source++, random, now), flows);
        }
        for (int s = 0; s < SCANNERS; s++) {
            int scanner = source++;
            for (int d = 0; d < SCAN_DESTINATIONS; d++) {
                flows = add(engine, outboundSmb(flow, scanner, random, now), flows);
            }
        }
        engine.tick();
        return flows;
    }

    private static long add(DetectionEngine engine, FlowRecord flow, long flows) {
        engine.onMatchedFlow(flow);
        if ((flows + 1) % FLOWS_PER_TICK == 0) {
            engine.tick();
        }
        return flows + 1;
    }

    private static FlowRecord outboundSmb(FlowRecord flow, int source, SplittableRandom random, long now) {
        return flow.reset().srcIpv4(source).dstIpv4(0x2d000000 + random.nextInt(1 << 24)).protocol(6)
                .srcPort(49152 + random.nextInt(16384)).dstPort(random.nextBoolean() ? 445 : 139)
                .bytes(200 + random.nextInt(4000)).packets(2 + random.nextInt(10)).timeStart(now - random.nextInt(60_000))
                .action(Action.ALLOWED).sourceType(SourceType.NETFLOW_V9);
    }
}
