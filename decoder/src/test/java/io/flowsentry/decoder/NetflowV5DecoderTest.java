package io.flowsentry.decoder;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SettableClock;
import io.flowsentry.flow.SourceType;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.flowsentry.decoder.DecodeCounter.*;
import static org.assertj.core.api.Assertions.assertThat;

class NetflowV5DecoderTest {

    private static final long EXPORTER_LO = 0x0000_ffff_c000_020aL; // 192.0.2.10
    private final FlowDecoder decoder = new FlowDecoder(new SettableClock(Instant.parse("2026-01-01T00:00:00Z")));
    private final Collected sink = new Collected();

    /** Header: uptime 100,000 ms at 2024-01-01T00:00:00.250Z; engine 1/2; sampling mode 1, interval 100. */
    private static Wire header(int count, long sequence) {
        return new Wire().u16(5).u16(count).u32(100_000).u32(1_704_067_200L).u32(250_000_000L)
                .u32(sequence).u8(1).u8(2).u16(0x4000 | 100);
    }

    private static Wire record(Wire w, int lastOctet) {
        return w.ipv4(10, 0, 0, lastOctet).ipv4(198, 51, 100, 7).ipv4(10, 0, 0, 254)
                .u16(3).u16(4).u32(12).u32(3456)
                .u32(40_000).u32(99_000)          // first/last, sysUptime ms
                .u16(49_152).u16(445).u8(0).u8(0x1b).u8(6).u8(0)
                .u16(64_500).u16(64_501).u8(24).u8(16).u16(0);
    }

    private void decode(byte[] b) {
        decoder.decode(0, EXPORTER_LO, b, 0, b.length, 0, sink);
    }

    @Test
    void decodesEveryFieldOfARecord() {
        decode(record(header(1, 0), 1).build());
        assertThat(sink.size()).isEqualTo(1);
        FlowRecord r = sink.get(0);
        assertThat(Collected.src(r)).isEqualTo("10.0.0.1");
        assertThat(Collected.dst(r)).isEqualTo("198.51.100.7");
        assertThat(r.srcPort()).isEqualTo(49_152);
        assertThat(r.dstPort()).isEqualTo(445);
        assertThat(r.protocol()).isEqualTo(6);
        assertThat(r.tcpFlags()).isEqualTo(0x1b);
        assertThat(r.packets()).isEqualTo(12);
        assertThat(r.bytes()).isEqualTo(3456);
        // export 00:00:00.250 at uptime 100 s: first (40 s) is 60 s earlier, last (99 s) 1 s earlier.
        assertThat(Instant.ofEpochMilli(r.timeStart())).isEqualTo(Instant.parse("2023-12-31T23:59:00.250Z"));
        assertThat(Instant.ofEpochMilli(r.timeEnd())).isEqualTo(Instant.parse("2023-12-31T23:59:59.250Z"));
        assertThat(r.sourceType()).isEqualTo(SourceType.NETFLOW_V5);
        assertThat(r.observationDomain()).isEqualTo(0x0102);
        assertThat(r.samplingInterval()).isEqualTo(100);
        assertThat(r.exporterLo()).isEqualTo(EXPORTER_LO);
        assertThat(decoder.counters().get(FLOW_RECORDS)).isEqualTo(1);
    }

    @Test
    void trustsTheLengthOverACountTooLarge() {
        Wire w = header(55_582, 0);
        record(w, 1);
        record(w, 2);
        decode(w.build());
        assertThat(sink.size()).isEqualTo(2);
        assertThat(decoder.counters().get(V5_COUNT_EXCEEDS_DATAGRAM)).isEqualTo(1);
        assertThat(decoder.counters().get(V5_COUNT_OVER_30)).isEqualTo(1);
    }

    @Test
    void recordsBeyondTheCountAreTrailingBytes() {
        Wire w = header(1, 0);
        record(w, 1);
        record(w, 2);
        decode(w.build());
        assertThat(sink.size()).isEqualTo(1);
        assertThat(decoder.counters().get(TRAILING_BYTES)).isEqualTo(1);
    }

    @Test
    void aShortHeaderIsCounted() {
        decode(new Wire().u16(5).u16(1).u32(0).build());
        assertThat(sink.size()).isZero();
        assertThat(decoder.counters().get(TRUNCATED_HEADER)).isEqualTo(1);
    }

    @Test
    void sequenceGapsCountRecords() {
        decode(record(record(header(2, 100), 1), 2).build());     // next expected 102
        decode(record(header(1, 102), 3).build());                // in order, next 103
        decode(record(header(1, 110), 4).build());                // 7 records lost
        assertThat(decoder.counters().get(SEQUENCE_LOST)).isEqualTo(7);
        assertThat(decoder.exporters().get(0).sequenceLost()).isEqualTo(7);
        assertThat(decoder.exporters().get(0).versions()).containsExactly(5);
    }

    @Test
    void aRecordCarriesNothingASinkWroteIntoThePreviousOne() {
        java.util.List<FlowRecord> seen = new java.util.ArrayList<>();
        byte[] b = record(record(header(2, 0), 1), 2).build();
        decoder.decode(0, EXPORTER_LO, b, 0, b.length, 0, r -> {
            seen.add(new FlowRecord().copyFrom(r));
            r.reverseBytes(9).reversePackets(8).action(Action.BLOCKED).app("smb").src(1, 2);
        });
        assertThat(seen).hasSize(2);
        FlowRecord second = seen.get(1);
        assertThat(Collected.src(second)).isEqualTo("10.0.0.2");
        assertThat(second.reverseBytes()).isZero();
        assertThat(second.reversePackets()).isZero();
        assertThat(second.action()).isEqualTo(Action.UNKNOWN);
        assertThat(second.app()).isNull();
    }
}
