package io.flowsentry.reliability.flood;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;
import io.flowsentry.decoder.DecoderLimits;
import io.flowsentry.decoder.ExporterSnapshot;
import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.FlowSink;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SettableClock;
import io.flowsentry.reliability.ExportPackets;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/**
 * Floods of decoder state through {@link FlowDecoder} with the default {@link DecoderLimits}: one
 * exporter announcing 100,000 distinct templates, and 10,000 exporters. The state held stays within
 * the caps, what does not fit is counted, and a well-behaved exporter sending between the flood's
 * datagrams has every one of its records decoded.
 */
class StateFloodTest {

    private static final DecoderLimits LIMITS = DecoderLimits.defaults();
    private static final long T0_SECONDS = 1_700_000_000L;
    private static final int GOOD_TEMPLATE = 300;
    private static final int GOOD_RECORDS_PER_PACKET = 10;
    /** 192.0.2.1: the well-behaved exporter. Flooders are 10.x.y.z (templates) and 198.18.0.0/15 (exporters). */
    private static final int GOOD_EXPORTER = 0xC000_0201;

    private final SettableClock clock = new SettableClock(T0_SECONDS * 1000);
    private final FlowDecoder decoder = new FlowDecoder(clock, LIMITS);
    private final GoodExporter good = new GoodExporter();

    @Test
    void hundredThousandTemplatesFromOneExporter() {
        int flooder = 0x0A00_0001;
        int templates = 100_000;
        int perPacket = 30;
        // template ids 256..65535 give 65,280 per domain: the flood spreads over domains 0 and 1
        int idsPerDomain = 65_536 - 256;
        good.sendTemplate();
        long sequence = 0;
        int sent = 0;
        while (sent < templates) {
            int domain = sent / idsPerDomain;
            ExportPackets p = ExportPackets.ipfix(sequence++, domain, T0_SECONDS).templateSet();
            for (int k = 0; k < perPacket && sent < templates && sent / idsPerDomain == domain; k++, sent++) {
                p.template(256 + sent % idsPerDomain);
            }
            decode(flooder, p.build());
            good.sendFlows();
        }
        DecodeCounters c = decoder.counters();
        ExporterSnapshot flood = snapshot(flooder);
        assertThat(flood.templates()).isEqualTo(LIMITS.maxTemplatesPerExporter());
        assertThat(c.get(DecodeCounter.TEMPLATES)).isEqualTo(LIMITS.maxTemplatesPerExporter() + 1);
        assertThat(c.get(DecodeCounter.TEMPLATE_LIMIT_REACHED)).isEqualTo(templates - LIMITS.maxTemplatesPerExporter());
        assertThat(snapshot(GOOD_EXPORTER).templates()).isEqualTo(1);
        good.assertEveryRecordDecoded();
    }

    @Test
    void floodTemplatesExpireAndMakeRoomForNewOnes() {
        int flooder = 0x0A00_0002;
        long sequence = 0;
        for (int first = 0; first < 1_000; first += 50) {
            ExportPackets p = ExportPackets.ipfix(sequence++, 0, T0_SECONDS).templateSet();
            for (int i = first; i < first + 50; i++) {
                p.template(256 + i);
            }
            decode(flooder, p.build());
        }
        assertThat(snapshot(flooder).templates()).isEqualTo(LIMITS.maxTemplatesPerExporter());
        // the flood's templates are never refreshed nor used: past the template timeout a restarted
        // exporter's new template must be accepted, not refused for templates that are long dead
        clock.advance(LIMITS.templateTimeout().plusMinutes(1));
        long now = clock.millis() / 1000;
        byte[] fresh = ExportPackets.ipfix(sequence, 0, now).templateSet().template(2_000)
                .dataSet(2_000).flow(0x0A00_0005, 0xC633_6401, 49_152, 445, 1_000, 5).build();
        long before = decoder.counters().get(DecodeCounter.FLOW_RECORDS);
        decode(flooder, fresh);
        assertThat(decoder.counters().get(DecodeCounter.FLOW_RECORDS) - before).isEqualTo(1);
        assertThat(decoder.counters().get(DecodeCounter.TEMPLATES_EXPIRED)).isEqualTo(LIMITS.maxTemplatesPerExporter());
        assertThat(snapshot(flooder).templates()).isEqualTo(1);
    }

