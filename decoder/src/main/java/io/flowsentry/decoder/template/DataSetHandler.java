package io.flowsentry.decoder.template;

import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;

/**
 * What NetFlow v9 and IPFIX do alike with a data set: decode it with its template, or, while the
 * template is missing, keep it in the exporter's {@link PendingSets} and decode it when the template
 * arrives (later in the same message or in a later one).
 */
public final class DataSetHandler {

    /** {@link #dataSet} result for a set kept (or dropped) while its template is missing. */
    public static final int BUFFERED = -1;

    private final DataRecordReader reader;
    private final TemplateCompiler compiler;
    private final DecodeCounters counters;
    private final long pendingTimeoutMillis;
    private final MessageContext pendingContext = new MessageContext();

    public DataSetHandler(DataRecordReader reader, TemplateCompiler compiler, DecodeCounters counters,
                          long pendingTimeoutMillis) {
        this.reader = reader;
        this.compiler = compiler;
        this.counters = counters;
        this.pendingContext.sysUptimeMillis = MessageContext.NO_UPTIME;
        this.pendingTimeoutMillis = pendingTimeoutMillis;
    }

    /**
     * Decodes the data set body {@code b[pos, end)} of template {@code templateId}.
     *
     * @return data records read now, or {@link #BUFFERED} when the set waits for its template (its
     *         record count is then unknown)
     */
    public int dataSet(byte[] b, int pos, int end, int templateId, MessageContext ctx, TemplateStore templates,
                       PendingSets pending, long nowMillis) {
        Template t = templates.get(ctx.exporterHi, ctx.exporterLo, ctx.version, ctx.domainId, templateId, nowMillis);
        if (t != null) {
            return reader.readSet(b, pos, end, t, ctx);
        }
        counters.increment(DecodeCounter.MISSING_TEMPLATE);
        int length = end - pos;
        if (length > pending.capacityBytes()) {
            counters.increment(DecodeCounter.PENDING_DROPPED_TOO_LARGE);
            return BUFFERED;
        }
        if (!pending.fits(length)) {
            expire(pending, nowMillis);
        }
        if (!pending.fits(length)) {
            counters.increment(DecodeCounter.PENDING_DROPPED_FULL);
            return BUFFERED;
        }
        pending.add(b, pos, length, ctx.version, ctx.domainId, templateId, ctx.exportMillis, ctx.sysUptimeMillis, nowMillis);
        return BUFFERED;
    }

    /**
     * Stores the template whose field specifiers are {@code b[specStart, specEnd)} (already bounds-checked),
     * then decodes the data sets that were waiting for it. An unchanged resend only refreshes its age.
     */
    public void template(byte[] b, int specStart, int specEnd, int templateId, int fieldCount, int scopeFieldCount,
                         boolean options, boolean enterpriseBit, MessageContext ctx, TemplateStore templates,
                         PendingSets pending, long nowMillis) {
        if (fieldCount > compiler.maxFields()) {
            counters.increment(DecodeCounter.TEMPLATE_TOO_MANY_FIELDS);
            return;
        }
        Template existing = templates.get(ctx.exporterHi, ctx.exporterLo, ctx.version, ctx.domainId, templateId, nowMillis);
        if (existing != null && TemplateCompiler.sameSpec(existing, options, scopeFieldCount, b, specStart, specEnd)) {
            existing.refreshedAtMillis = nowMillis;
            counters.increment(DecodeCounter.TEMPLATES_REFRESHED);
            return;
        }
        TemplateKey key = new TemplateKey(ctx.exporterHi, ctx.exporterLo, ctx.version, ctx.domainId, templateId);
        Template t = compiler.compile(key, ctx.sourceType, options, fieldCount, scopeFieldCount, b, specStart, specEnd,
                enterpriseBit, nowMillis);
        if (!templates.put(t)) {
            counters.increment(DecodeCounter.TEMPLATE_LIMIT_REACHED);
            return;
        }
        counters.increment(options ? DecodeCounter.OPTIONS_TEMPLATES : DecodeCounter.TEMPLATES);
        templateArrived(t, ctx, pending);
    }

    /** After template {@code t} arrived: decodes, in arrival order, the buffered sets that waited for it. */
    public void templateArrived(Template t, MessageContext ctx, PendingSets pending) {
        if (pending.size() == 0) {
            return;
        }
        boolean any = false;
        for (int i = 0; i < pending.size(); i++) {
            if (pending.length(i) < 0 || pending.templateId(i) != t.key.templateId() || pending.domain(i) != t.key.domain()
                    || pending.version(i) != t.key.version()) {
                continue;
            }
            MessageContext c = pendingContext.set(ctx.exporterHi, ctx.exporterLo, ctx.domainId, ctx.sourceType,
                    pending.exportMillis(i), pending.sysUptime(i), ctx.domain, ctx.sink);
            reader.readSet(pending.data(), pending.offset(i), pending.offset(i) + pending.length(i), t, c);
            counters.increment(DecodeCounter.PENDING_SETS_DECODED);
            pending.markDone(i);
            any = true;
        }
        if (any) {
            pending.compact();
        }
    }

    /** Drops buffered sets older than the pending timeout. */
    public void expire(PendingSets pending, long nowMillis) {
        boolean any = false;
        for (int i = 0; i < pending.size(); i++) {
            if (pending.length(i) >= 0 && nowMillis - pending.arrivedAt(i) > pendingTimeoutMillis) {
                pending.markDone(i);
                counters.increment(DecodeCounter.PENDING_DROPPED_EXPIRED);
                any = true;
            }
        }
        if (any) {
            pending.compact();
        }
    }
}
