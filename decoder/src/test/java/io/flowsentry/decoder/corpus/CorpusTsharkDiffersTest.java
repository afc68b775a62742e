package io.flowsentry.decoder.corpus;

import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.flowsentry.decoder.corpus.CorpusOracleTest.assertSameFlows;
import static org.assertj.core.api.Assertions.assertThat;

/** The captures where tshark is wrong or silent (corpus README), checked against the right answer. */
class CorpusTsharkDiffersTest {

    /**
     * softflowd's v9 header Count counts data records only (RFC 3954 §5.1 says every record, templates
     * included), so tshark, honouring Count, decodes 0 of the flows. The decoder reads sets to the end
     * of the datagram; nfdump 1.7.1 does the same, so its CSV is the oracle here.
     */
    @ParameterizedTest
    @ValueSource(strings = {"zeek_btest_smb1__v9_port40017", "zeek_btest_smb2_krb__v9_port40026",
            "zeek_btest_smb2readwrite__v9_port40020", "zeek_btest_smb3__v9_port40023",
            "zeek_doc_20171220_smb_at_schedule__v9_port40014", "smb_mix_input__v9_port40011",
            "smb_mix_input__v9_pcaptime_port40031"})
    void softflowdV9EqualsNfdump(String name) {
        Path dir = Corpus.source("softflowd");
        Replay replay = Replay.of(dir.resolve("exports/" + name + ".pcap"));
        List<OracleFlow> nfdump = OracleFlow.nfdump(dir.resolve("oracle/" + name + ".nfdump.csv"));
        assertThat(nfdump).isNotEmpty();
        assertSameFlows(replay.flows, nfdump, name);
    }

    /**
     * logstash netflow9_test_invalid01: header count 2 but 6 records (2 templates, 1 options template,
     * 3 data sets); tshark stops after 2 records and shows no flow. The right answer is every data
     * record: data set 256 is the options set (1 options record), sets 2048 and 1024 one flow each,
     * the 1024 record being an IPv6 NTP flow and the 2048 one an IPv4 DNS reply.
     */
    @Test
    void v9InvalidCountDecodesEveryRecord() {
        Replay replay = Replay.of(Corpus.source("logstash").resolve("pcap/netflow_9_invalid_01.pcap"));
        assertThat(replay.flows).hasSize(2);
        assertThat(replay.decoder.counters().get(DecodeCounter.OPTIONS_RECORDS)).isEqualTo(1);
        assertThat(replay.decoder.counters().get(DecodeCounter.TEMPLATES)).isEqualTo(2);
        assertThat(replay.decoder.counters().get(DecodeCounter.OPTIONS_TEMPLATES)).isEqualTo(1);
        assertThat(replay.flows).extracting(f -> f.record().protocol()).containsOnly(17);
    }

    /**
     * H3C template 3281 has an IPv4-typed field of length 2: tshark throws after record 1 of 16.
     * Logstash decodes 16 (its expected event 15 is the second oracle); the first equals tshark's, and
     * its times equal tshark's uptime-relative ones made absolute with the header (sysUpTime 3958284.405 s
     * at 2018-05-21T09:25:04Z). Logstash's v9 times are 1 s late whenever the uptime difference is not a
     * whole second (its v9 path sets micros = 1e6 - (millis % 1000) * 1000 without taking the second
     * back), so event 15's times are compared 1 s earlier.
     */
    @Test
    void h3cDecodesAllSixteen() {
        Replay replay = Replay.of(Corpus.source("logstash").resolve("pcap/netflow_9_h3c.pcap"));
        assertThat(replay.flows).hasSize(16);
        List<OracleFlow> tshark = OracleFlow.tshark(Corpus.source("logstash").resolve("oracle/netflow_9_h3c.flows.tsv"));
        assertThat(tshark).hasSize(1);
        assertThat(tshark.get(0).differences(replay.flows.get(0).record())).isEmpty();
        long export = Instant.parse("2018-05-21T09:25:04Z").toEpochMilli();
        assertThat(replay.flows.get(0).record().timeStart()).isEqualTo(export - (3958284405L - 3958194563L));
        assertThat(replay.flows.get(0).record().timeEnd()).isEqualTo(export - (3958284405L - 3958284082L));
        // logstash/expected/netflow_9_h3c.logstash_expected.json, events_by_decode_index 15:
        FlowRecord r = replay.flows.get(15).record();
        assertThat(IpAddress.toString(r.srcHi(), r.srcLo())).isEqualTo("10.22.166.36");
        assertThat(IpAddress.toString(r.dstHi(), r.dstLo())).isEqualTo("10.21.75.38");
        assertThat(r.protocol()).isEqualTo(6);
        assertThat(r.srcPort()).isZero();
        assertThat(r.dstPort()).isZero();
        assertThat(r.bytes()).isEqualTo(5092);
        assertThat(r.packets()).isEqualTo(9);
        assertThat(Instant.ofEpochMilli(r.timeStart())).isEqualTo(Instant.parse("2018-05-21T09:24:04.922Z").minusSeconds(1));
        assertThat(Instant.ofEpochMilli(r.timeEnd())).isEqualTo(Instant.parse("2018-05-21T09:25:04.928Z").minusSeconds(1));
    }

