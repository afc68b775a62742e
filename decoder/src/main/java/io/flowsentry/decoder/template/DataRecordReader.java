package io.flowsentry.decoder.template;

import io.flowsentry.decoder.Bytes;
import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.FlowSink;

/**
 * Decodes the records of one data set (NetFlow v9 or IPFIX) with a compiled {@link Template}: flow
 * records go to the message's sink, options records update the domain's sampling and system-init time.
 * One reused {@link FlowRecord} and {@link RecordFields}; nothing allocated per record.
 */
public final class DataRecordReader {

    private final FlowRecord record = new FlowRecord();
    private final AppNameCache appNames = new AppNameCache();
    private final RecordFields fields;
    private final DecodeCounters counters;

    public DataRecordReader(DecodeCounters counters) {
        this.counters = counters;
        this.fields = new RecordFields(counters, appNames);
    }

    /**
     * Decodes every record in {@code b[pos, end)} (a data set's body).
     *
     * @return the number of data records read (IPFIX sequence numbers count them)
     */
    public int readSet(byte[] b, int pos, int setEnd, Template t, MessageContext ctx) {
        if (t.minRecordLength == 0) {
            counters.increment(DecodeCounter.TEMPLATE_ZERO_LENGTH_RECORD);
            return 0;
        }
        // A set at the very start of its array (only ever in the pending buffer) lacks the bytes a plan
        // reads before a record, and takes the general path.
        if (t.plan != null && pos >= FixedRecordPlan.READ_BACK) {
            return readFixedFlows(b, pos, setEnd, t, ctx);
        }
        int records = 0;
        while (setEnd - pos >= t.minRecordLength) {
            int next = readRecord(b, pos, setEnd, t);
            if (next < 0) {
                counters.increment(DecodeCounter.RECORD_TRUNCATED);
                return records;
            }
            pos = next;
            records++;
            if (t.options) {
                counters.increment(DecodeCounter.OPTIONS_RECORDS);
                fields.applyTo(ctx.domain);
            } else {
                counters.increment(DecodeCounter.FLOW_RECORDS);
                fields.writeTo(record, ctx);
                ctx.sink.accept(record);
            }
        }
        if (pos < setEnd) {
            counters.increment(DecodeCounter.SET_PADDING);
        }
        return records;
    }

    /**
     * The records of a fixed-length flow template: as many as fit the set, each written straight into the
     * flow record by the template's {@link FixedRecordPlan}. Counts as the general loop does, once per set.
     */
    private int readFixedFlows(byte[] b, int pos, int setEnd, Template t, MessageContext ctx) {
        FixedRecordPlan plan = t.plan;
        int length = t.minRecordLength;
        int records = (setEnd - pos) / length;
        counters.add(DecodeCounter.FLOW_RECORDS, records);
        if (plan.badLengthFields > 0) {
            counters.add(DecodeCounter.FIELD_LENGTH_UNEXPECTED, (long) plan.badLengthFields * records);
        }
        FlowRecord r = record;
        FlowSink sink = ctx.sink;
        for (int i = 0; i < records; i++) {
            plan.writeTo(r, b, pos, ctx, appNames);
            sink.accept(r);
            pos += length;
        }
        if (pos < setEnd) {
            counters.increment(DecodeCounter.SET_PADDING);
        }
        return records;
    }

    /**
     * Reads one record at {@code pos}; returns the position after it, or -1 if it overruns {@code limit}.
     * The caller checked that {@code limit - pos} covers the template's minimum length, which for a
     * fixed-length template is the whole record.
     */
    private int readRecord(byte[] b, int pos, int limit, Template t) {
        fields.clear();
        if (!t.variable) {
            fields.readFixed(b, pos, t);
            return pos + t.minRecordLength;
        }
        int[] kinds = t.kinds;
        int[] lengths = t.lengths;
        for (int i = 0, n = t.opCount; i < n; i++) {
            int len = lengths[i];
            if (len == Template.VARIABLE) {
                // RFC 7011 §7: one length byte, or 255 followed by a 16-bit length.
                if (pos >= limit) {
                    return -1;
                }
                len = b[pos++] & 0xff;
                if (len == 255) {
                    if (pos + 2 > limit) {
                        return -1;
                    }
                    len = Bytes.u16(b, pos);
                    pos += 2;
                }
            }
            if (len > limit - pos) {
                return -1;
            }
            fields.field(kinds[i], b, pos, len);
            pos += len;
        }
        return pos;
    }
}
