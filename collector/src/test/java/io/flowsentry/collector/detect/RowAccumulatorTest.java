package io.flowsentry.collector.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import io.flowsentry.store.aggregate.SourceAggregate;
import org.junit.jupiter.api.Test;

class RowAccumulatorTest {

    private static final long WINDOW = 1_795_773_600_000L;

    @Test
    void boundsCountNewValuesPastThemAsOverflowAndKeepFirstSeenOrder() {
        RowAccumulator acc = new RowAccumulator(WINDOW, 0, IpAddress.v4Lo(0x0a000001), 5, 3);
        FlowRecord f = new FlowRecord().src(0, IpAddress.v4Lo(0x0a000001)).bytes(100).packets(2)
                .action(Action.ALLOWED).sourceType(SourceType.NETFLOW_V9);
        // 7 destinations (one of them twice), ports 445, 139, 445, 1, 2, 3, 4, 5
        int[] dests = {9, 8, 7, 9, 6, 5, 4, 3};
        int[] ports = {445, 139, 445, 1, 2, 3, 4, 5};
        for (int i = 0; i < dests.length; i++) {
            acc.add(f.dstIpv4(0xc6336400 + dests[i]).dstPort(ports[i]).timeStart(WINDOW + 10 - i));
        }
        f.dst(0x20010db8_00000000L, 9); // an IPv6 address whose low half equals no IPv4 destination's
        acc.add(f.dstPort(445).action(Action.BLOCKED).sourceType(SourceType.IPFIX).app("smb").timeStart(WINDOW + 20));
        SourceAggregate a = acc.snapshot();
        assertThat(a.count()).isEqualTo(9);
        assertThat(a.bytes()).isEqualTo(900);
        assertThat(a.firstTime()).isEqualTo(WINDOW + 3);
        assertThat(a.lastTime()).isEqualTo(WINDOW + 20);
        assertThat(acc.firstAddedTime()).isEqualTo(WINDOW + 10);
        assertThat(a.destIps()).containsExactly("198.51.100.9", "198.51.100.8", "198.51.100.7", "198.51.100.6", "198.51.100.5");
        assertThat(a.destIpsOverflow()).as("4, 3 and the IPv6 address").isEqualTo(3);
        assertThat(a.destIpsEstimate()).isEqualTo(8);
        assertThat(a.destPorts()).containsExactly(445, 139, 1);
        assertThat(a.destPortsOverflow()).as("2, 3, 4, 5").isEqualTo(4);
        assertThat(a.actions()).containsExactlyInAnyOrder("allowed", "blocked");
        assertThat(a.sourceTypes()).containsExactlyInAnyOrder(SourceType.NETFLOW_V9.text(), SourceType.IPFIX.text());
        assertThat(a.apps()).containsExactly("smb");
    }

    @Test
    void anIpv6DestinationIsNotTakenForTheIpv4AddressWithTheSameLowHalf() {
        RowAccumulator acc = new RowAccumulator(WINDOW, 0, 1, 64, 32);
        FlowRecord f = new FlowRecord().action(Action.ALLOWED).dstPort(445).timeStart(WINDOW);
        acc.add(f.dstIpv4(0xc6336401));
        acc.add(f.dst(1, IpAddress.v4Lo(0xc6336401)));
        acc.add(f.dstIpv4(0xc6336401));
        SourceAggregate a = acc.snapshot();
        assertThat(a.destIps()).hasSize(2).contains("198.51.100.1");
        assertThat(a.apps()).isEmpty();
        assertThat(a.sourceTypes()).isEmpty();
    }
}
