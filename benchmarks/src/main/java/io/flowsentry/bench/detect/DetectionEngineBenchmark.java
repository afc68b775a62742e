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
import io.flowsentry.store.aggregate.InMemorySourceAggregates;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
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

/**
 * {@link DetectionEngine#onFlow} over a mix of flows: {@code smbPercent} % SMB to public addresses from 10,000
 * internal sources, the rest web traffic. All flows fall in one window (nothing closes), so the number is
 * the per-flow cost: event time, predicate, suppression rules, the in-memory store's update and, with early
 * rows on, the early-alert bookkeeping (each source alerts once, then is throttled).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class DetectionEngineBenchmark {

    private static final int FLOWS = 1 << 16;
    private static final int SOURCES = 10_000;
    /** 2026-11-27T10:00:00Z; all flows within the following 30 minutes. */
    private static final long WINDOW_START = 1_795_773_600_000L;

    @Param({"10", "100"})
    public int smbPercent;

    @Param({"false", "true"})
    public boolean early;

    private DetectionEngine engine;
    private final FlowRecord[] flows = new FlowRecord[FLOWS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        RowPublisher discard = new RowPublisher() {
            @Override
            public void publish(List<PublishedRow> rows) {
            }

            @Override
            public void close() {
            }
        };
        EngineSettings settings = ConfigDefaults.config().engineSettings().withEarly(early);
        engine = new DetectionEngine(settings, new SmbPredicate(DetectionProfile.ESCU_V3, null),
                SuppressionRules.NONE, new InMemorySourceAggregates(SOURCES * 2), discard,
                () -> WINDOW_START + 30 * 60_000L, null);
        Random random = new Random(7);
        for (int i = 0; i < FLOWS; i++) {
            boolean smb = random.nextInt(100) < smbPercent;
            flows[i] = new FlowRecord()
                    .timeStart(WINDOW_START + random.nextInt(30 * 60_000))
                    .srcIpv4(0x0a000000 | random.nextInt(SOURCES))
                    .dstIpv4(0x08000000 | random.nextInt(1 << 20))
                    .dstPort(smb ? 445 : 443)
                    .protocol(6)
                    .bytes(1500).packets(3)
                    .action(Action.ALLOWED)
                    .sourceType(SourceType.IPFIX);
        }
        // Warm the store and the early-alert ledger: every source exists, every early alert has fired.
        for (FlowRecord f : flows) {
            engine.onFlow(f);
        }
        engine.tick();
    }

    @Benchmark
    public void onFlow() {
        engine.onFlow(flows[next]);
        next = (next + 1) & (FLOWS - 1);
    }
}
