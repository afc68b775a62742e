package io.flowsentry.decoder.template;

import io.flowsentry.flow.IpAddress;

/**
 * The scope of a template: exporter address, protocol version (9 or 10), observation domain (v9 source
 * id) and template id. Two exporters, two domains of one exporter, or the v9 and IPFIX exports of one
 * exporter, that reuse a template id never share a template.
 *
 * <p>Immutable once stored; a store looks templates up with one reused probe key ({@link #probe()}),
 * so a lookup allocates nothing.
 */
public final class TemplateKey {

    private long exporterHi;
    private long exporterLo;
    private int version;
    private long domain;
    private int templateId;

    public TemplateKey(long exporterHi, long exporterLo, int version, long domain, int templateId) {
        this.exporterHi = exporterHi;
        this.exporterLo = exporterLo;
        this.version = version;
        this.domain = domain;
        this.templateId = templateId;
    }

    /** A key to be {@link #set} and used only for lookups. */
    static TemplateKey probe() {
        return new TemplateKey(0, 0, 0, 0, 0);
    }

    TemplateKey set(long exporterHi, long exporterLo, int version, long domain, int templateId) {
        this.exporterHi = exporterHi;
        this.exporterLo = exporterLo;
        this.version = version;
        this.domain = domain;
        this.templateId = templateId;
        return this;
    }

    public long exporterHi() {
        return exporterHi;
    }

    public long exporterLo() {
        return exporterLo;
    }

    /** 9 (NetFlow v9) or 10 (IPFIX). */
    public int version() {
        return version;
    }

    public long domain() {
        return domain;
    }

    public int templateId() {
        return templateId;
    }

    /** Whether this is the key of those values. */
    boolean matches(long exporterHi, long exporterLo, int version, long domain, int templateId) {
        return this.templateId == templateId && this.domain == domain && this.version == version
                && this.exporterLo == exporterLo && this.exporterHi == exporterHi;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateKey k && k.matches(exporterHi, exporterLo, version, domain, templateId);
    }

    @Override
    public int hashCode() {
        long h = exporterLo * 31 + exporterHi;
        h = h * 31 + domain;
        h = h * 31 + version;
        h = h * 31 + templateId;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return IpAddress.toString(exporterHi, exporterLo) + "/v" + version + "/" + domain + "/" + templateId;
    }
}
