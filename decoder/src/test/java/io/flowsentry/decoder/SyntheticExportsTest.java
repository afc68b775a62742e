package io.flowsentry.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The synthetic datagrams are valid exports: every record decodes, no malformed-input counter moves. */
class SyntheticExportsTest {

    private static final long EXPORTER_LO = IpAddress.v4Lo(0x7f000001);

    @Test
    void everyDatagramDecodesCompletelyWithoutAnErrorCounter() {
        FlowDecoder decoder = new FlowDecoder(Clock.fixed(Instant.ofEpochSecond(SyntheticExports.EXPORT_SECONDS), ZoneOffset.UTC));
        List<FlowRecord> records = new ArrayList<>();
        decode(decoder, SyntheticExports.v9Template(300, SyntheticExports.V9_FIELDS), records);
        decode(decoder, SyntheticExports.ipfixTemplate(301, SyntheticExports.IPFIX_V4_FIELDS), records);
        assertThat(records).isEmpty();
        for (int seed = 0; seed < 3; seed++) {
            decode(decoder, SyntheticExports.v5(seed), records);
            decode(decoder, SyntheticExports.v9Data(300, SyntheticExports.V9_FIELDS, seed), records);
            decode(decoder, SyntheticExports.ipfixData(301, SyntheticExports.IPFIX_V4_FIELDS, seed), records);
        }
        int v9 = SyntheticExports.recordsPerDatagram(SyntheticExports.V9_FIELDS, 20);
        int ipfix = SyntheticExports.recordsPerDatagram(SyntheticExports.IPFIX_V4_FIELDS, 16);
        assertThat(v9).isEqualTo(35);
        assertThat(ipfix).isEqualTo(21);
        assertThat(records).hasSize(3 * (30 + v9 + ipfix));
        assertThat(decoder.counters().get(DecodeCounter.FLOW_RECORDS)).isEqualTo(records.size());
        for (DecodeCounter c : DecodeCounter.values()) {
            if (c != DecodeCounter.DATAGRAMS && c != DecodeCounter.FLOW_RECORDS && c != DecodeCounter.TEMPLATES) {
                assertThat(decoder.counters().get(c)).as(c.name()).isZero();
            }
        }
        assertThat(records).extracting(FlowRecord::dstPort).contains(445, 139, 443);
        assertThat(records).extracting(r -> IpAddress.toString(r.srcHi(), r.srcLo())).contains("10.0.0.1", "198.51.100.0");
        FlowRecord first = records.get(0);
        assertThat(IpAddress.toString(first.dstHi(), first.dstLo())).isEqualTo("10.1.0.0");
        assertThat(first.bytes()).isEqualTo(100);
    }

    @Test
    void ipv6TemplatesDecodeToIpv6RecordsAtTheGivenExportTime() {
        FlowDecoder decoder = new FlowDecoder(Clock.fixed(Instant.ofEpochSecond(SyntheticExports.EXPORT_SECONDS), ZoneOffset.UTC));
        List<FlowRecord> records = new ArrayList<>();
        long later = SyntheticExports.EXPORT_SECONDS + 600;
        decode(decoder, SyntheticExports.v9Template(257, SyntheticExports.V9_V6_FIELDS), records);
        decode(decoder, SyntheticExports.ipfixTemplate(258, SyntheticExports.IPFIX_V6_FIELDS), records);
        decode(decoder, SyntheticExports.v9Data(257, SyntheticExports.V9_V6_FIELDS, 1, later), records);
        decode(decoder, SyntheticExports.ipfixData(258, SyntheticExports.IPFIX_V6_FIELDS, 1, later), records);
        int v9 = SyntheticExports.recordsPerDatagram(SyntheticExports.V9_V6_FIELDS, 20);
        int ipfix = SyntheticExports.recordsPerDatagram(SyntheticExports.IPFIX_V6_FIELDS, 16);
        assertThat(records).hasSize(v9 + ipfix);
        assertThat(records).allSatisfy(r -> {
            assertThat(IpAddress.toString(r.srcHi(), r.srcLo())).startsWith("2001:db8::");
            // Flows end a second before the export time, whichever clock the version counts in.
            assertThat(r.timeEnd()).isBetween((later - 2) * 1000, later * 1000);
        });
    }

    @Test
    void smbRecordsGoMostlyToAPublicBlockAndSomeToAPrivateOne() {
        FlowDecoder decoder = new FlowDecoder(Clock.fixed(Instant.ofEpochSecond(SyntheticExports.EXPORT_SECONDS), ZoneOffset.UTC));
        List<FlowRecord> records = new ArrayList<>();
        for (int seed = 0; seed < 64; seed++) {
            decode(decoder, SyntheticExports.v5(seed), records);
        }
        long publicSmb = 0;
        long privateSmb = 0;
        for (FlowRecord r : records) {
            if (r.dstPort() != 139 && r.dstPort() != 445) {
                continue;
            }
            String destination = IpAddress.toString(r.dstHi(), r.dstLo());
            if (destination.startsWith("203.0.114.")) {
                publicSmb++;
            } else {
                assertThat(destination).startsWith("192.168.");
                privateSmb++;
            }
        }
        // One odd record key in four goes to 192.168.0.0/16, whatever its port.
        assertThat(privateSmb).isPositive();
        assertThat(publicSmb).isGreaterThan(2 * privateSmb);
    }

    private static void decode(FlowDecoder decoder, byte[] datagram, List<FlowRecord> out) {
        decoder.decode(0, EXPORTER_LO, datagram, 0, datagram.length, SyntheticExports.EXPORT_SECONDS * 1000,
                r -> out.add(new FlowRecord().copyFrom(r)));
    }
}
