package io.flowsentry.bench.zeek;

import io.flowsentry.decoder.zeek.ConnLogCounters;
import io.flowsentry.decoder.zeek.ConnLogReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The awk comparison: reads a whole conn.log from disk with {@link ConnLogReader}, every line parsed
 * into a flow record, and counts those to port 445, as {@code mawk -F'\t' '$6==445'} selects them.
 * Prints wall and CPU time of the reading thread. Runs {@code args[1]} times (default 3) in one JVM so
 * the later runs are JIT-compiled.
 * <pre>java -cp benchmarks/target/benchmarks.jar io.flowsentry.bench.zeek.ConnLogFileScan /tmp/zeekbench/conn-2m.log 3</pre>
 */
public final class ConnLogFileScan {

    private ConnLogFileScan() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= runs; run++) {
            long[] port445 = new long[1];
            ConnLogCounters counters = new ConnLogCounters();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long wall0 = System.nanoTime();
            try (InputStream in = Files.newInputStream(file)) {
                ConnLogReader.read(in, file.toString(), r -> {
                    if (r.dstPort() == 445) {
                        port445[0]++;
                    }
                }, counters);
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
            System.out.printf("run %d: %d records, %d to port 445, %s; wall %.2f s (%.2f M lines/s), cpu %.2f s (%.2f M lines/s)%n",
                    run, counters.records(), port445[0], counters, wall, counters.records() / wall / 1e6, cpu,
                    counters.records() / cpu / 1e6);
        }
    }
}
