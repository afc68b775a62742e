package io.flowsentry.decoder;

import io.flowsentry.decoder.template.DomainState;
import io.flowsentry.decoder.template.PendingSets;
import io.flowsentry.decoder.template.TemplateStore;
import io.flowsentry.flow.SourceType;

/** Everything the decoder keeps for one exporter address: templates, pending sets, domains, activity. */
public final class ExporterState {

    final long hi;
    final long lo;
    final TemplateStore templates;
    final PendingSets pending;
    private final DomainState[] domains;
    private int domainCount;
    /** Shared by the domains beyond the limit: they decode, but their sequence numbers are not tracked. */
    private final DomainState overflow = new DomainState(-1, null);
    int versionsSeen;
    long lastDatagramMillis;
    long datagrams;

    ExporterState(long hi, long lo, DecoderLimits limits, DecodeCounters counters) {
        this.hi = hi;
        this.lo = lo;
        this.templates = new TemplateStore(limits.maxTemplatesPerExporter(), limits.templateTimeout().toMillis(), counters);
        this.pending = new PendingSets(limits.pendingBytes(), limits.pendingSets());
        this.domains = new DomainState[limits.maxDomainsPerExporter()];
    }

    /** The state of domain {@code id} for {@code type}, or the shared overflow state beyond the limit. */
    public DomainState domain(long id, SourceType type) {
        for (int i = 0; i < domainCount; i++) {
            DomainState d = domains[i];
            if (d.domain() == id && d.sourceType() == type) {
                return d;
            }
        }
        if (domainCount == domains.length) {
            return overflow;
        }
        DomainState d = new DomainState(id, type);
        domains[domainCount++] = d;
        return d;
    }

    public boolean isOverflow(DomainState d) {
        return d == overflow;
    }

    long sequenceLost() {
        long lost = 0;
        for (int i = 0; i < domainCount; i++) {
            lost += domains[i].lost();
        }
        return lost;
    }

    int domainCount() {
        return domainCount;
    }

    public long hi() {
        return hi;
    }

    public long lo() {
        return lo;
    }

    public TemplateStore templates() {
        return templates;
    }

    public PendingSets pending() {
        return pending;
    }
}
