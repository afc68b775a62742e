package io.flowsentry.bench.decoder;

import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.decoder.SyntheticExports;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.FlowSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Nanoseconds per flow record for each wire format: one datagram of about 1,400 bytes per invocation,
 * divided by its record count ({@link OperationsPerInvocation}). With {@code -prof gc},
 * {@code gc.alloc.rate.norm} is bytes per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecoderBenchmark {

    /** Records per datagram, from {@link SyntheticExports#recordsPerDatagram}: checked in {@link #setUp()}. */
    static final int V5_RECORDS = 30;
    static final int V9_RECORDS = 35;
    static final int IPFIX_V4_RECORDS = 21;
    static final int IPFIX_V6_RECORDS = 15;
    static final long EXPORTER_LO = 0x0000_ffff_c000_020aL;

    private FlowDecoder decoder;
    private byte[] v5;
    private byte[] v9;
    private byte[] ipfixV4;
    private byte[] ipfixV6;
    private final CountingSink sink = new CountingSink();

    /** Consumes each record the way a real sink would read it, without keeping it. */
    static final class CountingSink implements FlowSink {
        long bytes;
        long records;

        @Override
        public void accept(FlowRecord r) {
            bytes += r.bytes() + r.srcLo() + r.dstPort() + r.timeStart();
            records++;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        decoder = new FlowDecoder(Clock.systemUTC());
        v5 = SyntheticExports.v5(0);
        byte[] v9Template = SyntheticExports.v9Template(300, SyntheticExports.V9_FIELDS);
        decoder.decode(0, EXPORTER_LO, v9Template, 0, v9Template.length, 0, sink);
        v9 = SyntheticExports.v9Data(300, SyntheticExports.V9_FIELDS, 0);
        byte[] t4 = SyntheticExports.ipfixTemplate(301, SyntheticExports.IPFIX_V4_FIELDS);
        decoder.decode(0, EXPORTER_LO, t4, 0, t4.length, 0, sink);
        ipfixV4 = SyntheticExports.ipfixData(301, SyntheticExports.IPFIX_V4_FIELDS, 0);
        byte[] t6 = SyntheticExports.ipfixTemplate(302, SyntheticExports.IPFIX_V6_FIELDS);
        decoder.decode(0, EXPORTER_LO, t6, 0, t6.length, 0, sink);
        ipfixV6 = SyntheticExports.ipfixData(302, SyntheticExports.IPFIX_V6_FIELDS, 0);
        check(v5, V5_RECORDS);
        check(v9, V9_RECORDS);
        check(ipfixV4, IPFIX_V4_RECORDS);
        check(ipfixV6, IPFIX_V6_RECORDS);
    }

    private void check(byte[] datagram, int expected) {
        long before = sink.records;
        decoder.decode(0, EXPORTER_LO, datagram, 0, datagram.length, 0, sink);
        if (sink.records - before != expected) {
            throw new IllegalStateException("datagram decoded to " + (sink.records - before) + " records, expected " + expected);
        }
    }

    @Benchmark
    @OperationsPerInvocation(V5_RECORDS)
    public void netflowV5(Blackhole bh) {
        decoder.decode(0, EXPORTER_LO, v5, 0, v5.length, 0, sink);
        bh.consume(sink.bytes);
    }

    @Benchmark
    @OperationsPerInvocation(V9_RECORDS)
    public void netflowV9(Blackhole bh) {
        decoder.decode(0, EXPORTER_LO, v9, 0, v9.length, 0, sink);
        bh.consume(sink.bytes);
    }

    @Benchmark
    @OperationsPerInvocation(IPFIX_V4_RECORDS)
    public void ipfixIpv4(Blackhole bh) {
        decoder.decode(0, EXPORTER_LO, ipfixV4, 0, ipfixV4.length, 0, sink);
        bh.consume(sink.bytes);
    }

    @Benchmark
    @OperationsPerInvocation(IPFIX_V6_RECORDS)
    public void ipfixIpv6(Blackhole bh) {
        decoder.decode(0, EXPORTER_LO, ipfixV6, 0, ipfixV6.length, 0, sink);
        bh.consume(sink.bytes);
    }
}
