package io.flowsentry.decoder.template;

import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The templates of one exporter, keyed by {@link TemplateKey}, at most {@code maxTemplates} of them.
 * A template not refreshed within the timeout is dropped when next looked up; time is whatever the
 * caller says it is (the decoder's injected clock).
 */
public final class TemplateStore {

    private final Map<TemplateKey, Template> templates = new HashMap<>();
    private final TemplateKey probe = TemplateKey.probe();
    private final int maxTemplates;
    private final long timeoutMillis;
    private final DecodeCounters counters;

    public TemplateStore(int maxTemplates, long timeoutMillis, DecodeCounters counters) {
        this.maxTemplates = maxTemplates;
        this.timeoutMillis = timeoutMillis;
        this.counters = counters;
    }

    /** The live template for the key, or {@code null} (missing, or expired and now removed). */
    public Template get(long exporterHi, long exporterLo, int version, long domain, int templateId, long nowMillis) {
        Template t = templates.get(probe.set(exporterHi, exporterLo, version, domain, templateId));
        if (t != null && nowMillis - t.refreshedAtMillis > timeoutMillis) {
            templates.remove(probe);
            counters.increment(DecodeCounter.TEMPLATES_EXPIRED);
            return null;
        }
        return t;
    }

    /** Stores or replaces a template; {@code false} when this would exceed the per-exporter limit. */
    public boolean put(Template t) {
        if (templates.size() >= maxTemplates && !templates.containsKey(t.key)) {
            return false;
        }
        templates.put(t.key, t);
        return true;
    }

    /** RFC 7011 §8.1: a template record with field count 0 withdraws that template. */
    public boolean withdraw(long exporterHi, long exporterLo, int version, long domain, int templateId) {
        return templates.remove(probe.set(exporterHi, exporterLo, version, domain, templateId)) != null;
    }

    /**
     * RFC 7011 §8.1: the all-templates withdrawal (template id = set id 2 or 3, field count 0) removes
     * every template, or every options template, of the domain (IPFIX only: version 10).
     */
    public int withdrawAll(long domain, boolean options) {
        int removed = 0;
        for (Iterator<Template> it = templates.values().iterator(); it.hasNext(); ) {
            Template t = it.next();
            if (t.key.version() == 10 && t.key.domain() == domain && t.options == options) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    public int size() {
        return templates.size();
    }
}
