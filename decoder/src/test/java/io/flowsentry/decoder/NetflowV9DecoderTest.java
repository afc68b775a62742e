package io.flowsentry.decoder;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SettableClock;
import io.flowsentry.flow.SourceType;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.flowsentry.decoder.DecodeCounter.*;
import static org.assertj.core.api.Assertions.assertThat;

class NetflowV9DecoderTest {

    private static final long EXPORTER_A = 0x0000_ffff_c000_020aL; // 192.0.2.10
    private static final long EXPORTER_B = 0x0000_ffff_c000_020bL; // 192.0.2.11
    private static final long UNIX = 1_704_067_200L;               // 2024-01-01T00:00:00Z
    private final FlowDecoder decoder = new FlowDecoder(new SettableClock(Instant.parse("2026-01-01T00:00:00Z")));
    private final Collected sink = new Collected();

    /** Template 256: src, dst (IPv4), ports, protocol, IN_BYTES (4), IN_PKTS (4), FIRST/LAST_SWITCHED. */
    private static Wire template256(Wire w) {
        return w.set(0).u16(256).u16(9)
                .u16(8).u16(4).u16(12).u16(4).u16(7).u16(2).u16(11).u16(2).u16(4).u16(1)
                .u16(1).u16(4).u16(2).u16(4).u16(22).u16(4).u16(21).u16(4).end();
    }

    private static Wire data256(Wire w, int lastOctet, long octets) {
        return w.set(256).ipv4(10, 1, 1, lastOctet).ipv4(203, 0, 113, 9).u16(50_000).u16(445).u8(6)
                .u32(octets).u32(3).u32(95_000).u32(99_500).zeros(3).end();
    }

    private void decode(long exporter, byte[] b) {
        decoder.decode(0, exporter, b, 0, b.length, 0, sink);
    }

    @Test
    void templateThenDataInOneDatagram() {
        Wire w = new Wire().v9(2, 100_000, UNIX, 0, 7);
        decode(EXPORTER_A, data256(template256(w), 1, 1234).build());
        assertThat(sink.size()).isEqualTo(1);
        FlowRecord r = sink.get(0);
        assertThat(Collected.src(r)).isEqualTo("10.1.1.1");
        assertThat(Collected.dst(r)).isEqualTo("203.0.113.9");
        assertThat(r.srcPort()).isEqualTo(50_000);
        assertThat(r.dstPort()).isEqualTo(445);
        assertThat(r.protocol()).isEqualTo(6);
        assertThat(r.bytes()).isEqualTo(1234);
        assertThat(r.packets()).isEqualTo(3);
        assertThat(Instant.ofEpochMilli(r.timeStart())).isEqualTo(Instant.parse("2023-12-31T23:59:55Z"));
        assertThat(Instant.ofEpochMilli(r.timeEnd())).isEqualTo(Instant.parse("2023-12-31T23:59:59.500Z"));
        assertThat(r.sourceType()).isEqualTo(SourceType.NETFLOW_V9);
        assertThat(r.observationDomain()).isEqualTo(7);
        // The 3 bytes after the record are set padding.
        assertThat(decoder.counters().get(SET_PADDING)).isEqualTo(1);
    }

    @Test
    void dataBeforeItsTemplateIsBufferedAndDecodedWhenItArrives() {
        decode(EXPORTER_A, data256(new Wire().v9(1, 100_000, UNIX, 0, 7), 1, 10).build());
        assertThat(sink.size()).isZero();
        assertThat(decoder.counters().get(MISSING_TEMPLATE)).isEqualTo(1);
        assertThat(decoder.exporters().get(0).pendingSets()).isEqualTo(1);
        decode(EXPORTER_A, template256(new Wire().v9(1, 101_000, UNIX + 1, 1, 7)).build());
        assertThat(sink.size()).isEqualTo(1);
        assertThat(sink.get(0).bytes()).isEqualTo(10);
        // Times use the header of the datagram that carried the data, not the template's.
        assertThat(Instant.ofEpochMilli(sink.get(0).timeStart())).isEqualTo(Instant.parse("2023-12-31T23:59:55Z"));
        assertThat(decoder.counters().get(PENDING_SETS_DECODED)).isEqualTo(1);
        assertThat(decoder.exporters().get(0).pendingSets()).isZero();
    }

    @Test
    void templatesAreScopedByExporterAndSourceId() {
        decode(EXPORTER_A, template256(new Wire().v9(1, 100_000, UNIX, 0, 7)).build());
        decode(EXPORTER_B, data256(new Wire().v9(1, 100_000, UNIX, 0, 7), 1, 10).build());
        decode(EXPORTER_A, data256(new Wire().v9(1, 100_000, UNIX, 1, 8), 1, 10).build());
        assertThat(sink.size()).isZero();
        assertThat(decoder.counters().get(MISSING_TEMPLATE)).isEqualTo(2);
        decode(EXPORTER_A, data256(new Wire().v9(1, 100_000, UNIX, 1, 7), 1, 10).build());
        assertThat(sink.size()).isEqualTo(1);
    }

