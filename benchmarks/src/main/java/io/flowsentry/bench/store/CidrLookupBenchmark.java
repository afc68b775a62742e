package io.flowsentry.bench.store;

import io.flowsentry.store.assets.AssetEntry;
import io.flowsentry.store.assets.AssetTable;
import io.flowsentry.store.assets.AssetsCsvLoader;
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
 * Longest-prefix match in an assets table of 100,000 prefixes of one family: ns per lookup, and (with
 * {@code -prof gc}) bytes allocated per lookup. Probes cycle through 65,536 precomputed addresses.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class CidrLookupBenchmark {

    private static final int PROBES = 1 << 16;

    @Param({"100000"})
    int prefixes;

    @Param({"v4", "v6"})
    String family;

    private AssetTable table;
    private long[] probes;
    private int next;

    @Setup(Level.Trial)
    public void load() throws Exception {
        boolean v6 = family.equals("v6");
        String csv = PrefixSets.csv(prefixes, v6, 42);
        table = AssetsCsvLoader.parse("bench.csv", csv);
        probes = PrefixSets.probes(csv, PROBES, v6, 7);
    }

    @Benchmark
    public AssetEntry lookup() {
        int i = (next++ & (PROBES - 1)) << 1;
        return table.lookup(probes[i], probes[i + 1]);
    }
}
