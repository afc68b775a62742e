package io.flowsentry.bench.zeek;

import io.flowsentry.decoder.zeek.BadLineLog;
import io.flowsentry.decoder.zeek.ConnLogCounters;
import io.flowsentry.decoder.zeek.ConnLogReader;
import io.flowsentry.decoder.zeek.LineSplitter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A whole conn.log read from memory, timed in thread CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime}):
 * on a machine shared with other builds, the best and the median of many passes say more about the
 * code than wall-clock time. Two jobs per pass: cutting lines alone ({@link LineSplitter}), and
 * {@link ConnLogReader#read} (every line parsed into a flow record, the port-445 records counted, as
 * {@link ConnLogFileScan} does from disk). The file is held in memory, so no pass reads the disk.
 * <pre>java -Xmx1g -cp benchmarks/target/benchmarks.jar io.flowsentry.bench.zeek.ConnLogCpuTime /tmp/zeekbench/conn-2m.log 10</pre>
 */
public final class ConnLogCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private ConnLogCpuTime() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        byte[] bytes = Files.readAllBytes(file);
        long[] split = new long[passes];
        long[] read = new long[passes];
        long lines = 0;
        long records = 0;
        long port445 = 0;
        for (int pass = 0; pass < passes; pass++) {
            long t0 = THREADS.getCurrentThreadCpuTime();
            lines = splitOnly(bytes);
            split[pass] = THREADS.getCurrentThreadCpuTime() - t0;
            long[] matches = new long[1];
            ConnLogCounters counters = new ConnLogCounters();
            t0 = THREADS.getCurrentThreadCpuTime();
            ConnLogReader.read(new ByteArrayInputStream(bytes), file.toString(), r -> {
                if (r.dstPort() == 445) {
                    matches[0]++;
                }
            }, counters, new BadLineLog(m -> { }, () -> 0L, 0, 1));
            read[pass] = THREADS.getCurrentThreadCpuTime() - t0;
            records = counters.records();
            port445 = matches[0];
        }
        System.out.printf("%s: %d lines, %d records, %d to port 445; %d passes, the first two (JIT warm-up) left out%n",
                file, lines, records, port445, passes);
        report("lines cut (LineSplitter)", split, lines);
        report("read and parsed (ConnLogReader)", read, records);
    }

    private static void report(String job, long[] cpuNanos, long count) {
        long[] warm = Arrays.copyOfRange(cpuNanos, Math.min(2, cpuNanos.length - 1), cpuNanos.length);
        Arrays.sort(warm);
        long best = warm[0];
        long median = warm[warm.length / 2];
        System.out.printf("  %-32s CPU best %.3f s (%.2f M/s), median %.3f s (%.2f M/s)%n", job, best / 1e9,
                count / (best / 1e3), median / 1e9, count / (median / 1e3));
    }

    private static long splitOnly(byte[] bytes) {
        LineSplitter s = new LineSplitter(ConnLogReader.MAX_LINE_LENGTH);
        long[] length = new long[1];
        LineSplitter.Lines sum = new LineSplitter.Lines() {
            @Override
            public void line(byte[] buf, int off, int len, long lineNumber) {
                length[0] += len;
            }

            @Override
            public void tooLong(long lineNumber) {
            }
        };
        ConnLogBenchmark.cutLines(s, bytes, sum);
        s.finish(sum);
        return s.lineNumber();
    }
}
