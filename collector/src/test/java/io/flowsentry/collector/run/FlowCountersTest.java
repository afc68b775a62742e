package io.flowsentry.collector.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.SourceType;
import org.junit.jupiter.api.Test;

class FlowCountersTest {

    @Test
    void totalsAreThePublishedSumsOverSourceTypes() {
        FlowCounters c = new FlowCounters();
        c.record(SourceType.NETFLOW_V5);
        c.record(SourceType.NETFLOW_V5);
        c.record(SourceType.IPFIX);
        c.datagram(SourceType.NETFLOW_V5);
        c.datagram(SourceType.ZEEK_CONN);
        c.datagram(SourceType.ZEEK_CONN);
        assertThat(c.recordsTotal()).isZero(); // nothing published yet
        assertThat(c.datagramsTotal()).isZero();

        c.publish(0, 0, 0);

        assertThat(c.recordsTotal()).isEqualTo(3);
        assertThat(c.datagramsTotal()).isEqualTo(3);
        long records = 0;
        long datagrams = 0;
        for (SourceType t : SourceType.values()) {
            records += c.records(t);
            datagrams += c.datagrams(t);
        }
        assertThat(c.recordsTotal()).isEqualTo(records);
        assertThat(c.datagramsTotal()).isEqualTo(datagrams);
    }
}
