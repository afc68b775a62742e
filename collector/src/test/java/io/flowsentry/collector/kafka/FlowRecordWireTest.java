package io.flowsentry.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FlowRecordWireTest {

    private static FlowRecord ipv6Flow() {
        long[] src = IpAddress.parse("2001:db8::17");
        long[] dst = IpAddress.parse("2001:db8:ffff::445");
        long[] exporter = IpAddress.parse("192.0.2.1");
        return new FlowRecord().timeStart(1_795_773_605_123L).timeEnd(1_795_773_606_456L)
                .src(src[0], src[1]).dst(dst[0], dst[1]).srcPort(49_282).dstPort(445).protocol(6)
                .bytes(1L << 40).packets(123_456_789_012L).reverseBytes(77).reversePackets(3).tcpFlags(0x01ff)
                .action(Action.BLOCKED).app("smb").sourceType(SourceType.IPFIX).exporter(exporter[0], exporter[1])
                .observationDomain(0xffff_fffeL).samplingInterval(1_000);
    }

    @Test
    void aFlowComesBackWithEveryField() {
        FlowRecord sent = ipv6Flow();
        byte[] m = FlowRecordWire.encodeFlow(sent);
        assertThat(m).hasSize(FlowRecordWire.FLOW_FIXED_BYTES + 3);
        assertThat(FlowRecordWire.kind(m)).isEqualTo(FlowRecordWire.FLOW);
        FlowRecord read = new FlowRecord();
        assertThat(new FlowRecordWire().decodeFlow(m, read)).isTrue();
        assertThat(read.toString()).isEqualTo(sent.toString());
        assertThat(read.timeStart()).isEqualTo(sent.timeStart());
        assertThat(read.timeEnd()).isEqualTo(sent.timeEnd());
        assertThat(read.srcHi()).isEqualTo(sent.srcHi());
        assertThat(read.srcLo()).isEqualTo(sent.srcLo());
        assertThat(read.dstHi()).isEqualTo(sent.dstHi());
        assertThat(read.dstLo()).isEqualTo(sent.dstLo());
        assertThat(read.bytes()).isEqualTo(1L << 40);
        assertThat(read.packets()).isEqualTo(123_456_789_012L);
        assertThat(read.reverseBytes()).isEqualTo(77);
        assertThat(read.reversePackets()).isEqualTo(3);
        assertThat(read.tcpFlags()).isEqualTo(0x01ff);
        assertThat(read.srcPort()).isEqualTo(49_282);
        assertThat(read.dstPort()).isEqualTo(445);
        assertThat(read.protocol()).isEqualTo(6);
        assertThat(read.action()).isEqualTo(Action.BLOCKED);
        assertThat(read.app()).isEqualTo("smb");
        assertThat(read.sourceType()).isEqualTo(SourceType.IPFIX);
        assertThat(read.exporterHi()).isEqualTo(sent.exporterHi());
        assertThat(read.exporterLo()).isEqualTo(sent.exporterLo());
        assertThat(read.observationDomain()).isEqualTo(0xffff_fffeL);
        assertThat(read.samplingInterval()).isEqualTo(1_000);
    }

    @Test
    void everySourceTypeAndActionHasItsCode() {
        FlowRecordWire wire = new FlowRecordWire();
        for (SourceType t : SourceType.values()) {
            for (Action a : Action.values()) {
                FlowRecord read = new FlowRecord();
                assertThat(wire.decodeFlow(FlowRecordWire.encodeFlow(ipv6Flow().sourceType(t).action(a).app(null)),
                        read)).isTrue();
                assertThat(read.sourceType()).isEqualTo(t);
                assertThat(read.action()).isEqualTo(a);
                assertThat(read.app()).isNull();
            }
        }
    }

    @Test
    void theKeyIsTheSourceAddress() {
        FlowRecord r = new FlowRecord().srcIpv4(0x0a010203);
        byte[] key = FlowRecordWire.sourceKey(r);
        long[] mapped = IpAddress.parse("10.1.2.3");
        byte[] expected = FlowRecordWire.sourceKey(new FlowRecord().src(mapped[0], mapped[1]));
        assertThat(key).hasSize(16).isEqualTo(expected);
        assertThat(Arrays.copyOfRange(key, 12, 16)).containsExactly(10, 1, 2, 3);
    }

    @Test
    void aLongApplicationNameIsCutTo64Bytes() {
        byte[] m = FlowRecordWire.encodeFlow(ipv6Flow().app("x".repeat(100)));
        FlowRecord read = new FlowRecord();
        assertThat(new FlowRecordWire().decodeFlow(m, read)).isTrue();
        assertThat(read.app()).isEqualTo("x".repeat(64));
    }

    @Test
    void aWatermarkCarriesEventTimeAndRecords() {
        byte[] m = FlowRecordWire.encodeWatermark(1_795_773_605_000L, 42);
        assertThat(FlowRecordWire.kind(m)).isEqualTo(FlowRecordWire.WATERMARK);
        assertThat(FlowRecordWire.watermarkEventTime(m)).isEqualTo(1_795_773_605_000L);
        assertThat(FlowRecordWire.watermarkRecords(m)).isEqualTo(42);
        assertThat(new FlowRecordWire().decodeFlow(m, new FlowRecord())).isFalse();
    }

    @Test
    void malformedMessagesAreRejectedAndLeaveTheRecordAlone() {
        byte[] flow = FlowRecordWire.encodeFlow(ipv6Flow());
        byte[] unknownSourceType = flow.clone();
        unknownSourceType[1] = (byte) FlowRecordWire.SOURCE_TYPES.length;
        byte[] unknownAction = flow.clone();
        unknownAction[2] = (byte) FlowRecordWire.ACTIONS.length;
        byte[] appLongerThanMessage = flow.clone();
        appLongerThanMessage[10] = 4;
        byte[] unknownKind = flow.clone();
        unknownKind[0] = 9;
        byte[][] bad = {null, new byte[0], Arrays.copyOf(flow, flow.length - 1), Arrays.copyOf(flow, flow.length + 1),
                Arrays.copyOf(flow, 20), unknownSourceType, unknownAction, appLongerThanMessage, unknownKind,
                Arrays.copyOf(FlowRecordWire.encodeWatermark(1, 1), 23)};
        FlowRecordWire wire = new FlowRecordWire();
        for (byte[] m : bad) {
            assertThat(FlowRecordWire.kind(m)).as(Arrays.toString(m)).isEqualTo(FlowRecordWire.MALFORMED);
            FlowRecord untouched = new FlowRecord().srcPort(7);
            assertThat(wire.decodeFlow(m, untouched)).isFalse();
            assertThat(untouched.srcPort()).isEqualTo(7);
        }
    }

    private static byte[] batchOf(FlowRecord... flows) {
        FlowRecordWire wire = new FlowRecordWire();
        byte[] b = new byte[FlowRecordWire.BATCH_HEADER_BYTES + flows.length * FlowRecordWire.MAX_FLOW_BYTES];
        int length = FlowRecordWire.beginBatch(b);
        for (FlowRecord f : flows) {
            length += wire.writeFlow(f, b, length);
        }
        return FlowRecordWire.endBatch(b, flows.length, length);
    }

    @Test
    void aBatchCarriesItsFlowsInOrder() {
        FlowRecord a = ipv6Flow();
        FlowRecord b = ipv6Flow().srcIpv4(0x0a000002).app(null).sourceType(SourceType.NETFLOW_V5);
        FlowRecord c = ipv6Flow().app("ms-rpc");
        byte[] m = batchOf(a, b, c);
        assertThat(FlowRecordWire.kind(m)).isEqualTo(FlowRecordWire.FLOW_BATCH);
        assertThat(FlowRecordWire.batchCount(m)).isEqualTo(3);
        FlowRecordWire wire = new FlowRecordWire();
        int offset = FlowRecordWire.BATCH_HEADER_BYTES;
        for (FlowRecord sent : new FlowRecord[] {a, b, c}) {
            FlowRecord read = new FlowRecord();
            offset = wire.decodeFlowAt(m, offset, read);
            assertThat(read.toString()).isEqualTo(sent.toString());
            assertThat(read.app()).isEqualTo(sent.app());
        }
        assertThat(offset).isEqualTo(m.length);
        assertThat(FlowRecordWire.batchCount(batchOf())).isZero();
    }

    @Test
    void aBatchIsRejectedWholeWhenAnyPartIsWrong() {
        byte[] m = batchOf(ipv6Flow(), ipv6Flow());
        byte[] countTooHigh = m.clone();
        countTooHigh[3] = 3;
        byte[] countTooLow = m.clone();
        countTooLow[3] = 1;
        byte[] badSecondFlow = m.clone();
        badSecondFlow[FlowRecordWire.BATCH_HEADER_BYTES + FlowRecordWire.FLOW_FIXED_BYTES + 3 + 2] = 99;
        byte[] secondNotAFlow = m.clone();
        secondNotAFlow[FlowRecordWire.BATCH_HEADER_BYTES + FlowRecordWire.FLOW_FIXED_BYTES + 3] = FlowRecordWire.WATERMARK;
        for (byte[] bad : new byte[][] {countTooHigh, countTooLow, badSecondFlow, secondNotAFlow,
                Arrays.copyOf(m, m.length - 1), Arrays.copyOf(m, m.length + 1), Arrays.copyOf(m, 3)}) {
            assertThat(FlowRecordWire.batchCount(bad)).isEqualTo(-1);
            assertThat(FlowRecordWire.kind(bad)).isEqualTo(FlowRecordWire.MALFORMED);
        }
    }

    @Test
    void theBatchPartitionIsKafkasForTheSourceKey() {
        byte[] scratch = new byte[FlowRecordWire.KEY_BYTES];
        for (int i = 0; i < 1_000; i++) {
            FlowRecord r = new FlowRecord().srcIpv4(0x0a000000 + i * 7919);
            int expected = org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(FlowRecordWire.sourceKey(r))) % 12;
            assertThat(FlowRecordWire.partitionOf(r, scratch, 12)).isEqualTo(expected);
        }
    }
}
