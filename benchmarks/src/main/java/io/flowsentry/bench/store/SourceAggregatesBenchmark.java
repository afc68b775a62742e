package io.flowsentry.bench.store;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import io.flowsentry.store.aggregate.ChronicleSourceAggregates;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Updates per second of the persisted aggregate store, one thread: each op adds one flow of a source
 * drawn at random from a set of {@code sources} (10,000 hot, 1,000,000 cold), already present in the map
 * (the setup inserts every source once). Each flow goes to one of 16 destinations and 2 ports, so the
 * distinct sets stay small as in real traffic. {@code frontSlots = 1} is the baseline without front
 * aggregation (every flow is one update of its map entry).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {
        "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
        "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
        "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
        "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
        "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
        "--add-opens=java.base/java.io=ALL-UNNAMED",
        "--add-opens=java.base/java.util=ALL-UNNAMED",
        "--add-opens=java.base/java.nio=ALL-UNNAMED",
        "-Xmx2g"})
public class SourceAggregatesBenchmark {

    static final long WINDOW = 1_795_773_600_000L;
    private static final int DRAWS = 1 << 20;

    @Param({"10000", "1000000"})
    int sources;

    @Param({"16384"})
    int frontSlots;

    private Path dir;
    private ChronicleSourceAggregates store;
    private final FlowRecord flow = new FlowRecord();
    private int[] draws;
    private int next;

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Files.createTempDirectory("aggregates-bench");
        store = ChronicleSourceAggregates.open(dir, ChronicleSourceAggregates.Options.defaults()
                .withCapacity(sources + sources / 10).withFrontSlots(frontSlots));
        SplittableRandom r = new SplittableRandom(11);
        draws = new int[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = r.nextInt(sources);
        }
        flow.reset().dstPort(445).bytes(1200).packets(3).action(Action.ALLOWED).sourceType(SourceType.IPFIX)
                .timeStart(WINDOW + 1000);
        for (int i = 0; i < sources; i++) {
            store.add(WINDOW, flow.src(0, source(i)).dstIpv4(0xc6336400));
        }
        store.flush();
    }

    /**
     * Source {@code i}: 10.0.0.0 upward, computed rather than read from a table, so that the measured
     * operation has no memory access of its own beside the sequential draws (a table of 1,000,000 longs,
     * 8 MiB read at random, added an L3 miss to every cold update).
     */
    private static long source(int i) {
        return IpAddress.v4Lo(0x0a000000 + i);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        System.out.printf("%n[store] %d sources, map mapping %d bytes = %d bytes per source%n",
                store.size(), store.mapBytes(), store.mapBytes() / Math.max(1, store.size()));
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public boolean update() {
        int n = next++;
        int s = draws[n & (DRAWS - 1)];
        flow.src(0, source(s)).dstIpv4(0xc6336400 + (n & 15)).dstPort((n & 16) == 0 ? 445 : 139)
                .timeStart(WINDOW + (n & 0xfffff));
        return store.add(WINDOW, flow);
    }
}