    @Test
    void samplingIntervalFromOptionsDataIsCarriedOnRecords() {
        // Options template 300: scope SYSTEM (type 1, 4 bytes); options SAMPLING_INTERVAL (34, 4), SAMPLING_ALGORITHM (35, 1).
        Wire w = new Wire().v9(3, 100_000, UNIX, 0, 7)
                .set(1).u16(300).u16(4).u16(8).u16(1).u16(4).u16(34).u16(4).u16(35).u16(1).zeros(2).end()
                .set(300).u32(0).u32(1000).u8(2).zeros(3).end();
        template256(w);
        data256(w, 1, 10);
        decode(EXPORTER_A, w.build());
        assertThat(decoder.counters().get(OPTIONS_RECORDS)).isEqualTo(1);
        assertThat(sink.get(0).samplingInterval()).isEqualTo(1000);
    }

    @Test
    void sequenceGapsCountDatagrams() {
        decode(EXPORTER_A, template256(new Wire().v9(1, 100_000, UNIX, 10, 7)).build());
        decode(EXPORTER_A, template256(new Wire().v9(1, 100_000, UNIX, 11, 7)).build());
        decode(EXPORTER_A, template256(new Wire().v9(1, 100_000, UNIX, 15, 7)).build());
        assertThat(decoder.counters().get(SEQUENCE_LOST)).isEqualTo(3);
        decode(EXPORTER_A, template256(new Wire().v9(1, 100_000, UNIX, 2, 7)).build());
        assertThat(decoder.counters().get(SEQUENCE_OUT_OF_ORDER)).isEqualTo(1);
        assertThat(decoder.counters().get(TEMPLATES)).isEqualTo(1);
        assertThat(decoder.counters().get(TEMPLATES_REFRESHED)).isEqualTo(3);
    }

    @Test
    void asaFirewallEventsGiveTheAction() {
        // Template 263: src, dst, NF_F_FW_EVENT (233, 1), NF_F_FW_EXT_EVENT (33002, 2), NF_F_FWD_FLOW_DELTA_BYTES (231, 4).
        Wire w = new Wire().v9(4, 100_000, UNIX, 0, 0)
                .set(0).u16(263).u16(5).u16(8).u16(4).u16(12).u16(4).u16(233).u16(1).u16(33002).u16(2).u16(231).u16(4).end()
                .set(263)
                .ipv4(10, 0, 0, 1).ipv4(10, 0, 0, 2).u8(2).u16(2025).u32(56)     // deleted -> allowed
                .ipv4(10, 0, 0, 1).ipv4(10, 0, 0, 3).u8(3).u16(1001).u32(0)      // denied -> blocked
                .ipv4(10, 0, 0, 1).ipv4(10, 0, 0, 4).u8(4).u16(0).u32(0)         // alert -> unknown
                .end();
        decode(EXPORTER_A, w.build());
        assertThat(sink.records).extracting(FlowRecord::action)
                .containsExactly(Action.ALLOWED, Action.BLOCKED, Action.UNKNOWN);
        assertThat(sink.get(0).bytes()).isEqualTo(56);
    }

    @Test
    void zeroPaddingAfterTheLastSetIsNotMalformed() {
        decode(EXPORTER_A, template256(new Wire().v9(1, 100_000, UNIX, 0, 7)).zeros(64).build());
        assertThat(decoder.counters().get(TRAILING_ZERO_PADDING)).isEqualTo(1);
        assertThat(decoder.counters().get(SET_LENGTH_INVALID)).isZero();
        assertThat(decoder.counters().get(TEMPLATES)).isEqualTo(1);
    }

    @Test
    void aSetLongerThanTheDatagramStopsTheDatagramOnly() {
        byte[] bad = new Wire().v9(1, 100_000, UNIX, 0, 7).u16(256).u16(400).u32(1).build();
        decode(EXPORTER_A, bad);
        assertThat(decoder.counters().get(SET_LENGTH_INVALID)).isEqualTo(1);
        decode(EXPORTER_A, data256(template256(new Wire().v9(2, 100_000, UNIX, 1, 7)), 1, 5).build());
        assertThat(sink.size()).isEqualTo(1);
    }

    @Test
    void invalidTemplatesAreCounted() {
        Wire w = new Wire().v9(2, 100_000, UNIX, 0, 7)
                .set(0).u16(12).u16(1).u16(8).u16(4).end()                 // template id below 256
                .set(0).u16(257).u16(50).u16(8).u16(4).end();              // 50 fields announced, 1 present
        decode(EXPORTER_A, w.build());
        assertThat(decoder.counters().get(TEMPLATE_INVALID)).isEqualTo(1);
        assertThat(decoder.counters().get(TEMPLATE_TRUNCATED)).isEqualTo(1);
        assertThat(decoder.counters().get(TEMPLATES)).isZero();
    }

    @Test
    void reservedSetIdsAreCounted() {
        decode(EXPORTER_A, new Wire().v9(1, 100_000, UNIX, 0, 7).set(77).u32(0).end().build());
        assertThat(decoder.counters().get(RESERVED_SET_ID)).isEqualTo(1);
    }
}
