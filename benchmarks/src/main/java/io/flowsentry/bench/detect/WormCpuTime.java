package io.flowsentry.bench.detect;

import io.flowsentry.collector.config.ConfigDefaults;
import io.flowsentry.collector.detect.DetectionEngine;
import io.flowsentry.collector.detect.DetectionProfile;
import io.flowsentry.collector.detect.EngineSettings;
import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.collector.detect.SuppressionRules;
import io.flowsentry.collector.publish.PublishedRow;
import io.flowsentry.collector.publish.RowPublisher;
import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SourceType;
import io.flowsentry.store.aggregate.ChronicleSourceAggregates;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The detection thread's cost per flow in a worm's steady state, in thread CPU time: {@link DetectionEngine#onMatchedFlow}
 * with the Chronicle store of the collector's defaults, every flow outbound SMB from one of {@code SOURCES}
 * sources (100,000 by default, as in {@code bench/e2e.py worm}) to a random destination, early rows on, a tick
 * every 125,000 flows (a quarter of a second at 0.5 M flows/s) into a publisher that formats nothing. The first
 * pass of every source (its early row, its map entry) is the warm-up; the rounds after it are timed. The clock
 * moves 2 ms per 1,000 flows, as at 0.5 M flows/s. Usage:
 * {@code java <chronicle flags> -cp benchmarks/target/benchmarks.jar io.flowsentry.bench.detect.WormCpuTime [SOURCES [FLOWS [FRONT_SLOTS]]]}
 */
public final class WormCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** 2026-11-27T10:00:00Z. */
    private static final long START = 1_795_773_600_000L;

    private WormCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int sources = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int flows = args.length > 1 ? Integer.parseInt(args[1]) : 5_000_000;
        ChronicleSourceAggregates.Options options = ChronicleSourceAggregates.Options.defaults();
        int frontSlots = args.length > 2 ? Integer.parseInt(args[2]) : options.frontSlots();
        Path dir = Files.createTempDirectory("worm-bench");
        long[] clock = {START};
        try (ChronicleSourceAggregates store = ChronicleSourceAggregates.open(dir, options.withFrontSlots(frontSlots)
                .withFlushInterval(1_000, () -> clock[0]))) {
            RowPublisher discard = new RowPublisher() {
                @Override
                public void publish(List<PublishedRow> rows) {
                }

                @Override
                public void close() {
                }
            };
            EngineSettings settings = ConfigDefaults.config().engineSettings();
            DetectionEngine engine = new DetectionEngine(settings, new SmbPredicate(DetectionProfile.ESCU_V3, null),
                    SuppressionRules.NONE, store, discard, () -> clock[0], null);
            SplittableRandom random = new SplittableRandom(7);
            FlowRecord flow = new FlowRecord().protocol(6).dstPort(445).bytes(1500).packets(3).action(Action.ALLOWED)
                    .sourceType(SourceType.NETFLOW_V9);
            long n = 0;
            // Warm-up: every source's first flows, its early row and map entry.
            for (int i = 0; i < 3 * sources; i++) {
                n = feed(engine, flow, random, sources, n, clock);
            }
            for (int round = 0; round < 5; round++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < flows; i++) {
                    n = feed(engine, flow, random, sources, n, clock);
                }
                double ns = (THREADS.getCurrentThreadCpuTime() - t0) / (double) flows;
                System.out.printf("worm, %,d sources, front of %,d slots: %.0f ns CPU per flow = %.2f M flows/s per core"
                        + " (round %d of %,d flows)%n", sources, frontSlots, ns, 1000 / ns, round + 1, flows);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static long feed(DetectionEngine engine, FlowRecord flow, SplittableRandom random, int sources, long n,
                             long[] clock) {
        flow.srcIpv4(0x0a000000 + random.nextInt(sources)).dstIpv4(0x2d000000 + random.nextInt(1 << 24))
                .srcPort(49152 + random.nextInt(16384)).timeStart(clock[0] - random.nextInt(1_000));
        engine.onMatchedFlow(flow);
        n++;
        if (n % 1_000 == 0) {
            clock[0] += 2;
        }
        if (n % 125_000 == 0) {
            engine.tick();
        }
        return n;
    }
}