    /**
     * python-netflow packet_v9_template_mixed.bin is packet_v9_template.bin with data set 1024 moved
     * before its template: tshark decodes nothing. Buffered until the template arrives, the 8 flows
     * equal tshark's decode of the well-ordered packet (frame 1 of v9_template_then_3_data).
     */
    @Test
    void v9DataBeforeTemplateInSamePacket() {
        Path dir = Corpus.source("python-netflow");
        Replay mixed = Replay.of(dir.resolve("pcap/v9_template_mixed_order.pcap"));
        List<OracleFlow> ordered = new ArrayList<>();
        for (OracleFlow f : OracleFlow.tshark(dir.resolve("oracle/v9_template_then_3_data.flows.tsv"))) {
            if (f.frame() == 1) {
                ordered.add(f);
            }
        }
        assertThat(ordered).hasSize(8);
        assertSameFlows(mixed.flows, ordered, "v9_template_mixed_order");
        assertThat(mixed.decoder.counters().get(DecodeCounter.MISSING_TEMPLATE)).isEqualTo(1);
        assertThat(mixed.decoder.counters().get(DecodeCounter.PENDING_SETS_DECODED)).isEqualTo(1);
    }

    /**
     * python-netflow: packet_ipfix.bin (data sets 2049, 2048, no template), the template packet, then
     * packet_ipfix.bin again. tshark skips frame 1. The decoder buffers frame 1's sets and decodes each
     * when its template arrives in frame 2 (2048 is defined before 2049 there), so the records are:
     * frame 1's 2048 and 2049 records (the same bytes as frame 3, whose tshark rows are the oracle),
     * then tshark's frame 2 and frame 3 rows.
     */
    @Test
    void ipfixDataBeforeTemplateInEarlierPacket() {
        Path dir = Corpus.source("python-netflow");
        Replay replay = Replay.of(dir.resolve("pcap/ipfix_data_template_data.pcap"));
        List<OracleFlow> tshark = OracleFlow.tshark(dir.resolve("oracle/ipfix_data_template_data.flows.tsv"));
        List<String> sets = new ArrayList<>();
        for (var row : Corpus.tsv(dir.resolve("oracle/ipfix_data_template_data.flows.tsv"))) {
            if ("flow".equals(row.get("kind"))) {
                sets.add(row.get("set_id"));
            }
        }
        List<OracleFlow> expected = new ArrayList<>();
        for (String set : List.of("2048", "2049")) {
            for (int i = 0; i < tshark.size(); i++) {
                if (tshark.get(i).frame() == 3 && sets.get(i).equals(set)) {
                    expected.add(tshark.get(i));
                }
            }
        }
        expected.addAll(tshark);
        assertSameFlows(replay.flows, expected, "ipfix_data_template_data");
        assertThat(replay.decoder.counters().get(DecodeCounter.PENDING_SETS_DECODED)).isEqualTo(2);
    }

    /** NetFlow v1 (python-netflow packet_v1.bin): tshark decodes it; a v5/v9/IPFIX collector rejects it, counted. */
    @Test
    void netflowV1IsCountedAsUnknownVersion() {
        Replay replay = Replay.of(Corpus.source("python-netflow").resolve("pcap/v1_icmp.pcap"));
        assertThat(replay.flows).isEmpty();
        assertThat(replay.decoder.counters().get(DecodeCounter.UNKNOWN_VERSION)).isEqualTo(1);
    }

    /**
     * vflow multiMessage: 9 templates, an options template whose field count (506) runs past its set
     * (tshark: "More options (506)", frame aborted), then data; IPFIX length 1366 of 1623 bytes. The
     * malformed template is counted and skipped, the next set's bad length stops the message, the 257
     * bytes after the message are trailing, and decoding goes on with the data set in between.
     */
    @Test
    void vflowMalformedOptionsTemplateIsCountedAndDecodingGoesOn() {
        Replay replay = Replay.of(Corpus.source("vflow").resolve("pcap/ipfix_multimessage_trailing257.pcap"));
        var counters = replay.decoder.counters();
        assertThat(counters.get(DecodeCounter.TEMPLATES)).isEqualTo(9);
        assertThat(counters.get(DecodeCounter.TEMPLATE_TRUNCATED)).isEqualTo(1);
        assertThat(counters.get(DecodeCounter.TRAILING_BYTES)).isEqualTo(1);
        assertThat(replay.flows).hasSize(2);
    }

