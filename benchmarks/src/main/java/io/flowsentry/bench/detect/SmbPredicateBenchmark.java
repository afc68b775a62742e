package io.flowsentry.bench.detect;

import io.flowsentry.collector.detect.DetectionProfile;
import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.store.assets.AssetEntry;
import io.flowsentry.store.assets.AssetTable;
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
 * The detection's predicate over a mix of flows: 90 % web (port 443, rejected at the first test), 10 % SMB
 * to random IPv4 destinations (through the range checks and one assets lookup). The assets table is a
 * stand-in holding one /8, so the number measures the predicate, not the table.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx512m")
public class SmbPredicateBenchmark {

    private static final int FLOWS = 4096;

    @Param({"escu-v3", "extended"})
    public String profile;

    private SmbPredicate predicate;
    private final FlowRecord[] flows = new FlowRecord[FLOWS];
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        AssetEntry internal = new AssetEntry("57.0.0.0/8", List.of("internal"));
        AssetTable assets = new AssetTable() {
            @Override
            public AssetEntry lookup(long hi, long lo) {
                return IpAddress.isIpv4(hi, lo) && (IpAddress.ipv4(lo) >>> 24) == 57 ? internal : null;
            }

            @Override
            public int size() {
                return 1;
            }
        };
        predicate = new SmbPredicate(DetectionProfile.fromText(profile), assets);
        Random random = new Random(42);
        for (int i = 0; i < FLOWS; i++) {
            boolean smb = random.nextInt(10) == 0;
            flows[i] = new FlowRecord()
                    .srcIpv4(0x0a000000 | random.nextInt(1 << 16))
                    .dstIpv4(random.nextInt())
                    .dstPort(smb ? 445 : 443)
                    .protocol(6)
                    .action(Action.UNKNOWN);
        }
    }

    @Benchmark
    public boolean matches() {
        FlowRecord f = flows[next];
        next = (next + 1) & (FLOWS - 1);
        return predicate.matches(f);
    }
}
