package io.flowsentry.decoder.corpus;

import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.flow.Action;
import org.junit.jupiter.api.Test;

import static io.flowsentry.decoder.DecodeCounter.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the corpus's malformed, incomplete and vendor-specific captures give beyond the records: each
 * problem has its own counter, and decoding goes on. Expectations come from the corpus README and
 * MANIFEST notes and from tshark's summary (sets without template) and logstash's expected events.
 */
class CorpusCountersTest {

    private static Replay replay(String source, String pcap) {
        return Replay.of(Corpus.source(source).resolve(pcap));
    }

    private static long count(Replay r, DecodeCounter c) {
        return r.decoder.counters().get(c);
    }

    @Test
    void netscalerDataWithoutTemplatesIsBufferedNotDecoded() {
        // tshark: 4 sets skipped for missing template; logstash: 0 events.
        Replay r = replay("logstash", "pcap/ipfix_netscaler_data_without_templates.pcap");
        assertThat(r.flows).isEmpty();
        assertThat(count(r, MISSING_TEMPLATE)).isEqualTo(4);
        assertThat(r.decoder.exporters().get(0).pendingSets()).isEqualTo(4);
    }

    @Test
    void netscalerSet280NeverGetsATemplate() {
        // MANIFEST: set 280 has no template (skipped); the 3 flows decode, with 3-byte variable lengths.
        Replay r = replay("logstash", "pcap/ipfix_netscaler_with_variable_length_fields.pcap");
        assertThat(r.flows).hasSize(3);
        assertThat(count(r, MISSING_TEMPLATE)).isEqualTo(1);
        assertThat(count(r, RECORD_TRUNCATED)).isZero();
    }

    @Test
    void trailingZeroBytesArePaddingNotMalformed() {
        // README: Palo Alto sends one flowset followed by 1,220 zero bytes; ACI's template packet has 64.
        Replay palo = replay("logstash", "pcap/netflow_9_palo_alto_1_flowset_in_large_zero_filled_packet.pcap");
        assertThat(palo.flows).hasSize(1);
        assertThat(count(palo, TRAILING_ZERO_PADDING)).isEqualTo(1);
        Replay aci = replay("logstash", "pcap/netflow_9_cisco_aci.pcap");
        assertThat(aci.flows).hasSize(3);
        assertThat(count(aci, TRAILING_ZERO_PADDING)).isEqualTo(1);
        assertThat(count(palo, SET_LENGTH_INVALID) + count(aci, SET_LENGTH_INVALID)).isZero();
    }

    @Test
    void v5HeaderCountsBeyondTheDatagram() {
        // README: header counts 55,582 and 163 with 30 records present; the length is trusted.
        for (String pcap : new String[]{"pcap/netflow_5_invalid_01.pcap", "pcap/netflow_5_invalid_02.pcap"}) {
            Replay r = replay("logstash", pcap);
            assertThat(r.flows).hasSize(30);
            assertThat(count(r, V5_COUNT_EXCEEDS_DATAGRAM)).isEqualTo(1);
            assertThat(count(r, V5_COUNT_OVER_30)).isEqualTo(1);
        }
    }

    @Test
    void trailingBytesAfterTheLastRecordOrMessage() {
        // vflow: 29 v5 records then 10 bytes; IPFIX: two messages in one datagram plus 4 bytes, the first
        // message's data sets lacking their template (tshark: 3 sets without template).
        Replay v5 = replay("vflow", "pcap/v5_29flows_trailing10.pcap");
        assertThat(v5.flows).hasSize(29);
        assertThat(count(v5, TRAILING_BYTES)).isEqualTo(1);
        Replay ipfix = replay("vflow", "pcap/ipfix_payload_2msgs_concat.pcap");
        assertThat(count(ipfix, TRAILING_BYTES)).isEqualTo(1);
        assertThat(count(ipfix, MISSING_TEMPLATE)).isEqualTo(3);
    }

    @Test
    void anInvalidVersionIsCounted() {
        // python-netflow packet_invalid.bin: 21 bytes of 0xFF.
        Replay r = replay("python-netflow", "pcap/invalid_version_ffff.pcap");
        assertThat(r.flows).isEmpty();
        assertThat(count(r, UNKNOWN_VERSION)).isEqualTo(1);
    }

    @Test
    void reducedSizeEncodingWithMissingTemplates() {
        // ipt_NETFLOW: 12 decodable records, 6 sets of templates 259/262 never defined in the capture.
        Replay r = replay("logstash", "pcap/netflow_9_ipt_netflow_reduced_size_encoding.pcap");
        assertThat(r.flows).hasSize(12);
        assertThat(count(r, MISSING_TEMPLATE)).isEqualTo(6);
    }

    @Test
    void asaFirewallEventsGiveTheAction() {
        // tshark oracle netflow_9_cisco_asa.flows.tsv: every record has firewall_event 2 (flow deleted).
        Replay r = replay("logstash", "pcap/netflow_9_cisco_asa.pcap");
        assertThat(r.flows).hasSize(14).allMatch(f -> f.record().action() == Action.ALLOWED);
    }

    @Test
    void panOsAppIdGivesTheApp() {
        // logstash expected: event 1 app_id "ssl", event 7 app_id "incomplete" (no options records here).
        Replay r = replay("logstash", "pcap/netflow_9_palo_alto_pan_os_with_app_id.pcap");
        assertThat(r.flows.get(1).record().app()).isEqualTo("ssl");
        assertThat(r.flows.get(7).record().app()).isEqualTo("incomplete");
    }

    @Test
    void samplingIntervalFromOptionsDataReachesTheRecords() {
        // pmacct 104: the options record (tshark: selector_id 1, selector_algorithm 3 = random n-out-of-N,
        // sampling_size 1, sampling_population 256, sampling_packet_interval 1) says 1 packet in 256.
        Replay r = replay("pmacct", "raw/104-IPFIXv10-IPv6-CISCO-sampling_option/traffic-00.pcap");
        assertThat(count(r, OPTIONS_RECORDS)).isEqualTo(1);
        assertThat(r.flows).isNotEmpty().allMatch(f -> f.record().samplingInterval() == 256);
    }
}