    @Test
    void tenThousandExporters() {
        int exporters = 10_000;
        int firstFlooder = 0xC612_0000; // 198.18.0.0, RFC 2544 benchmarking range
        good.sendTemplate();
        for (int i = 0; i < exporters; i++) {
            // each announces a template, and sends a data set for one it never announced (buffered)
            byte[] p = ExportPackets.v9(0, 0, T0_SECONDS).templateSet().template(256)
                    .dataSet(257).flow(firstFlooder + i, 0x0A00_0001, 1_024, 445, 100, 1).build();
            decode(firstFlooder + i, p);
            good.sendFlows();
        }
        DecodeCounters c = decoder.counters();
        assertThat(decoder.exporterCount()).isEqualTo(LIMITS.maxExporters());
        // 10,000 flooders + the good exporter, LIMITS.maxExporters() of them left
        assertThat(c.get(DecodeCounter.EXPORTERS_EVICTED)).isEqualTo(exporters + 1 - LIMITS.maxExporters());
        List<ExporterSnapshot> kept = decoder.exporters();
        Set<String> expected = new HashSet<>();
        expected.add(IpAddress.toString(0, IpAddress.v4Lo(GOOD_EXPORTER)));
        for (int i = exporters - (LIMITS.maxExporters() - 1); i < exporters; i++) {
            expected.add(IpAddress.toString(0, IpAddress.v4Lo(firstFlooder + i)));
        }
        Set<String> actual = new HashSet<>();
        for (ExporterSnapshot e : kept) {
            actual.add(e.address());
            assertThat(e.templates()).isLessThanOrEqualTo(LIMITS.maxTemplatesPerExporter());
            assertThat(e.pendingSets()).isLessThanOrEqualTo(LIMITS.pendingSets());
        }
        assertThat(actual).as("the most recently seen exporters are kept, the oldest evicted").isEqualTo(expected);
        assertThat(c.get(DecodeCounter.MISSING_TEMPLATE)).isEqualTo(exporters);
        good.assertEveryRecordDecoded();
    }

    private void decode(int exporterV4, byte[] packet) {
        decoder.decode(0, IpAddress.v4Lo(exporterV4), packet, 0, packet.length, clock.millis(), good);
    }

    private ExporterSnapshot snapshot(int exporterV4) {
        String address = IpAddress.toString(0, IpAddress.v4Lo(exporterV4));
        return decoder.exporters().stream().filter(e -> e.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError(address + " no longer tracked"));
    }

    /**
     * An exporter that behaves: one v9 template, then data packets of {@value #GOOD_RECORDS_PER_PACKET}
     * records with consecutive sequence numbers; counts what it sent and what came back from the decoder.
     */
    private final class GoodExporter implements FlowSink {
        private final long lo = IpAddress.v4Lo(GOOD_EXPORTER);
        private long sequence;
        private long sent;
        private final AtomicLong received = new AtomicLong();

        void sendTemplate() {
            byte[] p = ExportPackets.v9(sequence++, 7, T0_SECONDS).templateSet().template(GOOD_TEMPLATE).build();
            decoder.decode(0, lo, p, 0, p.length, clock.millis(), this);
        }

        void sendFlows() {
            ExportPackets p = ExportPackets.v9(sequence++, 7, T0_SECONDS).dataSet(GOOD_TEMPLATE);
            for (int i = 0; i < GOOD_RECORDS_PER_PACKET; i++) {
                p.flow(0xC0A8_0001 + i, 0x0A00_0001, 50_000 + i, 445, 1_000 + i, 1 + i);
            }
            byte[] b = p.build();
            decoder.decode(0, lo, b, 0, b.length, clock.millis(), this);
            sent += GOOD_RECORDS_PER_PACKET;
        }

        @Override
        public void accept(FlowRecord r) {
            if (r.exporterLo() == lo && r.dstPort() == 445 && r.srcPort() >= 50_000) {
                received.incrementAndGet();
            }
        }

        void assertEveryRecordDecoded() {
            assertThat(sent).isPositive();
            assertThat(received.get()).isEqualTo(sent);
            assertThat(snapshot(GOOD_EXPORTER).sequenceLost()).isZero();
        }
    }
}
