package io.flowsentry.reliability.fuzz;

import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;
import io.flowsentry.decoder.DecoderLimits;
import io.flowsentry.decoder.ExporterSnapshot;
import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.FlowSink;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SettableClock;
import io.flowsentry.flow.SourceType;

import java.time.Duration;

/**
 * One fuzz input through {@link FlowDecoder#decode} as a datagram of a fixed version (bytes 0-1 are
 * overwritten with it, so mutations stay in the decoder under test), sent five times by three
 * exporters on a fresh decoder with small caps:
 * <ol>
 *   <li>exporter A: templates, options and data as the input has them (data before its template is buffered);</li>
 *   <li>exporter A again: data sets now meet the templates of the first pass, template refresh paths;</li>
 *   <li>exporter B (IPv6, same template ids): its own scope, never A's templates;</li>
 *   <li>exporter A after 31 minutes: templates and buffered sets expire (30 min and 60 s timeouts);</li>
 *   <li>exporter C: a third exporter with a cap of two evicts the least recently seen one (B).</li>
 * </ol>
 * Then the invariants a malformed datagram must not break: nothing thrown, every call counted, the
 * flow-record counter equal to the records delivered, every record carrying the sending exporter and
 * the datagram's source type, and every cap of {@link #LIMITS} held.
 */
final class FlowDecoderTarget {

    /**
     * 2 exporters, 4 templates, 64 fields, 2 domains, 4 pending sets in 4 KiB: far below the defaults
     * so that short inputs reach the limit and eviction paths, which are the same code at any size.
     */
    static final DecoderLimits LIMITS = new DecoderLimits(2, 4, 64, 2, Duration.ofMinutes(30), 4096, 4,
            Duration.ofSeconds(60));

    private static final long T0 = 1_700_000_000_000L;
    private static final Duration AFTER_TIMEOUTS = Duration.ofMinutes(31);
    /** 192.0.2.10, 2001:db8::20, 192.0.2.30 (documentation ranges, RFC 5737 / RFC 3849). */
    private static final long A_HI = 0;
    private static final long A_LO = IpAddress.v4Lo(0xC000_020A);
    private static final long B_HI = 0x2001_0db8_0000_0000L;
    private static final long B_LO = 0x20;
    private static final long C_HI = 0;
    private static final long C_LO = IpAddress.v4Lo(0xC000_021E);
    private static final int SENDS = 5;

    private FlowDecoderTarget() {
    }

    static void run(int version, byte[] input) {
        byte[] datagram = input.clone();
        if (datagram.length >= 2) {
            datagram[0] = (byte) (version >>> 8);
            datagram[1] = (byte) version;
        }
        SettableClock clock = new SettableClock(T0);
        FlowDecoder decoder = new FlowDecoder(clock, LIMITS);
        RecordCheck check = new RecordCheck(sourceType(version));

        send(decoder, check, A_HI, A_LO, datagram, clock);
        send(decoder, check, A_HI, A_LO, datagram, clock);
        send(decoder, check, B_HI, B_LO, datagram, clock);
        clock.advance(AFTER_TIMEOUTS);
        send(decoder, check, A_HI, A_LO, datagram, clock);
        send(decoder, check, C_HI, C_LO, datagram, clock);

        DecodeCounters counters = decoder.counters();
        require(counters.get(DecodeCounter.DATAGRAMS) == SENDS, "datagrams counted", counters);
        require(counters.get(DecodeCounter.FLOW_RECORDS) == check.records, "flow_records == records delivered", counters);
        if (datagram.length < 2) {
            require(counters.get(DecodeCounter.TRUNCATED_HEADER) == SENDS, "short datagrams counted truncated", counters);
            require(decoder.exporterCount() == 0, "no exporter state for a datagram without a version", counters);
            return;
        }
        require(decoder.exporterCount() == LIMITS.maxExporters(), "exporter cap held", counters);
        require(counters.get(DecodeCounter.EXPORTERS_EVICTED) == 1, "third exporter evicted exactly one", counters);
        for (ExporterSnapshot e : decoder.exporters()) {
            require(e.templates() <= LIMITS.maxTemplatesPerExporter(), "template cap held by " + e.address(), counters);
            require(e.pendingSets() <= LIMITS.pendingSets(), "pending-set cap held by " + e.address(), counters);
            require(e.domains() <= LIMITS.maxDomainsPerExporter(), "domain cap held by " + e.address(), counters);
        }
    }

    private static void send(FlowDecoder decoder, RecordCheck check, long hi, long lo, byte[] datagram,
                             SettableClock clock) {
        check.exporterHi = hi;
        check.exporterLo = lo;
        decoder.decode(hi, lo, datagram, 0, datagram.length, clock.millis(), check);
    }

    private static SourceType sourceType(int version) {
        return switch (version) {
            case 5 -> SourceType.NETFLOW_V5;
            case 9 -> SourceType.NETFLOW_V9;
            case 10 -> SourceType.IPFIX;
            default -> throw new IllegalArgumentException("version " + version);
        };
    }

    private static void require(boolean condition, String what, DecodeCounters counters) {
        if (!condition) {
            throw new AssertionError("invariant broken: " + what + "; counters " + counters.nonZero());
        }
    }

    /** Counts records and checks each against the exporter that sent the current datagram. */
    private static final class RecordCheck implements FlowSink {
        private final SourceType expected;
        long exporterHi;
        long exporterLo;
        long records;

        RecordCheck(SourceType expected) {
            this.expected = expected;
        }

        @Override
        public void accept(FlowRecord r) {
            records++;
            if (r.sourceType() != expected) {
                throw new AssertionError("record of source type " + r.sourceType() + " from a " + expected + " datagram");
            }
            if (r.exporterHi() != exporterHi || r.exporterLo() != exporterLo) {
                throw new AssertionError("record attributed to exporter "
                        + IpAddress.toString(r.exporterHi(), r.exporterLo()) + " while "
                        + IpAddress.toString(exporterHi, exporterLo) + " sent the datagram");
            }
        }
    }
}
