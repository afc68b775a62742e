package io.flowsentry.bench.store;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import io.flowsentry.store.assets.AssetTable;
import io.flowsentry.store.assets.AssetsCsvLoader;
import io.flowsentry.store.aggregate.ChronicleSourceAggregates;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The store's operations timed in thread CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime}), next to
 * the JMH wall-clock numbers: on a machine shared with other builds, wall-clock throughput mostly measures
 * how much of a core the benchmark thread got, CPU time what the code costs (still inflated by caches
 * that other processes evict). Same data as the JMH benchmarks. Usage:
 * {@code java <chronicle flags> -cp benchmarks/target/benchmarks.jar io.flowsentry.bench.store.CpuTimeRates}
 */
public final class CpuTimeRates {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuTimeRates() {
    }

    /**
     * {@code args}: {@code lookups}, {@code updates}, nothing for both, {@code update SOURCES FRONT_SLOTS OPS}
     * for one configuration of the update benchmark (for a profiler), or {@code scan SOURCES FRONT_SLOTS OPS}:
     * the same with every flow to a random destination, as a scanner or a worm sends them (each source's set
     * full after its first 64 flows, and nearly every later destination new).
     */
    public static void main(String[] args) throws Exception {
        String only = args.length > 0 ? args[0] : "";
        if ((only.equals("update") || only.equals("scan")) && args.length == 4) {
            updates(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), only.equals("scan"));
            return;
        }
        if (!only.equals("updates")) {
            lookups(false);
            lookups(true);
        }
        if (!only.equals("lookups")) {
            updates(10_000, 16_384, 20_000_000, false);
            updates(1_000_000, 16_384, 3_000_000, false);
            updates(10_000, 1, 1_000_000, false);
            updates(1_000_000, 1, 1_000_000, false);
        }
    }

    private static void lookups(boolean v6) throws Exception {
        String csv = PrefixSets.csv(100_000, v6, 42);
        long best = Long.MAX_VALUE;
        AssetTable table = null;
        for (int i = 0; i < 5; i++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            table = AssetsCsvLoader.parse("bench.csv", csv);
            best = Math.min(best, THREADS.getCurrentThreadCpuTime() - t0);
        }
        System.out.printf("assets parse+build, 100,000 %s rows: %.0f ms CPU (best of 5)%n", v6 ? "IPv6" : "IPv4", best / 1e6);
        long[] probes = PrefixSets.probes(csv, 1 << 16, v6, 7);
        long hits = 0;
        double bestNs = Double.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            int n = 10_000_000;
            long t0 = THREADS.getCurrentThreadCpuTime();
            for (int i = 0; i < n; i++) {
                int k = (i & 0xffff) << 1;
                if (table.lookup(probes[k], probes[k + 1]) != null) {
                    hits++;
                }
            }
            bestNs = Math.min(bestNs, (THREADS.getCurrentThreadCpuTime() - t0) / (double) n);
        }
        System.out.printf("lookup %s, 100,000 prefixes: %.1f ns CPU per lookup (best of 10 x 10M; %d hits)%n",
                v6 ? "IPv6" : "IPv4", bestNs, hits);
    }

    private static void updates(int sources, int frontSlots, int ops, boolean scan) throws Exception {
        Path dir = Files.createTempDirectory("aggregates-cpu");
        long window = SourceAggregatesBenchmark.WINDOW;
        try (ChronicleSourceAggregates store = ChronicleSourceAggregates.open(dir, ChronicleSourceAggregates.Options
                .defaults().withCapacity(sources + sources / 10).withFrontSlots(frontSlots))) {
            FlowRecord flow = new FlowRecord().dstPort(445).bytes(1200).packets(3).action(Action.ALLOWED)
                    .sourceType(SourceType.IPFIX).timeStart(window + 1000);
            for (int i = 0; i < sources; i++) {
                store.add(window, flow.src(0, IpAddress.v4Lo(0x0a000000 + i)).dstIpv4(0xc6336400));
            }
            store.flush();
            SplittableRandom r = new SplittableRandom(11);
            int[] draws = new int[1 << 20];
            for (int i = 0; i < draws.length; i++) {
                draws[i] = r.nextInt(sources);
            }
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 3; round++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                for (int n = 0; n < ops; n++) {
                    int s = draws[n & (draws.length - 1)];
                    flow.src(0, IpAddress.v4Lo(0x0a000000 + s)).dstIpv4(scan ? (int) (n * 0x9E3779B1L) : 0xc6336400 + (n & 15))
                            .dstPort((n & 16) == 0 ? 445 : 139).timeStart(window + (n & 0xfffff));
                    store.add(window, flow);
                }
                store.flush();
                best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - t0) / (double) ops);
            }
            System.out.printf((scan ? "scan" : "update") + ", %,d sources, front %,d slots: %.0f ns CPU per update = %.2f M/s per core"
                            + " (best of 3 x %,d, flush included); map %,d bytes = %,d per source%n",
                    sources, frontSlots, best, 1000 / best, ops, store.mapBytes(), store.mapBytes() / sources);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
