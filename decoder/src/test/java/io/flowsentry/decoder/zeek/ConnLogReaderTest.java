package io.flowsentry.decoder.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.FlowRecordJson;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ConnLogReaderTest {

    private static final Path ZEEK = Path.of(System.getProperty("flowsentry.shared.dir", "../shared"), "corpus", "zeek", "raw");

    private static final String HEADER = String.join("\n",
            "#separator \\x09",
            "#set_separator\t,",
            "#empty_field\t(empty)",
            "#unset_field\t-",
            "#path\tconn",
            "#open\t2019-07-31-18-52-11",
            "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents",
            "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]",
            "");
    private static final String GOOD = "1284385418.014560\tC1\t10.0.0.1\t49282\t198.51.100.7\t445\ttcp\tgssapi,smb\t0.096000\t100\t200\tSF\t-\t-\t0\tShADda\t3\t260\t4\t360\t-\n";

    private final List<FlowRecord> records = new ArrayList<>();
    private final ConnLogCounters counters = new ConnLogCounters();

    private ConnLogFormat read(byte[] content) throws IOException {
        return ConnLogReader.read(new ByteArrayInputStream(content), "test.log", r -> records.add(new FlowRecord().copyFrom(r)), counters);
    }

    private ConnLogFormat read(String content) throws IOException {
        return read(content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void tsvLineMapsEveryField() throws IOException {
        assertThat(read(HEADER + GOOD)).isEqualTo(ConnLogFormat.TSV_HEADER);
        assertThat(records).hasSize(1);
        FlowRecord r = records.get(0);
        assertThat(r.timeStart()).isEqualTo(1_284_385_418_014L);
        assertThat(r.timeEnd()).isEqualTo(1_284_385_418_110L); // 418.014560 + 0.096000 = 418.110560
        assertThat(IpAddress.toString(r.srcHi(), r.srcLo())).isEqualTo("10.0.0.1");
        assertThat(IpAddress.toString(r.dstHi(), r.dstLo())).isEqualTo("198.51.100.7");
        assertThat(r.srcPort()).isEqualTo(49282);
        assertThat(r.dstPort()).isEqualTo(445);
        assertThat(r.protocol()).isEqualTo(6);
        assertThat(r.app()).isEqualTo("gssapi,smb");
        assertThat(r.action()).isEqualTo(Action.ALLOWED);
        assertThat(r.bytes()).isEqualTo(260); // orig_ip_bytes, not orig_bytes (100)
        assertThat(r.packets()).isEqualTo(3);
        assertThat(r.reverseBytes()).isEqualTo(360);
        assertThat(r.reversePackets()).isEqualTo(4);
        assertThat(r.sourceType()).isEqualTo(SourceType.ZEEK_CONN);
        assertThat(counters.headerLines()).isEqualTo(8);
        assertThat(counters.records()).isEqualTo(1);
    }

    @Test
    void connStateMapsToTheAddOnsAction() throws IOException {
        String[] states = {"REJ", "S0", "RSTOS0", "RSTRH", "SH", "SHR", "SF", "S1", "OTH", "RSTO", "-"};
        Action[] expected = {Action.BLOCKED, Action.DROPPED, Action.DROPPED, Action.DROPPED, Action.DROPPED,
            Action.DROPPED, Action.ALLOWED, Action.ALLOWED, Action.ALLOWED, Action.ALLOWED, Action.UNKNOWN};
        StringBuilder sb = new StringBuilder(HEADER);
        for (String s : states) {
            sb.append(GOOD.replace("\tSF\t", "\t" + s + "\t"));
        }
        read(sb.toString());
        assertThat(records).extracting(FlowRecord::action).containsExactly(expected);
    }

    @Test
    void unsetServiceAndDurationAndIpBytesFallBack() throws IOException {
        String line = "1284385418.014560\tC1\t10.0.0.1\t1\t10.0.0.2\t53\tudp\t-\t-\t100\t200\tS0\t-\t-\t0\tD\t3\t-\t4\t-\t-\n";
        read(HEADER + line);
        FlowRecord r = records.get(0);
        assertThat(r.app()).isNull();
        assertThat(r.timeEnd()).isEqualTo(r.timeStart());
        assertThat(r.bytes()).isEqualTo(100);
        assertThat(r.reverseBytes()).isEqualTo(200);
        assertThat(r.protocol()).isEqualTo(17);
        assertThat(r.action()).isEqualTo(Action.DROPPED);
    }

    @Test
    void icmpBetweenIpv6HostsIsProtocol58() throws IOException {
        String v6 = "1284385451.658560\tC1\tfc00:0:2:100::1:1\t128\tfc00::1\t129\ticmp\t-\t0.156000\t260\t260\tOTH\t-\t-\t0\t-\t5\t500\t5\t500\t-\n";
        String v4 = "1284385451.658560\tC1\t10.0.0.1\t8\t10.0.0.2\t0\ticmp\t-\t0.156000\t260\t260\tOTH\t-\t-\t0\t-\t5\t500\t5\t500\t-\n";
        read(HEADER + v6 + v4);
        assertThat(records).extracting(FlowRecord::protocol).containsExactly(58, 1);
    }

    @Test
    void columnsAreFoundByNameInAnyOrderWithExtras() throws IOException {
        String content = "#separator \\x09\n#unset_field\t-\n#fields\tid.ctx.vlan\tid.resp_p\tid.resp_h\tservice\tts\tip_proto\tproto\tid.orig_h\n"
                + "7\t139\t203.0.113.9\tsmb\t1600000000.5\t6\tunknown_transport\t2001:db8::1\n";
        read(content);
        FlowRecord r = records.get(0);
        assertThat(r.dstPort()).isEqualTo(139);
        assertThat(r.timeStart()).isEqualTo(1_600_000_000_500L);
        assertThat(r.protocol()).isEqualTo(6); // from ip_proto, proto being unknown_transport
        assertThat(IpAddress.toString(r.srcHi(), r.srcLo())).isEqualTo("2001:db8::1");
        assertThat(r.srcPort()).isZero(); // optional column missing
        assertThat(r.action()).isEqualTo(Action.UNKNOWN);
    }

    @Test
    void spacesAfterTabsAreDataAndOtherSeparatorsWork() throws IOException {
        // " C1" and " gssapi, smb": a space right after a tab (the eight-byte scan flags it, the check drops it).
        read(HEADER + GOOD.replace("\tC1\t", "\t C1\t").replace("\tgssapi,smb\t", "\t gssapi, smb\t"));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.app()).isEqualTo(" gssapi, smb");
            assertThat(r.dstPort()).isEqualTo(445);
        });
        records.clear();
        read("#separator \\x7c\n#unset_field|-\n#fields|ts|uid|id.orig_h|id.resp_h|id.resp_p\n"
                + "1600000000.25|C\twith tab|10.0.0.1|10.0.0.2|139\n");
        assertThat(records).singleElement().satisfies(r -> assertThat(r.timeStart()).isEqualTo(1_600_000_000_250L));
        assertThat(counters.badTotal()).isZero();
    }

    /** The unset and empty markers a header declares, and counts at the edges of what the word-at-a-time parsers take. */
    @Test
    void declaredMarkersAndOddValuesInPlace() throws IOException {
        String header = HEADER.replace("#unset_field\t-", "#unset_field\tNONE").replace("#empty_field\t(empty)", "#empty_field\tEMPTY");
        String line = "1284385418.014560\tC1\t10.0.0.1\t49282\t2001:db8::7\t00445\ttcp\t%s\t%s\t%s\t200\tSF\t-\t-\t0\t-\t%s\t%s\t4\t%s\t-\n";
        read(header
                + line.formatted("EMPTY", "NONE", "NONE", "000000000000000003", "260", "999999999999999999")
                + line.formatted("smb", "12.5", "-", "3", "260", "360") // "-" is a value here, and no count
                + line.formatted("NONE", "0.000001", "1", "1000000000000000000", "260", "360") // 19 digits
                + line.formatted("dns", "0.000001", "1", "1", "NONE", "0360"));
        assertThat(counters.bad(BadLine.BAD_NUMBER)).isEqualTo(2);
        assertThat(records).hasSize(2);
        FlowRecord first = records.get(0);
        assertThat(first.app()).isNull();
        assertThat(first.timeEnd()).isEqualTo(first.timeStart()); // duration unset
        assertThat(first.dstPort()).isEqualTo(445);
        assertThat(IpAddress.toString(first.dstHi(), first.dstLo())).isEqualTo("2001:db8::7");
        assertThat(first.packets()).isEqualTo(3);
        assertThat(first.bytes()).isEqualTo(260);
        assertThat(first.reverseBytes()).isEqualTo(999_999_999_999_999_999L);
        FlowRecord last = records.get(1);
        assertThat(last.app()).isEqualTo("dns");
        assertThat(last.bytes()).isEqualTo(1); // orig_ip_bytes unset: orig_bytes
        assertThat(last.reverseBytes()).isEqualTo(360);
        assertThat(last.timeEnd() - last.timeStart()).isZero(); // 1 µs rounds away at ms precision

        records.clear();
        String oneByte = HEADER.replace("#unset_field\t-", "#unset_field\t?");
        read(oneByte + line.formatted("?", "?", "?", "7", "?", "-"));
        assertThat(records).isEmpty(); // "-" is no count when "?" is the unset marker
        read(oneByte + line.formatted("?", "?", "?", "7", "?", "?"));
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.app()).isNull();
            assertThat(r.packets()).isEqualTo(7);
            assertThat(r.bytes()).isZero();
        });
    }

    @Test
    void badLinesAreCountedByReasonAndTheNextLineReadsNormally() throws IOException {
        String content = HEADER
                + GOOD
                + "XXXXXXXXXX.XXXXXX\tC1\t10.0.0.1\t1\t10.0.0.2\t445\ttcp\t-\t-\t-\t-\tSF\t-\t-\t0\t-\t1\t1\t1\t1\t-\n"
                + GOOD
                + "1284385418.014560\tC1\t10.0.0.999\t1\t10.0.0.2\t445\ttcp\t-\t-\t-\t-\tSF\t-\t-\t0\t-\t1\t1\t1\t1\t-\n"
                + "1284385418.014560\tC1\t10.0.0.1\t70000\t10.0.0.2\t445\ttcp\t-\t-\t-\t-\tSF\t-\t-\t0\t-\t1\t1\t1\t1\t-\n"
                + "1284385418.014560\tC1\t10.0.0.1\t1\t10.0.0.2\t445\n"
                + "1284385418.014560\tC1\t10.0.0.1\t1\t10.0.0.2\t445\ttcp\t-\t-\tmany\t-\tSF\t-\t-\t0\t-\t1\t1\t1\t1\t-\n"
                + "12843\u0000\u0001\u0002\u0003garbage\t\t\n"
                + "-\tC1\t10.0.0.1\t1\t10.0.0.2\t445\ttcp\t-\t-\t-\t-\tSF\t-\t-\t0\t-\t1\t1\t1\t1\t-\n"
                + GOOD;
        read(content);
        assertThat(records).hasSize(3);
        assertThat(counters.bad(BadLine.BAD_TIME)).isEqualTo(2);
        assertThat(counters.bad(BadLine.BAD_ADDRESS)).isEqualTo(1);
        assertThat(counters.bad(BadLine.BAD_PORT)).isEqualTo(1);
        assertThat(counters.bad(BadLine.COLUMN_COUNT)).isEqualTo(1);
        assertThat(counters.bad(BadLine.BAD_NUMBER)).isEqualTo(1);
        assertThat(counters.bad(BadLine.BINARY)).isEqualTo(1);
        assertThat(counters.badTotal()).isEqualTo(7);
        assertThat(counters.lines()).isEqualTo(8 + 10);
    }

    @Test
    void aOneMegabyteLineIsSkippedToItsNewline() throws IOException {
        byte[] huge = new byte[1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(HEADER.getBytes(StandardCharsets.US_ASCII));
        out.write(GOOD.getBytes(StandardCharsets.US_ASCII));
        out.write(huge);
        out.write('\n');
        out.write(GOOD.getBytes(StandardCharsets.US_ASCII));
        out.write(huge); // and one more at the very end, without a newline
        read(out.toByteArray());
        assertThat(records).hasSize(2);
        assertThat(counters.bad(BadLine.LINE_TOO_LONG)).isEqualTo(2);
        assertThat(counters.badTotal()).isEqualTo(2);
        assertThat(counters.lines()).isEqualTo(8 + 4);
    }

    @Test
    void randomBinaryNeverThrows() throws IOException {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 200; round++) {
            byte[] junk = new byte[random.nextInt(4096)];
            random.nextBytes(junk);
            byte[] withHeader = (round % 2 == 0 ? HEADER : "{\"ts\":1}\n").getBytes(StandardCharsets.US_ASCII);
            byte[] all = new byte[withHeader.length + junk.length];
            System.arraycopy(withHeader, 0, all, 0, withHeader.length);
            System.arraycopy(junk, 0, all, withHeader.length, junk.length);
            read(all);
        }
        assertThat(counters.lines()).isGreaterThan(200);
    }

    @Test
    void jsonTimesAsEpochSecondsMillisAndIso8601() throws IOException {
        String content = "{\"ts\":1507562478.10937,\"id.orig_h\":\"192.168.10.31\",\"id.orig_p\":49282,\"id.resp_h\":\"192.168.10.10\",\"id.resp_p\":445,\"proto\":\"tcp\",\"service\":\"gssapi,smb\",\"duration\":0.22932004928588867,\"conn_state\":\"REJ\",\"orig_pkts\":78,\"orig_ip_bytes\":19403,\"resp_pkts\":77,\"resp_ip_bytes\":16812,\"tunnel_parents\":[\"a\",\"b\"]}\n"
                + "{\"ts\":1507562478109,\"id.orig_h\":\"192.168.10.31\",\"id.resp_h\":\"192.168.10.10\",\"id.resp_p\":445}\n"
                + "{\"ts\":\"2017-10-09T15:21:18.109370Z\",\"id.orig_h\":\"192.168.10.31\",\"id.resp_h\":\"192.168.10.10\",\"id.resp_p\":445}\n"
                + " { \"id.resp_p\" : 139 , \"id.resp_h\" : \"::1\" , \"ts\" : \"2017-10-09T17:21:18.109+02:00\" , \"id.orig_h\" : \"::2\" , \"x\" : {\"y\":[1,{\"z\":\"}\"}]} } \n";
        assertThat(read(content)).isEqualTo(ConnLogFormat.JSON);
        assertThat(counters.badTotal()).isZero();
        assertThat(records).extracting(FlowRecord::timeStart).containsOnly(1_507_562_478_109L);
        FlowRecord first = records.get(0);
        assertThat(first.timeEnd()).isEqualTo(1_507_562_478_338L); // .109370 + .229320 = .338690
        assertThat(first.action()).isEqualTo(Action.BLOCKED);
        assertThat(first.app()).isEqualTo("gssapi,smb");
        assertThat(first.bytes()).isEqualTo(19403);
        assertThat(first.sourceType()).isEqualTo(SourceType.ZEEK_CONN_JSON);
        assertThat(records.get(1).action()).isEqualTo(Action.UNKNOWN);
        assertThat(records.get(3).dstPort()).isEqualTo(139);
    }

    @Test
    void badJsonLinesAreCounted() throws IOException {
        String ok = "{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":445}\n";
        String content = ok
                + "{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"10.0.0.2\"}\n"
                + "{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":445\n"
                + "{\"ts\":\"yesterday\",\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":445}\n"
                + "{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"10.0.0.2\",\"id.resp_p\":445} trailing\n"
                + "{\"ts\":1.5,\"id.orig_h\":\"10.0.0.1\",\"id.resp_h\":\"10.0.\u0001\",\"id.resp_p\":445}\n"
                + "not json at all\n"
                + ok;
        read(content);
        assertThat(records).hasSize(2);
        assertThat(counters.bad(BadLine.MISSING_REQUIRED_FIELD)).isEqualTo(1);
        assertThat(counters.bad(BadLine.MALFORMED_JSON)).isEqualTo(3);
        assertThat(counters.bad(BadLine.BAD_TIME)).isEqualTo(1);
        assertThat(counters.bad(BadLine.BINARY)).isEqualTo(1);
    }

    @Test
    void gzipOfEitherFormReadsLikeThePlainFile() throws IOException {
        for (String name : List.of("zeek-btest-2020/Baseline__core.pppoe__conn.log", "zeek-docs/docs_reference_logs_smb.conn.ndjson")) {
            byte[] plain = Files.readAllBytes(ZEEK.resolve(name));
            ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
                out.write(plain);
            }
            records.clear();
            read(plain);
            List<String> fromPlain = records.stream().map(FlowRecordJson::toJson).toList();
            records.clear();
            read(gz.toByteArray());
            List<String> fromGzip = records.stream().map(FlowRecordJson::toJson).toList();
            assertThat(fromPlain).isNotEmpty();
            assertThat(fromGzip).isEqualTo(fromPlain);
        }
    }

    @Test
    void firstRowsOfRealLogs() throws IOException {
        try (InputStream in = Files.newInputStream(ZEEK.resolve("zeek-btest-2020/Baseline__core.pppoe__conn.log"))) {
            ConnLogReader.read(in, "pppoe", r -> records.add(new FlowRecord().copyFrom(r)), counters);
        }
        // 1284385418.014560 CmES5u32sYpV7JYN fe80::c801:eff:fe88:8 547 fe80::ce05:eff:fe88:0 546 udp - 0.096000 192 0 S0 ... 2 288 0 0
        assertThat(FlowRecordJson.toJson(records.get(0))).isEqualTo(
                "{\"time_start\":\"2010-09-13T13:43:38.014Z\",\"time_end\":\"2010-09-13T13:43:38.110Z\","
                        + "\"src_ip\":\"fe80::c801:eff:fe88:8\",\"dest_ip\":\"fe80::ce05:eff:fe88:0\",\"src_port\":547,"
                        + "\"dest_port\":546,\"transport\":17,\"bytes\":288,\"packets\":2,\"tcp_flags\":0,\"action\":\"dropped\","
                        + "\"app\":null,\"sourcetype\":\"zeek:conn\",\"exporter\":null,\"observation_domain\":0,\"sampling_interval\":0}");
    }

    @Test
    void snifferTellsTheForms() {
        assertThat(sniff(HEADER)).isEqualTo(ConnLogFormat.TSV_HEADER);
        assertThat(sniff(HEADER.replace("#path\tconn", "#path\tdns"))).isEqualTo(ConnLogFormat.NOT_CONN_LOG);
        assertThat(sniff("### banner\nts\tuid\tid.orig_h\n1\tC\t10.0.0.1\n")).isEqualTo(ConnLogFormat.TSV_ZEEK_CUT);
        assertThat(sniff("{\"ts\":1.0,\"conn_state\":\"SF\"}\n")).isEqualTo(ConnLogFormat.JSON);
        assertThat(sniff("{\"ts\":1.0,\"query\":\"example.com\"}\n")).isEqualTo(ConnLogFormat.NOT_CONN_LOG);
        assertThat(sniff("hello world\n")).isEqualTo(ConnLogFormat.NOT_CONN_LOG);
        assertThat(sniff("")).isEqualTo(ConnLogFormat.UNDECIDED);
        assertThat(sniff("### only a banner\n")).isEqualTo(ConnLogFormat.UNDECIDED);
    }

    private static ConnLogFormat sniff(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return ConnLogSniffer.sniff(b, 0, b.length);
    }
}
