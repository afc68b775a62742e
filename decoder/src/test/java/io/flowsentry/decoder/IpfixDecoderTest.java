package io.flowsentry.decoder;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SettableClock;
import io.flowsentry.flow.SourceType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.flowsentry.decoder.DecodeCounter.*;
import static org.assertj.core.api.Assertions.assertThat;

class IpfixDecoderTest {

    private static final long EXPORTER = 0x0000_ffff_c000_020aL; // 192.0.2.10
    private static final long EXPORT = 1_704_067_200L;          // 2024-01-01T00:00:00Z
    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final FlowDecoder decoder = new FlowDecoder(clock);
    private final Collected sink = new Collected();

    private void decode(byte[] b) {
        decoder.decode(0, EXPORTER, b, 0, b.length, 0, sink);
    }

    /** Template 256: sourceIPv4Address, destinationIPv4Address, protocolIdentifier, octetDeltaCount (reduced to 4). */
    private static Wire template256(Wire w) {
        return w.set(2).u16(256).u16(4).u16(8).u16(4).u16(12).u16(4).u16(4).u16(1).u16(1).u16(4).end();
    }

    private static Wire data256(Wire w, int lastOctet, long octets) {
        return w.set(256).ipv4(10, 0, 0, lastOctet).ipv4(192, 0, 2, 99).u8(17).u32(octets).end();
    }

    @Test
    void reducedSizeEncodingAndExportTimeWhenNoFlowTimes() {
        decode(data256(template256(new Wire().ipfix(EXPORT, 0, 5)), 1, 4_000_000_000L).end().build());
        FlowRecord r = sink.get(0);
        assertThat(r.bytes()).isEqualTo(4_000_000_000L);
        assertThat(r.protocol()).isEqualTo(17);
        assertThat(r.timeStart()).isEqualTo(EXPORT * 1000);
        assertThat(r.timeEnd()).isEqualTo(EXPORT * 1000);
        assertThat(r.sourceType()).isEqualTo(SourceType.IPFIX);
        assertThat(r.observationDomain()).isEqualTo(5);
    }

    @Test
    void enterpriseElementsKnownAndUnknown() {
        // sourceIPv6Address, destinationIPv6Address, octetDeltaCount(8), an unknown PEN 9 element (6 bytes),
        // reverse octetDeltaCount (PEN 29305 IE 1) and reverse packetDeltaCount (PEN 29305 IE 2), packetDeltaCount.
        Wire w = new Wire().ipfix(EXPORT, 0, 1)
                .set(2).u16(300).u16(7)
                .u16(27).u16(16).u16(28).u16(16).u16(1).u16(8)
                .u16(0x8000 | 77).u16(6).u32(9)
                .u16(0x8000 | 1).u16(8).u32(29305)
                .u16(0x8000 | 2).u16(4).u32(29305)
                .u16(2).u16(4).end()
                .set(300)
                .u64(0x2001_0db8_0000_0000L).u64(1).u64(0x2001_0db8_0000_0000L).u64(2)
                .u64(1500).bytes(new byte[]{1, 2, 3, 4, 5, 6}).u64(9000).u32(7).u32(3).end()
                .end();
        decode(w.build());
        FlowRecord r = sink.get(0);
        assertThat(Collected.src(r)).isEqualTo("2001:db8::1");
        assertThat(Collected.dst(r)).isEqualTo("2001:db8::2");
        assertThat(r.bytes()).isEqualTo(1500);
        assertThat(r.packets()).isEqualTo(3);
        assertThat(r.reverseBytes()).isEqualTo(9000);
        assertThat(r.reversePackets()).isEqualTo(7);
    }

    @Test
    void variableLengthFieldsInBothForms() {
        // applicationName (96) variable; then protocolIdentifier to prove the offset after each form.
        Wire w = new Wire().ipfix(EXPORT, 0, 1)
                .set(2).u16(301).u16(2).u16(96).u16(65535).u16(4).u16(1).end()
                .set(301)
                .u8(3).bytes("SMB".getBytes()).u8(6)
                .u8(255).u16(300).bytes(repeat('x', 300)).u8(17)
                .end()
                .end();
        decode(w.build());
        assertThat(sink.size()).isEqualTo(2);
        assertThat(sink.get(0).app()).isEqualTo("smb");
        assertThat(sink.get(0).protocol()).isEqualTo(6);
        assertThat(sink.get(1).app()).hasSize(64).matches("x+");
        assertThat(sink.get(1).protocol()).isEqualTo(17);
    }

