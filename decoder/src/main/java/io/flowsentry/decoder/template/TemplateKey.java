package io.flowsentry.decoder.template;

import io.flowsentry.flow.IpAddress;

/**
 * The scope of a template: exporter address, observation domain (v9 source id) and template id. Two
 * exporters, or two domains of one exporter, that reuse a template id never share a template.
 *
 * <p>Immutable once stored; a store looks templates up with one reused probe key ({@link #probe()}),
 * so a lookup allocates nothing.
 */
public final class TemplateKey {

    private long exporterHi;
    private long exporterLo;
    private long domain;
    private int templateId;

    public TemplateKey(long exporterHi, long exporterLo, long domain, int templateId) {
        this.exporterHi = exporterHi;
        this.exporterLo = exporterLo;
        this.domain = domain;
        this.templateId = templateId;
    }

    /** A key to be {@link #set} and used only for lookups. */
    static TemplateKey probe() {
        return new TemplateKey(0, 0, 0, 0);
    }

    TemplateKey set(long exporterHi, long exporterLo, long domain, int templateId) {
        this.exporterHi = exporterHi;
        this.exporterLo = exporterLo;
        this.domain = domain;
        this.templateId = templateId;
        return this;
    }

    TemplateKey copy() {
        return new TemplateKey(exporterHi, exporterLo, domain, templateId);
    }

    public long exporterHi() {
        return exporterHi;
    }

    public long exporterLo() {
        return exporterLo;
    }

    public long domain() {
        return domain;
    }

    public int templateId() {
        return templateId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateKey k && k.templateId == templateId && k.domain == domain
                && k.exporterLo == exporterLo && k.exporterHi == exporterHi;
    }

    @Override
    public int hashCode() {
        long h = exporterLo * 31 + exporterHi;
        h = h * 31 + domain;
        h = h * 31 + templateId;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return IpAddress.toString(exporterHi, exporterLo) + "/" + domain + "/" + templateId;
    }
}
