package io.flowsentry.collector.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

public class FlowRecordWireTest {

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

    /** A batch message of {@code flows}, written as a forwarder writes it. */
    public static byte[] batchOf(FlowRecord... flows) {
        FlowRecordWire wire = new FlowRecordWire();
        byte[] b = new byte[FlowRecordWire.BATCH_HEADER_BYTES + flows.length * FlowRecordWire.MAX_FLOW_BYTES];
        int length = FlowRecordWire.beginBatch(b);
        for (FlowRecord f : flows) {
            length += wire.writeFlow(f, b, length);
        }
        return FlowRecordWire.endBatch(b, flows.length, length);
    }

    /** The one flow of a batch of one, read back. */
    private static FlowRecord readOne(byte[] batch) {
        assertThat(FlowRecordWire.batchCount(batch)).isEqualTo(1);
        FlowRecord read = new FlowRecord();
        assertThat(new FlowRecordWire().decodeFlowAt(batch, FlowRecordWire.BATCH_HEADER_BYTES, read))
                .isEqualTo(batch.length);
        return read;
    }

    @Test
    void aFlowComesBackWithEveryField() {
        FlowRecord sent = ipv6Flow();
        byte[] m = batchOf(sent);
        assertThat(m).hasSize(FlowRecordWire.BATCH_HEADER_BYTES + FlowRecordWire.FLOW_FIXED_BYTES + 3);
        assertThat(FlowRecordWire.kind(m)).isEqualTo(FlowRecordWire.FLOW_BATCH);
        FlowRecord read = readOne(m);
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
        for (SourceType t : SourceType.values()) {
            for (Action a : Action.values()) {
                FlowRecord read = readOne(batchOf(ipv6Flow().sourceType(t).action(a).app(null)));
                assertThat(read.sourceType()).isEqualTo(t);
                assertThat(read.action()).isEqualTo(a);
                assertThat(read.app()).isNull();
            }
        }
    }

    @Test
    void thePartitionKeyIsTheSourceAddress() {
        byte[] key = new byte[FlowRecordWire.KEY_BYTES];
        FlowRecordWire.partitionOf(new FlowRecord().srcIpv4(0x0a010203), key, 4);
        long[] mapped = IpAddress.parse("10.1.2.3");
        assertThat(key).isEqualTo(ByteBuffer.allocate(16).putLong(mapped[0]).putLong(mapped[1]).array());
        assertThat(Arrays.copyOfRange(key, 12, 16)).containsExactly(10, 1, 2, 3);
    }

    @Test
    void aLongApplicationNameIsCutTo64Bytes() {
        assertThat(readOne(batchOf(ipv6Flow().app("x".repeat(100)))).app()).isEqualTo("x".repeat(64));
    }

    @Test
    void aWatermarkCarriesEventTimeAndRecords() {
        byte[] m = FlowRecordWire.encodeWatermark(1_795_773_605_000L, 42);
        assertThat(FlowRecordWire.kind(m)).isEqualTo(FlowRecordWire.WATERMARK);
        assertThat(FlowRecordWire.watermarkEventTime(m)).isEqualTo(1_795_773_605_000L);
        assertThat(FlowRecordWire.watermarkRecords(m)).isEqualTo(42);
        assertThat(FlowRecordWire.batchCount(m)).isEqualTo(-1);
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
    void malformedMessagesAreRejected() {
        byte[] one = batchOf(ipv6Flow());
        int flow = FlowRecordWire.BATCH_HEADER_BYTES;
        byte[] unknownSourceType = one.clone();
        unknownSourceType[flow + 1] = (byte) FlowRecordWire.SOURCE_TYPES.length;
        byte[] unknownAction = one.clone();
        unknownAction[flow + 2] = (byte) FlowRecordWire.ACTIONS.length;
        byte[] appLongerThanMessage = one.clone();
        appLongerThanMessage[flow + 10] = 4;
        byte[] unknownKind = one.clone();
        unknownKind[0] = 9;
        byte[] aFlowWithoutItsBatch = Arrays.copyOfRange(one, flow, one.length);
        byte[][] bad = {null, new byte[0], Arrays.copyOf(one, one.length - 1), Arrays.copyOf(one, one.length + 1),
                Arrays.copyOf(one, 20), unknownSourceType, unknownAction, appLongerThanMessage, unknownKind,
                aFlowWithoutItsBatch, Arrays.copyOf(FlowRecordWire.encodeWatermark(1, 1), 23)};
        for (byte[] m : bad) {
            assertThat(FlowRecordWire.kind(m)).as(Arrays.toString(m)).isEqualTo(FlowRecordWire.MALFORMED);
            assertThat(FlowRecordWire.batchCount(m)).as(Arrays.toString(m)).isEqualTo(-1);
        }
    }

    @Test
    void aBatchIsRejectedWholeWhenAnyPartIsWrong() {
        byte[] m = batchOf(ipv6Flow(), ipv6Flow());
        int second = FlowRecordWire.BATCH_HEADER_BYTES + FlowRecordWire.FLOW_FIXED_BYTES + 3;
        byte[] countTooHigh = m.clone();
        countTooHigh[3] = 3;
        byte[] countTooLow = m.clone();
        countTooLow[3] = 1;
        byte[] badSecondFlow = m.clone();
        badSecondFlow[second + 2] = 99;
        byte[] secondNotAFlow = m.clone();
        secondNotAFlow[second] = FlowRecordWire.WATERMARK;
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
            byte[] key = ByteBuffer.allocate(16).putLong(r.srcHi()).putLong(r.srcLo()).array();
            int expected = Utils.toPositive(Utils.murmur2(key)) % 12;
            assertThat(FlowRecordWire.partitionOf(r, scratch, 12)).isEqualTo(expected);
        }
    }
}
