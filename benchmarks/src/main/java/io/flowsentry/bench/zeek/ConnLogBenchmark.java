package io.flowsentry.bench.zeek;

import io.flowsentry.decoder.zeek.BadLineLog;
import io.flowsentry.decoder.zeek.ConnLogCounters;
import io.flowsentry.decoder.zeek.ConnLogLineDecoder;
import io.flowsentry.decoder.zeek.ConnLogReader;
import io.flowsentry.decoder.zeek.LineSplitter;
import io.flowsentry.flow.FlowRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * conn.log lines per second, one thread, fully parsed into flow records: {@code *Lines} parse lines
 * already cut (the decoder alone, one reused record), {@code *Reader} go through
 * {@link ConnLogReader#read} over the bytes in memory (line cutting included). One operation is one
 * line. Input: the first {@value #LINES} data lines of the files bench/make-connlog.py writes:
 * <pre>
 * python3 bench/make-connlog.py /tmp/zeekbench/conn-2m.log
 * python3 bench/make-connlog.py --format json /tmp/zeekbench/conn-2m.json.log
 * java -jar benchmarks/target/benchmarks.jar ConnLogBenchmark -p tsvFile=... -p jsonFile=... -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class ConnLogBenchmark {

    static final int LINES = 200_000;

    @Param("/tmp/zeekbench/conn-2m.log")
    public String tsvFile;

    @Param("/tmp/zeekbench/conn-2m.json.log")
    public String jsonFile;

    private Chunk tsv;
    private Chunk json;
    private ConnLogLineDecoder tsvDecoder;
    private ConnLogLineDecoder jsonDecoder;
    private Blackhole blackhole;
    private final ConnLogCounters counters = new ConnLogCounters();

    /** The first lines of a file, in one array, with each line's start offset. */
    record Chunk(byte[] bytes, int[] starts, int headerLines) {
        int lineStart(int i) {
            return starts[i];
        }

        int lineLength(int i) {
            return starts[i + 1] - starts[i] - 1;
        }
    }

    @Setup
    public void setup(Blackhole bh) throws IOException {
        blackhole = bh;
        tsv = load(Path.of(tsvFile));
        json = load(Path.of(jsonFile));
        FlowSinkToBlackhole sink = new FlowSinkToBlackhole();
        BadLineLog quiet = new BadLineLog(m -> { }, () -> 0L, 0, 1);
        tsvDecoder = new ConnLogLineDecoder(tsvFile, sink, counters, quiet);
        jsonDecoder = new ConnLogLineDecoder(jsonFile, sink, counters, quiet);
        // The TSV header, once: the benchmark then parses data lines only.
        for (int i = 0; i < tsv.headerLines(); i++) {
            tsvDecoder.line(tsv.bytes(), tsv.lineStart(i), tsv.lineLength(i), i + 1);
        }
        long before = counters.records();
        runLines(tsvDecoder, tsv);
        runLines(jsonDecoder, json);
        if (counters.records() - before != 2L * LINES || counters.badTotal() != 0) {
            throw new IllegalStateException("input does not parse cleanly: " + counters);
        }
    }

    private final class FlowSinkToBlackhole implements io.flowsentry.flow.FlowSink {
        @Override
        public void accept(FlowRecord r) {
            blackhole.consume(r.dstPort());
            blackhole.consume(r.srcLo());
            blackhole.consume(r.timeStart());
        }
    }

    private static Chunk load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: write it with bench/make-connlog.py (see BENCHMARKS.md)");
        }
        byte[] buf = new byte[LINES * 512];
        int[] starts = new int[LINES + 64];
        int n = 0;
        int lines = 0;
        int header = 0;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            starts[0] = 0;
            int b;
            boolean lineStart = true;
            while (lines < LINES + header && (b = in.read()) >= 0) {
                if (lineStart && b == '#') {
                    header++;
                }
                lineStart = b == '\n';
                buf[n++] = (byte) b;
                if (b == '\n') {
                    starts[++lines] = n;
                }
            }
        }
        return new Chunk(Arrays.copyOf(buf, n), Arrays.copyOf(starts, lines + 1), header);
    }

    private static void runLines(ConnLogLineDecoder decoder, Chunk c) {
        for (int i = c.headerLines(); i < c.starts().length - 1; i++) {
            decoder.line(c.bytes(), c.lineStart(i), c.lineLength(i), i + 1);
        }
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void tsvLines() {
        runLines(tsvDecoder, tsv);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public void jsonLines() {
        runLines(jsonDecoder, json);
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public ConnLogCounters tsvReader() throws IOException {
        ConnLogCounters c = new ConnLogCounters();
        ConnLogReader.read(new ByteArrayInputStream(tsv.bytes()), tsvFile, r -> blackhole.consume(r.dstPort()), c);
        return c;
    }

    @Benchmark
    @OperationsPerInvocation(LINES)
    public ConnLogCounters jsonReader() throws IOException {
        ConnLogCounters c = new ConnLogCounters();
        ConnLogReader.read(new ByteArrayInputStream(json.bytes()), jsonFile, r -> blackhole.consume(r.dstPort()), c);
        return c;
    }

    /** Line cutting alone, for comparison with awk's field splitting. */
    @Benchmark
    @OperationsPerInvocation(LINES)
    public long tsvSplitOnly() {
        splitter.reset(0, 0);
        return cutLines(splitter, tsv.bytes(), countLines);
    }

    /** Feeds {@code src} through {@code s} as a reader would, a buffer at a time; returns the lines cut. */
    static long cutLines(LineSplitter s, byte[] src, LineSplitter.Lines out) {
        int pos = 0;
        while (pos < src.length) {
            int n = Math.min(s.writable(), src.length - pos);
            System.arraycopy(src, pos, s.buffer(), s.writeOffset(), n);
            s.written(n);
            s.drain(out);
            pos += n;
        }
        return s.lineNumber();
    }

    private final LineSplitter splitter = new LineSplitter(ConnLogReader.MAX_LINE_LENGTH);
    private final LineSplitter.Lines countLines = new LineSplitter.Lines() {
        @Override
        public void line(byte[] buf, int off, int len, long lineNumber) {
            blackhole.consume(len);
        }

        @Override
        public void tooLong(long lineNumber) {
        }
    };
}
