package io.flowsentry.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowRecordJsonTest {

    @Test
    void writesTheDecodeContractFields() {
        long[] dst = IpAddress.parse("2001:db8::7");
        FlowRecord r = new FlowRecord()
                .timeStart(1795773605999L).timeEnd(1795773606000L)
                .srcIpv4(0x0a000001).dst(dst[0], dst[1])
                .srcPort(50123).dstPort(445).protocol(6)
                .bytes(1500).packets(3).tcpFlags(0x1b)
                .action(Action.ALLOWED).app("Smb\"x").sourceType(SourceType.IPFIX)
                .exporter(0, IpAddress.v4Lo(0xc000020a)).observationDomain(7).samplingInterval(1);
        assertThat(FlowRecordJson.toJson(r)).isEqualTo(
                "{\"time_start\":\"2026-11-27T10:00:05.999Z\",\"time_end\":\"2026-11-27T10:00:06.000Z\","
                        + "\"src_ip\":\"10.0.0.1\",\"dest_ip\":\"2001:db8::7\",\"src_port\":50123,\"dest_port\":445,"
                        + "\"transport\":6,\"bytes\":1500,\"packets\":3,\"tcp_flags\":27,\"action\":\"allowed\","
                        + "\"app\":\"Smb\\\"x\",\"sourcetype\":\"ipfix\",\"exporter\":\"192.0.2.10\","
                        + "\"observation_domain\":7,\"sampling_interval\":1}");
    }

    @Test
    void resetClearsEverything() {
        FlowRecord r = new FlowRecord().bytes(5).app("smb").action(Action.BLOCKED).sourceType(SourceType.NETFLOW_V5);
        r.reset();
        assertThat(r.bytes()).isZero();
        assertThat(r.app()).isNull();
        assertThat(r.action()).isEqualTo(Action.UNKNOWN);
        assertThat(r.sourceType()).isNull();
    }
}
