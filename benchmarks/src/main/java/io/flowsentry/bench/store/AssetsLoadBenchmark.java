package io.flowsentry.bench.store;

import io.flowsentry.store.assets.AssetTable;
import io.flowsentry.store.assets.AssetsCsvLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;

/** Loading an assets file of 100,000 IPv4 CIDR rows from disk into a lookup table: ms per load. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class AssetsLoadBenchmark {

    @Param({"100000"})
    int entries;

    private Path file;

    @Setup(Level.Trial)
    public void write() throws Exception {
        file = Files.createTempFile("assets-bench", ".csv");
        Files.writeString(file, PrefixSets.csv(entries, false, 42), StandardCharsets.UTF_8);
    }

    @TearDown(Level.Trial)
    public void delete() throws Exception {
        Files.deleteIfExists(file);
    }

    @Benchmark
    public AssetTable load() throws Exception {
        return AssetsCsvLoader.load(file);
    }
}
