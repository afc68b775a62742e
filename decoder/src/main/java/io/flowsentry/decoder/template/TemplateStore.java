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
    /**
     * A lower bound of the held templates' refresh times (refreshes only move them forward), so that a
     * full store knows without a scan whether any template can have expired yet.
     */
    private long oldestRefreshBound = Long.MAX_VALUE;
    /**
     * The template the last look-up found, so that the data sets of one template in a row (the usual
     * stream) skip the hash look-up; forgotten whenever a template is stored or removed.
     */
    private Template last;

    public TemplateStore(int maxTemplates, long timeoutMillis, DecodeCounters counters) {
        this.maxTemplates = maxTemplates;
        this.timeoutMillis = timeoutMillis;
        this.counters = counters;
    }

    /** The live template for the key, or {@code null} (missing, or expired and now removed). */
    public Template get(long exporterHi, long exporterLo, int version, long domain, int templateId, long nowMillis) {
        Template t = last;
        if (t == null || !t.key.matches(exporterHi, exporterLo, version, domain, templateId)) {
            t = templates.get(probe.set(exporterHi, exporterLo, version, domain, templateId));
            if (t == null) {
                return null;
            }
        }
        if (nowMillis - t.refreshedAtMillis > timeoutMillis) {
            templates.remove(t.key);
            last = null;
            counters.increment(DecodeCounter.TEMPLATES_EXPIRED);
            return null;
        }
        last = t;
        return t;
    }

    /**
     * Stores or replaces a template; {@code false} when this would exceed the per-exporter limit even
     * after dropping the templates past the timeout. Expiry otherwise happens on lookup, so without
     * that purge a flood of templates that are never used would hold the store full for good and
     * refuse the exporter's real templates after the flood's had long expired.
     */
    public boolean put(Template t) {
        if (templates.size() >= maxTemplates && !templates.containsKey(t.key) && !purgeExpired(t.refreshedAtMillis)) {
            return false;
        }
        templates.put(t.key, t);
        last = null;
        oldestRefreshBound = Math.min(oldestRefreshBound, t.refreshedAtMillis);
        return true;
    }

    /**
     * Drops every template not refreshed within the timeout (counted as expired); {@code true} when that
     * made room. Scans only when the oldest template can have expired: at most once per template that
     * expires, never once per refused template record.
     */
    private boolean purgeExpired(long nowMillis) {
        if (nowMillis - oldestRefreshBound <= timeoutMillis) {
            return false;
        }
        long oldest = Long.MAX_VALUE;
        for (Iterator<Template> it = templates.values().iterator(); it.hasNext(); ) {
            Template held = it.next();
            if (nowMillis - held.refreshedAtMillis > timeoutMillis) {
                it.remove();
                counters.increment(DecodeCounter.TEMPLATES_EXPIRED);
            } else {
                oldest = Math.min(oldest, held.refreshedAtMillis);
            }
        }
        oldestRefreshBound = oldest;
        return templates.size() < maxTemplates;
    }

    /** RFC 7011 §8.1: a template record with field count 0 withdraws that template. */
    public boolean withdraw(long exporterHi, long exporterLo, int version, long domain, int templateId) {
        last = null;
        return templates.remove(probe.set(exporterHi, exporterLo, version, domain, templateId)) != null;
    }

    /**
     * RFC 7011 §8.1: the all-templates withdrawal (template id = set id 2 or 3, field count 0) removes
     * every template, or every options template, of the domain (IPFIX only: version 10).
     */
    public int withdrawAll(long domain, boolean options) {
        last = null;
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
