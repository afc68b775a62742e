package io.flowsentry.decoder.template;

import io.flowsentry.flow.FlowSink;
import io.flowsentry.flow.SourceType;

/** What every record of one message shares; one instance reused by the decoder. */
public final class MessageContext {

    /** {@link #sysUptimeMillis} when the message header has none (IPFIX). */
    public static final long NO_UPTIME = Long.MIN_VALUE;

    public long exporterHi;
    public long exporterLo;
    public long domainId;
    /** 9 (NetFlow v9) or 10 (IPFIX): part of the template scope. */
    public int version;
    public SourceType sourceType;
    /** The header's export time, epoch ms. */
    public long exportMillis;
    /** v9 header sysUpTime (ms since the device booted), or {@link #NO_UPTIME}. */
    public long sysUptimeMillis;
    public DomainState domain;
    public FlowSink sink;

    public MessageContext set(long exporterHi, long exporterLo, long domainId, SourceType type, long exportMillis,
                              long sysUptimeMillis, DomainState domain, FlowSink sink) {
        this.exporterHi = exporterHi;
        this.exporterLo = exporterLo;
        this.domainId = domainId;
        this.sourceType = type;
        this.version = type == SourceType.IPFIX ? 10 : 9;
        this.exportMillis = exportMillis;
        this.sysUptimeMillis = sysUptimeMillis;
        this.domain = domain;
        this.sink = sink;
        return this;
    }
}