    /**
     * pmacct 500 (Cisco SRv6): template 340 carries protocolIdentifier and the ports twice, the outer
     * IPv6 packet's (4, IP-in-IP) and the inner packet's (1, ICMP / 17, UDP), beside the inner IPv4
     * addresses. tshark's columns show the first; nfacctd (raw/500-.../output-flow-00.json line 5: ip_proto icmp,
     * tunnel_ip_proto ipencap) and this decoder report the inner flow, whose addresses are the ones
     * tshark shows. Every other field of every record equals tshark.
     */
    @Test
    void srv6RecordReportsTheInnerProtocol() {
        CorpusCase c = new CorpusCase("pmacct", "raw/500-IPFIXv10-BGP-CISCO-SRv6/traffic-00.pcap", "500-IPFIXv10-BGP-CISCO-SRv6__traffic-00");
        Replay replay = Replay.of(c.pcapPath());
        List<OracleFlow> tshark = new ArrayList<>(OracleFlow.tshark(c.oraclePath(".flows.tsv")));
        List<String> sets = new ArrayList<>();
        for (var row : Corpus.tsv(c.oraclePath(".flows.tsv"))) {
            if ("flow".equals(row.get("kind"))) {
                sets.add(row.get("set_id"));
            }
        }
        // tshark's JSON lists both values of a repeated field, e.g. "cflow.protocol": ["4", "1"].
        String json = new String(Corpus.bytes(c.oraclePath(".json")));
        List<Integer> protocols = secondValues(json, "protocol");
        List<Integer> srcPorts = secondValues(json, "srcport");
        List<Integer> dstPorts = secondValues(json, "dstport");
        int changed = 0;
        for (int i = 0; i < tshark.size(); i++) {
            OracleFlow f = tshark.get(i);
            if (sets.get(i).equals("340")) {
                tshark.set(i, new OracleFlow(f.frame(), f.src(), f.dst(), srcPorts.get(changed), dstPorts.get(changed),
                        protocols.get(changed), f.octets(), f.packets()));
                changed++;
            }
        }
        assertThat(protocols).hasSize(changed);
        assertThat(srcPorts).hasSize(changed);
        assertThat(dstPorts).hasSize(changed);
        assertThat(changed).isEqualTo(4);
        assertSameFlows(replay.flows, tshark, c.toString());
    }

    /** The second value of every two-valued {@code cflow.<field>} list in tshark's JSON, in document order. */
    private static List<Integer> secondValues(String json, String field) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("\"cflow\\." + field + "\": \\[\\s*\"(\\d+)\",\\s*\"(\\d+)\"\\s*\\]").matcher(json);
        List<Integer> out = new ArrayList<>();
        while (m.find()) {
            out.add(Integer.parseInt(m.group(2)));
        }
        return out;
    }

    /** Raw payload files decode to the same records as their oracle pcap (goflow2's v9 template then data). */
    @Test
    void rawFilesDecodeLikeTheirPcap() {
        Path dir = Corpus.source("goflow2");
        FlowDecoder decoder = new FlowDecoder(java.time.Clock.systemUTC());
        List<FlowRecord> raw = new ArrayList<>();
        Replay.raw(decoder, dir.resolve("raw/netflow_TestDecodeNetFlowV9_template_v9_ed43fe7fb7.bin"), raw);
        Replay.raw(decoder, dir.resolve("raw/netflow_TestDecodeNetFlowV9_data_v9_8b3adb7e5f.bin"), raw);
        List<OracleFlow> oracle = OracleFlow.tshark(dir.resolve("oracle/v9_template260_then_data.flows.tsv"));
        assertThat(raw).hasSize(21).hasSize(oracle.size());
        for (int i = 0; i < raw.size(); i++) {
            assertThat(oracle.get(i).differences(raw.get(i))).as("record " + i).isEmpty();
        }
        // goflow2 TestDecodeNetFlowV9: first record 1 packet, 1500 bytes, 198.38.120.222 -> 88.121.217.208.
        assertThat(raw.get(0).packets()).isEqualTo(1);
        assertThat(raw.get(0).bytes()).isEqualTo(1500);
        assertThat(IpAddress.toString(raw.get(0).srcHi(), raw.get(0).srcLo())).isEqualTo("198.38.120.222");
        assertThat(IpAddress.toString(raw.get(0).dstHi(), raw.get(0).dstLo())).isEqualTo("88.121.217.208");
    }
}
