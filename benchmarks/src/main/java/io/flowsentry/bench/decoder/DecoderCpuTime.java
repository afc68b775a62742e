package io.flowsentry.bench.decoder;

import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.decoder.SyntheticExports;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;

/**
 * The {@link DecoderBenchmark} datagrams timed in thread CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime}):
 * on a machine shared with other builds, JMH's wall-clock score mostly measures how much of a core the
 * benchmark thread got; CPU time measures what the decoder costs (still inflated by caches and SMT
 * siblings that other processes share). Prints the best of {@code rounds} rounds of {@code datagrams}
 * datagrams per format, after a warm-up of the same size; all formats in one JVM (a collector's mixed
 * profile) unless a name prefix selects one (as a JMH fork does). Usage:
 * {@code java -cp benchmarks/target/benchmarks.jar io.flowsentry.bench.decoder.DecoderCpuTime [datagrams] [rounds] [name prefix]}
 */
public final class DecoderCpuTime {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DecoderCpuTime() {
    }

    public static void main(String[] args) {
        int datagrams = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String only = args.length > 2 ? args[2] : "";
        FlowDecoder decoder = new FlowDecoder(Clock.systemUTC());
        DecoderBenchmark.CountingSink sink = new DecoderBenchmark.CountingSink();
        byte[] v9Template = SyntheticExports.v9Template(300, SyntheticExports.V9_FIELDS);
        decoder.decode(0, DecoderBenchmark.EXPORTER_LO, v9Template, 0, v9Template.length, 0, sink);
        byte[] t4 = SyntheticExports.ipfixTemplate(301, SyntheticExports.IPFIX_V4_FIELDS);
        decoder.decode(0, DecoderBenchmark.EXPORTER_LO, t4, 0, t4.length, 0, sink);
        byte[] t6 = SyntheticExports.ipfixTemplate(302, SyntheticExports.IPFIX_V6_FIELDS);
        decoder.decode(0, DecoderBenchmark.EXPORTER_LO, t6, 0, t6.length, 0, sink);
        byte[][] inputs = {SyntheticExports.v5(0), SyntheticExports.v9Data(300, SyntheticExports.V9_FIELDS, 0),
                SyntheticExports.ipfixData(301, SyntheticExports.IPFIX_V4_FIELDS, 0), SyntheticExports.ipfixData(302, SyntheticExports.IPFIX_V6_FIELDS, 0)};
        String[] names = {"netflowV5", "netflowV9", "ipfixIpv4", "ipfixIpv6"};
        int[] records = {DecoderBenchmark.V5_RECORDS, DecoderBenchmark.V9_RECORDS, DecoderBenchmark.IPFIX_V4_RECORDS,
                DecoderBenchmark.IPFIX_V6_RECORDS};
        for (int f = 0; f < inputs.length; f++) {
            if (names[f].startsWith(only)) {
                run(decoder, inputs[f], sink, datagrams);
            }
        }
        StringBuilder line = new StringBuilder();
        for (int f = 0; f < inputs.length; f++) {
            if (!names[f].startsWith(only)) {
                continue;
            }
            long before = sink.records;
            run(decoder, inputs[f], sink, 1);
            if (sink.records - before != records[f]) {
                throw new IllegalStateException(names[f] + " decoded to " + (sink.records - before) + " records, expected " + records[f]);
            }
            double best = Double.MAX_VALUE;
            for (int r = 0; r < rounds; r++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                run(decoder, inputs[f], sink, datagrams);
                best = Math.min(best, (THREADS.getCurrentThreadCpuTime() - t0) / ((double) datagrams * records[f]));
            }
            line.append(String.format("%s %.1f  ", names[f], best));
        }
        System.out.println(line.append("ns CPU/record (best of ").append(rounds).append(" x ")
                .append(datagrams).append(" datagrams; checksum ").append(sink.bytes).append(')'));
    }

    private static void run(FlowDecoder decoder, byte[] datagram, DecoderBenchmark.CountingSink sink, int n) {
        for (int i = 0; i < n; i++) {
            decoder.decode(0, DecoderBenchmark.EXPORTER_LO, datagram, 0, datagram.length, 0, sink);
        }
    }
}