    private static byte[] repeat(char c, int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) c);
        return b;
    }

    @Test
    void aVariableLengthPastTheSetEndIsATruncatedRecord() {
        Wire w = new Wire().ipfix(EXPORT, 0, 1)
                .set(2).u16(301).u16(2).u16(96).u16(65535).u16(4).u16(1).end()
                .set(301).u8(3).bytes("dns".getBytes()).u8(17).u8(200).bytes(new byte[10]).end()
                .end();
        decode(w.build());
        assertThat(sink.size()).isEqualTo(1);
        assertThat(decoder.counters().get(RECORD_TRUNCATED)).isEqualTo(1);
    }

    @Test
    void flowTimesInEveryEncoding() {
        // flowStartMilliseconds/flowEndMilliseconds, flowStartSeconds, flowStartMicroseconds (NTP), flowStartDeltaMicroseconds.
        Wire w = new Wire().ipfix(EXPORT, 0, 1)
                .set(2).u16(310).u16(2).u16(152).u16(8).u16(153).u16(8).end()
                .set(2).u16(311).u16(2).u16(150).u16(4).u16(151).u16(4).end()
                .set(2).u16(312).u16(1).u16(154).u16(8).end()
                .set(2).u16(313).u16(2).u16(158).u16(4).u16(159).u16(4).end()
                .set(310).u64(1_700_000_000_123L).u64(1_700_000_001_456L).end()
                .set(311).u32(1_700_000_000L).u32(1_700_000_002L).end()
                // NTP: 1,700,000,000 s + 2,208,988,800 s; fraction 2^31 = 0.5 s
                .set(312).u32(1_700_000_000L + 2_208_988_800L).u32(0x8000_0000L).end()
                .set(313).u32(3_000_000).u32(1_000_000).end()
                .end();
        decode(w.build());
        assertThat(sink.get(0).timeStart()).isEqualTo(1_700_000_000_123L);
        assertThat(sink.get(0).timeEnd()).isEqualTo(1_700_000_001_456L);
        assertThat(sink.get(1).timeStart()).isEqualTo(1_700_000_000_000L);
        assertThat(sink.get(1).timeEnd()).isEqualTo(1_700_000_002_000L);
        assertThat(sink.get(2).timeStart()).isEqualTo(1_700_000_000_500L);
        assertThat(sink.get(2).timeEnd()).isEqualTo(EXPORT * 1000);
        assertThat(sink.get(3).timeStart()).isEqualTo(EXPORT * 1000 - 3000);
        assertThat(sink.get(3).timeEnd()).isEqualTo(EXPORT * 1000 - 1000);
    }

    @Test
    void sysUpTimeRelativeWithSystemInitTimeFromOptions() {
        // Options template 400: scope meteringProcessId (143); systemInitTimeMilliseconds (160).
        Wire w = new Wire().ipfix(EXPORT, 0, 1)
                .set(3).u16(400).u16(2).u16(1).u16(143).u16(4).u16(160).u16(8).end()
                .set(2).u16(320).u16(2).u16(22).u16(4).u16(21).u16(4).end()
                .set(400).u32(1).u64(1_700_000_000_000L).end()
                .set(320).u32(5_000).u32(9_000).end()
                .end();
        decode(w.build());
        assertThat(sink.get(0).timeStart()).isEqualTo(1_700_000_005_000L);
        assertThat(sink.get(0).timeEnd()).isEqualTo(1_700_000_009_000L);
    }

    @Test
    void forwardingStatusAndInitiatorOctetsAndApp() {
        // forwardingStatus (89, 1), initiatorOctets (231, 4), responderOctets (232, 4), initiatorPackets (298, 4).
        Wire w = new Wire().ipfix(EXPORT, 0, 1)
                .set(2).u16(330).u16(4).u16(89).u16(1).u16(231).u16(4).u16(232).u16(4).u16(298).u16(4).end()
                .set(330)
                .u8(66).u32(700).u32(300).u32(5)       // 64..127 forwarded
                .u8(130).u32(60).u32(0).u32(1)         // 128..191 dropped
                .u8(0).u32(1).u32(0).u32(1)            // unknown
                .end()
                .end();
        decode(w.build());
        assertThat(sink.records).extracting(FlowRecord::action).containsExactly(Action.ALLOWED, Action.BLOCKED, Action.UNKNOWN);
        assertThat(sink.get(0).bytes()).isEqualTo(700);
        assertThat(sink.get(0).reverseBytes()).isEqualTo(300);
        assertThat(sink.get(0).packets()).isEqualTo(5);
    }

    @Test
    void samplingFromPacketIntervalAndSpace() {
        // Options template 401: scope selectorId (302); samplingPacketInterval (305) 1, samplingPacketSpace (306) 99.
        Wire w = new Wire().ipfix(EXPORT, 0, 1)
                .set(3).u16(401).u16(3).u16(1).u16(302).u16(4).u16(305).u16(4).u16(306).u16(4).end()
                .set(401).u32(1).u32(1).u32(99).end();
        template256(w);
        data256(w, 1, 100).end();
        decode(w.build());
        assertThat(sink.get(0).samplingInterval()).isEqualTo(100);
    }

    @Test
    void withdrawalsRemoveTemplates() {
        decode(template256(new Wire().ipfix(EXPORT, 0, 1)).end().build());
        decode(new Wire().ipfix(EXPORT, 0, 1).set(2).u16(256).u16(0).end().end().build());
        assertThat(decoder.counters().get(TEMPLATES_WITHDRAWN)).isEqualTo(1);
        decode(data256(new Wire().ipfix(EXPORT, 0, 1), 1, 1).end().build());
        assertThat(sink.size()).isZero();
        assertThat(decoder.counters().get(MISSING_TEMPLATE)).isEqualTo(1);
        // Re-defined: the buffered set is decoded; then "all templates" (id 2) withdraws it again.
        decode(template256(new Wire().ipfix(EXPORT, 1, 1)).end().build());
        assertThat(sink.size()).isEqualTo(1);
        decode(new Wire().ipfix(EXPORT, 1, 1).set(2).u16(2).u16(0).end().end().build());
        assertThat(decoder.counters().get(TEMPLATES_WITHDRAWN)).isEqualTo(2);
        assertThat(decoder.exporters().get(0).templates()).isZero();
    }

    @Test
    void templatesExpireWithTheInjectedClock() {
        decode(template256(new Wire().ipfix(EXPORT, 0, 1)).end().build());
        clock.advance(Duration.ofMinutes(29));
        decode(data256(new Wire().ipfix(EXPORT, 0, 1), 1, 1).end().build());
        assertThat(sink.size()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(31));
        decode(data256(new Wire().ipfix(EXPORT, 1, 1), 1, 1).end().build());
        assertThat(sink.size()).isEqualTo(1);
        assertThat(decoder.counters().get(TEMPLATES_EXPIRED)).isEqualTo(1);
        assertThat(decoder.counters().get(MISSING_TEMPLATE)).isEqualTo(1);
    }

    @Test
    void pendingSetsExpireAndOverflow() {
        FlowDecoder small = new FlowDecoder(clock, new DecoderLimits(16, 16, 64, 4, Duration.ofMinutes(30), 64, 2, Duration.ofSeconds(60)));
        for (int i = 0; i < 3; i++) {
            byte[] b = data256(new Wire().ipfix(EXPORT, 0, 1), i, 1).end().build();
            small.decode(0, EXPORTER, b, 0, b.length, 0, sink);
        }
        assertThat(small.counters().get(PENDING_DROPPED_FULL)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(61));
        byte[] t = template256(new Wire().ipfix(EXPORT, 0, 1)).end().build();
        small.decode(0, EXPORTER, t, 0, t.length, 0, sink);
        assertThat(small.counters().get(PENDING_DROPPED_EXPIRED)).isEqualTo(2);
        assertThat(sink.size()).isZero();
        byte[] big = new Wire().ipfix(EXPORT, 0, 1).set(999).zeros(100).end().end().build();
        small.decode(0, EXPORTER, big, 0, big.length, 0, sink);
        assertThat(small.counters().get(PENDING_DROPPED_TOO_LARGE)).isEqualTo(1);
    }

    @Test
    void exportersBeyondTheLimitEvictTheLeastRecentlySeen() {
        FlowDecoder small = new FlowDecoder(clock, new DecoderLimits(2, 16, 64, 4, Duration.ofMinutes(30), 1024, 8, Duration.ofSeconds(60)));
        byte[] t = template256(new Wire().ipfix(EXPORT, 0, 1)).end().build();
        for (int i = 1; i <= 3; i++) {
            small.decode(0, 0x0000_ffff_0a00_0000L + i, t, 0, t.length, i, sink);
        }
        assertThat(small.counters().get(EXPORTERS_EVICTED)).isEqualTo(1);
        assertThat(small.exporters()).extracting(ExporterSnapshot::address).containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(small.exporters().get(1).lastDatagramMillis()).isEqualTo(3);
    }

    @Test
    void templatesBeyondTheExporterLimitAreRefused() {
        FlowDecoder small = new FlowDecoder(clock, new DecoderLimits(2, 2, 64, 4, Duration.ofMinutes(30), 1024, 8, Duration.ofSeconds(60)));
        Wire w = new Wire().ipfix(EXPORT, 0, 1);
        for (int id = 256; id < 259; id++) {
            w.set(2).u16(id).u16(1).u16(4).u16(1).end();
        }
        byte[] b = w.end().build();
        small.decode(0, EXPORTER, b, 0, b.length, 0, sink);
        assertThat(small.counters().get(TEMPLATES)).isEqualTo(2);
        assertThat(small.counters().get(TEMPLATE_LIMIT_REACHED)).isEqualTo(1);
    }

    @Test
    void templatesOverTheFieldLimitAreRefused() {
        FlowDecoder small = new FlowDecoder(clock, new DecoderLimits(2, 2, 3, 4, Duration.ofMinutes(30), 1024, 8, Duration.ofSeconds(60)));
        Wire w = new Wire().ipfix(EXPORT, 0, 1).set(2).u16(256).u16(4);
        for (int i = 0; i < 4; i++) {
            w.u16(4).u16(1);
        }
        byte[] b = w.end().end().build();
        small.decode(0, EXPORTER, b, 0, b.length, 0, sink);
        assertThat(small.counters().get(TEMPLATE_TOO_MANY_FIELDS)).isEqualTo(1);
    }

    @Test
    void messageLengthAndTrailingBytes() {
        byte[] b = template256(new Wire().ipfix(EXPORT, 0, 1)).end().zeros(7).build();
        decode(b);
        assertThat(decoder.counters().get(TRAILING_BYTES)).isEqualTo(1);
        assertThat(decoder.counters().get(TEMPLATES)).isEqualTo(1);
        byte[] tooLong = new Wire().u16(10).u16(500).u32(EXPORT).u32(0).u32(1).build();
        decode(tooLong);
        assertThat(decoder.counters().get(MESSAGE_LENGTH_INVALID)).isEqualTo(1);
    }

    @Test
    void sequenceGapsCountRecords() {
        decode(data256(template256(new Wire().ipfix(EXPORT, 100, 1)), 1, 1).end().build()); // 1 record: next 101
        decode(data256(new Wire().ipfix(EXPORT, 105, 1), 1, 1).end().build());
        assertThat(decoder.counters().get(SEQUENCE_LOST)).isEqualTo(4);
    }

    @Test
    void aMessageWithBufferedSetsDoesNotInventALoss() {
        decode(data256(new Wire().ipfix(EXPORT, 100, 1), 1, 1).end().build());   // template missing: 1 record unknown
        decode(template256(new Wire().ipfix(EXPORT, 101, 1)).end().build());     // re-synchronises at 101
        decode(data256(new Wire().ipfix(EXPORT, 101, 1), 1, 1).end().build());
        decode(data256(new Wire().ipfix(EXPORT, 104, 1), 1, 1).end().build());   // 2 lost
        assertThat(decoder.counters().get(SEQUENCE_LOST)).isEqualTo(2);
    }

    @Test
    void v9AndIpfixTemplatesOfOneExporterNeverMix() {
        decode(template256(new Wire().ipfix(EXPORT, 0, 1)).end().build());
        // Same exporter, v9 source id 1 = IPFIX domain 1, same template id 256: not the IPFIX template.
        decode(data256(new Wire().v9(1, 100_000, EXPORT, 0, 1), 1, 1).build());
        assertThat(sink.size()).isZero();
        assertThat(decoder.counters().get(MISSING_TEMPLATE)).isEqualTo(1);
        decode(data256(new Wire().ipfix(EXPORT, 0, 1), 1, 1).end().build());
        assertThat(sink.size()).isEqualTo(1);
        assertThat(decoder.exporters().get(0).versions()).containsExactly(9, 10);
    }

    @Test
    void directAndHeapByteBuffersDecodeAlike() {
        byte[] b = data256(template256(new Wire().ipfix(EXPORT, 0, 1)), 7, 99).end().build();
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(b.length + 3);
        direct.put(new byte[3]).put(b).flip().position(3);
        decoder.decode(0, EXPORTER, direct, 5, sink);
        java.nio.ByteBuffer heap = java.nio.ByteBuffer.wrap(new byte[b.length + 5], 5, b.length).slice();
        heap.put(b).flip();
        decoder.decode(0, EXPORTER, heap, 6, sink);
        assertThat(sink.records).hasSize(2).allMatch(r -> r.bytes() == 99 && Collected.src(r).equals("10.0.0.7"));
        assertThat(direct.position()).isEqualTo(3);
        assertThat(decoder.exporters().get(0).lastDatagramMillis()).isEqualTo(6);
    }

    @Test
    void unknownVersionsAndShortDatagrams() {
        decode(new byte[]{(byte) 0xff, (byte) 0xff, 0, 0});
        decode(new byte[]{0});
        decode(new byte[]{0, 10, 0, 16});
        assertThat(decoder.counters().get(UNKNOWN_VERSION)).isEqualTo(1);
        assertThat(decoder.counters().get(TRUNCATED_HEADER)).isEqualTo(2);
    }
}
