package io.flowsentry.decoder.ipfix;

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
 * IPFIX (RFC 7011). One message per datagram (§10.3.2); bytes after the message's own length are
 * counted as trailing, not decoded. Template field specifiers may carry an enterprise number (§3.2).
 */
public final class IpfixDecoder {

    private final DecodeCounters counters;
    private final DataSetHandler sets;
    private final MessageContext ctx = new MessageContext();

    public IpfixDecoder(DecodeCounters counters, DataSetHandler sets) {
        this.counters = counters;
        this.sets = sets;
    }

    /** Decodes the IPFIX message at the start of {@code b[off, off+len)}, version already checked. */
    public void decode(byte[] b, int off, int len, ExporterState exporter, long nowMillis, FlowSink sink) {
        if (len < IpfixHeader.LENGTH) {
            counters.increment(DecodeCounter.TRUNCATED_HEADER);
            return;
        }
        int messageLength = Bytes.u16(b, off + IpfixHeader.LENGTH_OFFSET);
        if (messageLength < IpfixHeader.LENGTH || messageLength > len) {
            counters.increment(DecodeCounter.MESSAGE_LENGTH_INVALID);
            return;
        }
        if (messageLength < len) {
            counters.increment(DecodeCounter.TRAILING_BYTES);
        }
        long exportMillis = Bytes.u32(b, off + IpfixHeader.EXPORT_TIME_OFFSET) * 1000;
        long sequence = Bytes.u32(b, off + IpfixHeader.SEQUENCE_OFFSET);
        long domainId = Bytes.u32(b, off + IpfixHeader.DOMAIN_OFFSET);
        DomainState domain = exporter.domain(domainId, SourceType.IPFIX);
        ctx.set(exporter.hi(), exporter.lo(), domainId, SourceType.IPFIX, exportMillis, MessageContext.NO_UPTIME, domain, sink);
        int end = off + messageLength;
        int pos = off + IpfixHeader.LENGTH;
        long dataRecords = 0;
        boolean recordsUnknown = false;
        while (end - pos >= IpfixHeader.SET_HEADER_LENGTH) {
            int setId = Bytes.u16(b, pos);
            int setLength = Bytes.u16(b, pos + 2);
            if (setLength < IpfixHeader.SET_HEADER_LENGTH || setLength > end - pos) {
                SetBounds.countStop(b, pos, end, counters);
                pos = end;
                break;
            }
            int body = pos + IpfixHeader.SET_HEADER_LENGTH;
            int setEnd = pos + setLength;
            if (setId == IpfixHeader.TEMPLATE_SET_ID) {
                templateSet(b, body, setEnd, false, exporter, nowMillis);
            } else if (setId == IpfixHeader.OPTIONS_TEMPLATE_SET_ID) {
                templateSet(b, body, setEnd, true, exporter, nowMillis);
            } else if (setId >= IpfixHeader.MIN_DATA_SET_ID) {
                int records = sets.dataSet(b, body, setEnd, setId, ctx, exporter.templates(), exporter.pending(), nowMillis);
                if (records == DataSetHandler.BUFFERED) {
                    recordsUnknown = true;
                } else {
                    dataRecords += records;
                }
            } else {
                counters.increment(DecodeCounter.RESERVED_SET_ID);
            }
            pos = setEnd;
        }
        if (pos < end) {
            SetBounds.countStop(b, pos, end, counters);
        }
        if (exporter.isOverflow(domain)) {
            counters.increment(DecodeCounter.DOMAINS_LIMIT_REACHED);
            return;
        }
        // RFC 7011 §3.1: the sequence number counts data records sent before this message, so a gap
        // is in records. A set waiting for its template has an unknown record count: the next message
        // then only re-synchronises, so no loss is invented.
        long gap = domain.checkSequence(sequence, dataRecords);
        if (recordsUnknown) {
            domain.forgetSequence();
        }
        if (gap > 0) {
            counters.add(DecodeCounter.SEQUENCE_LOST, gap);
        } else if (gap < 0) {
            counters.increment(DecodeCounter.SEQUENCE_OUT_OF_ORDER);
        }
    }

    /**
     * Template records (§3.4.1: id, field count) or options template records (§3.4.2.2: id, field count,
     * scope field count); field count 0 is a withdrawal (§8.1), of all templates of the set's kind when
     * the template id equals the set id.
     */
    private void templateSet(byte[] b, int p, int setEnd, boolean options, ExporterState exporter, long nowMillis) {
        while (setEnd - p >= 4) {
            int templateId = Bytes.u16(b, p);
            int fieldCount = Bytes.u16(b, p + 2);
            if (fieldCount == 0) {
                if (templateId == 0) {
                    return; // padding
                }
                withdraw(templateId, options, exporter);
                p += 4;
                continue;
            }
            int headerLength = options ? 6 : 4;
            if (setEnd - p < headerLength) {
                counters.increment(DecodeCounter.TEMPLATE_TRUNCATED);
                return;
            }
            int scopeCount = options ? Bytes.u16(b, p + 4) : 0;
            int specStart = p + headerLength;
            int specEnd = specEnd(b, specStart, setEnd, fieldCount);
            if (specEnd < 0) {
                counters.increment(DecodeCounter.TEMPLATE_TRUNCATED);
                return;
            }
            if (templateId < IpfixHeader.MIN_DATA_SET_ID || scopeCount > fieldCount) {
                counters.increment(DecodeCounter.TEMPLATE_INVALID);
            } else {
                sets.template(b, specStart, specEnd, templateId, fieldCount, scopeCount, options, true, ctx,
                        exporter.templates(), exporter.pending(), nowMillis);
            }
            p = specEnd;
        }
    }

    /** The end of {@code fieldCount} field specifiers from {@code p}, or -1 if they overrun {@code limit}. */
    private static int specEnd(byte[] b, int p, int limit, int fieldCount) {
        for (int i = 0; i < fieldCount; i++) {
            if (limit - p < 4) {
                return -1;
            }
            boolean enterprise = (b[p] & 0x80) != 0;
            p += enterprise ? 8 : 4;
        }
        return p <= limit ? p : -1;
    }

    private void withdraw(int templateId, boolean options, ExporterState exporter) {
        int all = options ? IpfixHeader.OPTIONS_TEMPLATE_SET_ID : IpfixHeader.TEMPLATE_SET_ID;
        if (templateId == all) {
            counters.add(DecodeCounter.TEMPLATES_WITHDRAWN, exporter.templates().withdrawAll(ctx.domainId, options));
        } else if (exporter.templates().withdraw(ctx.exporterHi, ctx.exporterLo, ctx.version, ctx.domainId, templateId)) {
            counters.increment(DecodeCounter.TEMPLATES_WITHDRAWN);
        }
    }
}
