package io.flowsentry.decoder.netflow5;

import io.flowsentry.decoder.Bytes;
import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;
import io.flowsentry.decoder.ExporterState;
import io.flowsentry.decoder.template.DomainState;
import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.FlowSink;
import io.flowsentry.flow.SourceType;

/**
 * NetFlow v5: a 24-byte header and fixed 48-byte records. The datagram length is trusted over the
 * header count: records present beyond the count are not read, a count beyond the records present is
 * counted and only the present records are read.
 */
public final class NetflowV5Decoder {

    private final FlowRecord record = new FlowRecord();
    private final DecodeCounters counters;

    public NetflowV5Decoder(DecodeCounters counters) {
        this.counters = counters;
    }

    /** Decodes the v5 datagram {@code b[off, off+len)}, version already checked. */
    public void decode(byte[] b, int off, int len, ExporterState exporter, FlowSink sink) {
        if (len < NetflowV5Header.LENGTH) {
            counters.increment(DecodeCounter.TRUNCATED_HEADER);
            return;
        }
        int count = Bytes.u16(b, off + NetflowV5Header.COUNT_OFFSET);
        int present = (len - NetflowV5Header.LENGTH) / NetflowV5Record.LENGTH;
        if (count > NetflowV5Header.MAX_COUNT) {
            counters.increment(DecodeCounter.V5_COUNT_OVER_30);
        }
        int records = count;
        if (count > present) {
            counters.increment(DecodeCounter.V5_COUNT_EXCEEDS_DATAGRAM);
            records = present;
        } else if (NetflowV5Header.LENGTH + count * NetflowV5Record.LENGTH < len) {
            counters.increment(DecodeCounter.TRAILING_BYTES);
        }
        long uptime = Bytes.u32(b, off + NetflowV5Header.SYS_UPTIME_OFFSET);
        long exportMillis = Bytes.u32(b, off + NetflowV5Header.UNIX_SECS_OFFSET) * 1000
                + Bytes.u32(b, off + NetflowV5Header.UNIX_NSECS_OFFSET) / 1_000_000;
        long engine = (Bytes.u8(b, off + NetflowV5Header.ENGINE_TYPE_OFFSET) << 8) | Bytes.u8(b, off + NetflowV5Header.ENGINE_ID_OFFSET);
        long sampling = Bytes.u16(b, off + NetflowV5Header.SAMPLING_OFFSET) & NetflowV5Header.SAMPLING_INTERVAL_MASK;
        DomainState domain = exporter.domain(engine, SourceType.NETFLOW_V5);
        if (!exporter.isOverflow(domain)) {
            long gap = domain.checkSequence(Bytes.u32(b, off + NetflowV5Header.FLOW_SEQUENCE_OFFSET), records);
            countGap(gap);
        }
        counters.add(DecodeCounter.FLOW_RECORDS, records);
        FlowRecord r = record;
        int pos = off + NetflowV5Header.LENGTH;
        // Every field of the record is written (v5 has no reverse counters, action or application), so
        // the reused record needs no reset.
        for (int i = 0; i < records; i++, pos += NetflowV5Record.LENGTH) {
            r.srcIpv4(Bytes.s32(b, pos + NetflowV5Record.SRCADDR))
                    .dstIpv4(Bytes.s32(b, pos + NetflowV5Record.DSTADDR))
                    .packets(Bytes.u32(b, pos + NetflowV5Record.DPKTS))
                    .bytes(Bytes.u32(b, pos + NetflowV5Record.DOCTETS))
                    // First/Last are sysUptime ms; the signed 32-bit difference survives uptime wrap.
                    .timeStart(exportMillis - (int) (uptime - Bytes.u32(b, pos + NetflowV5Record.FIRST)))
                    .timeEnd(exportMillis - (int) (uptime - Bytes.u32(b, pos + NetflowV5Record.LAST)))
                    .srcPort(Bytes.u16(b, pos + NetflowV5Record.SRCPORT))
                    .dstPort(Bytes.u16(b, pos + NetflowV5Record.DSTPORT))
                    .tcpFlags(Bytes.u8(b, pos + NetflowV5Record.TCP_FLAGS))
                    .protocol(Bytes.u8(b, pos + NetflowV5Record.PROT))
                    .sourceType(SourceType.NETFLOW_V5)
                    .exporter(exporter.hi(), exporter.lo())
                    .observationDomain(engine)
                    .samplingInterval(sampling)
                    .reverseBytes(0)
                    .reversePackets(0)
                    .action(Action.UNKNOWN)
                    .app(null);
            sink.accept(r);
        }
    }

    private void countGap(long gap) {
        if (gap > 0) {
            counters.add(DecodeCounter.SEQUENCE_LOST, gap);
        } else if (gap < 0) {
            counters.increment(DecodeCounter.SEQUENCE_OUT_OF_ORDER);
        }
    }
}
