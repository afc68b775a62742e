package io.flowsentry.decoder.netflow9;

import io.flowsentry.decoder.Bytes;
import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;
import io.flowsentry.decoder.ExporterState;
import io.flowsentry.decoder.SetBounds;
import io.flowsentry.decoder.template.DataSetHandler;
import io.flowsentry.decoder.template.DomainState;
import io.flowsentry.decoder.template.MessageContext;
import io.flowsentry.flow.FlowSink;
import io.flowsentry.flow.SourceType;

/**
 * NetFlow v9 (RFC 3954). The header's count is not trusted (softflowd counts only data records, RFC
 * 3954 §5.1 says all records): sets are read until the datagram ends, each bounded by its own length.
 */
public final class NetflowV9Decoder {

    private final DecodeCounters counters;
    private final DataSetHandler sets;
    private final MessageContext ctx = new MessageContext();

    public NetflowV9Decoder(DecodeCounters counters, DataSetHandler sets) {
        this.counters = counters;
        this.sets = sets;
    }

    /** Decodes the v9 datagram {@code b[off, off+len)}, version already checked. */
    public void decode(byte[] b, int off, int len, ExporterState exporter, long nowMillis, FlowSink sink) {
        if (len < NetflowV9Header.LENGTH) {
            counters.increment(DecodeCounter.TRUNCATED_HEADER);
            return;
        }
        long uptime = Bytes.u32(b, off + NetflowV9Header.SYS_UPTIME_OFFSET);
        long exportMillis = Bytes.u32(b, off + NetflowV9Header.UNIX_SECS_OFFSET) * 1000;
        long sourceId = Bytes.u32(b, off + NetflowV9Header.SOURCE_ID_OFFSET);
        DomainState domain = exporter.domain(sourceId, SourceType.NETFLOW_V9);
        if (!exporter.isOverflow(domain)) {
            // RFC 3954 §5.1: the sequence number counts export packets, so a gap is in datagrams.
            long gap = domain.checkSequence(Bytes.u32(b, off + NetflowV9Header.SEQUENCE_OFFSET), 1);
            if (gap > 0) {
                counters.add(DecodeCounter.SEQUENCE_LOST, gap);
            } else if (gap < 0) {
                counters.increment(DecodeCounter.SEQUENCE_OUT_OF_ORDER);
            }
        } else {
            counters.increment(DecodeCounter.DOMAINS_LIMIT_REACHED);
        }
        ctx.set(exporter.hi(), exporter.lo(), sourceId, SourceType.NETFLOW_V9, exportMillis, uptime, domain, sink);
        int end = off + len;
        int pos = off + NetflowV9Header.LENGTH;
        while (end - pos >= NetflowV9Header.SET_HEADER_LENGTH) {
            int setId = Bytes.u16(b, pos);
            int setLength = Bytes.u16(b, pos + 2);
            if (setLength < NetflowV9Header.SET_HEADER_LENGTH || setLength > end - pos) {
                SetBounds.countStop(b, pos, end, counters);
                return;
            }
            int body = pos + NetflowV9Header.SET_HEADER_LENGTH;
            int setEnd = pos + setLength;
            if (setId == NetflowV9Header.TEMPLATE_SET_ID) {
                templateSet(b, body, setEnd, exporter, nowMillis);
            } else if (setId == NetflowV9Header.OPTIONS_TEMPLATE_SET_ID) {
                optionsTemplateSet(b, body, setEnd, exporter, nowMillis);
            } else if (setId >= NetflowV9Header.MIN_DATA_SET_ID) {
                sets.dataSet(b, body, setEnd, setId, ctx, exporter.templates(), exporter.pending(), nowMillis);
            } else {
                counters.increment(DecodeCounter.RESERVED_SET_ID);
            }
            pos = setEnd;
        }
        if (pos < end) {
            SetBounds.countStop(b, pos, end, counters);
        }
    }

    /** RFC 3954 §5.2: records of template id, field count, then (type, length) pairs. */
    private void templateSet(byte[] b, int p, int setEnd, ExporterState exporter, long nowMillis) {
        while (setEnd - p >= 4) {
            int templateId = Bytes.u16(b, p);
            int fieldCount = Bytes.u16(b, p + 2);
            if (templateId == 0 && fieldCount == 0) {
                return; // padding to the 32-bit boundary
            }
            int specEnd = p + 4 + fieldCount * 4;
            if (specEnd > setEnd) {
                counters.increment(DecodeCounter.TEMPLATE_TRUNCATED);
                return;
            }
            if (templateId < NetflowV9Header.MIN_DATA_SET_ID) {
                counters.increment(DecodeCounter.TEMPLATE_INVALID);
            } else {
                sets.template(b, p + 4, specEnd, templateId, fieldCount, 0, false, false, ctx,
                        exporter.templates(), exporter.pending(), nowMillis);
            }
            p = specEnd;
        }
    }

    /** RFC 3954 §6.1: template id, option scope length and option length in bytes, then the fields. */
    private void optionsTemplateSet(byte[] b, int p, int setEnd, ExporterState exporter, long nowMillis) {
        while (setEnd - p >= 6) {
            int templateId = Bytes.u16(b, p);
            int scopeLength = Bytes.u16(b, p + 2);
            int optionLength = Bytes.u16(b, p + 4);
            if (templateId == 0) {
                return; // padding
            }
            if (scopeLength % 4 != 0 || optionLength % 4 != 0 || templateId < NetflowV9Header.MIN_DATA_SET_ID) {
                counters.increment(DecodeCounter.TEMPLATE_INVALID);
                return;
            }
            int specEnd = p + 6 + scopeLength + optionLength;
            if (specEnd > setEnd) {
                counters.increment(DecodeCounter.TEMPLATE_TRUNCATED);
                return;
            }
            sets.template(b, p + 6, specEnd, templateId, (scopeLength + optionLength) / 4, scopeLength / 4, true, false,
                    ctx, exporter.templates(), exporter.pending(), nowMillis);
            p = specEnd;
        }
    }
}
