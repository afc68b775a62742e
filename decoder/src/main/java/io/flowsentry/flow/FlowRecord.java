package io.flowsentry.flow;

/**
 * The one flow record every source decodes into: NetFlow v5, v9, IPFIX and Zeek conn.log alike.
 *
 * <p>Mutable and reused: a decoder owns one instance, fills it per flow, hands it to a {@link FlowSink}
 * and {@link #reset()}s it for the next, so decoding allocates nothing per flow. Addresses are 128-bit
 * values in two longs ({@link IpAddress}); IPv4 is held IPv4-mapped.
 *
 * <p>Direction: {@code src} is the flow's source (Zeek: the originator), {@code bytes}/{@code packets}
 * count what went from source to destination, {@code reverseBytes}/{@code reversePackets} what came
 * back where the source reports it (IPFIX biflows of RFC 5103, Zeek's responder counters).
 */
public final class FlowRecord {

    private long timeStart;
    private long timeEnd;
    private long srcHi;
    private long srcLo;
    private long dstHi;
    private long dstLo;
    private int srcPort;
    private int dstPort;
    private int protocol;
    private long bytes;
    private long packets;
    private long reverseBytes;
    private long reversePackets;
    private int tcpFlags;
    private Action action = Action.UNKNOWN;
    private String app;
    private SourceType sourceType;
    private long exporterHi;
    private long exporterLo;
    private long observationDomain;
    private long samplingInterval;

    /** Clears every field to its "not reported" value. */
    public FlowRecord reset() {
        timeStart = 0;
        timeEnd = 0;
        srcHi = 0;
        srcLo = 0;
        dstHi = 0;
        dstLo = 0;
        srcPort = 0;
        dstPort = 0;
        protocol = 0;
        bytes = 0;
        packets = 0;
        reverseBytes = 0;
        reversePackets = 0;
        tcpFlags = 0;
        action = Action.UNKNOWN;
        app = null;
        sourceType = null;
        exporterHi = 0;
        exporterLo = 0;
        observationDomain = 0;
        samplingInterval = 0;
        return this;
    }

    public FlowRecord copyFrom(FlowRecord o) {
        timeStart = o.timeStart;
        timeEnd = o.timeEnd;
        srcHi = o.srcHi;
        srcLo = o.srcLo;
        dstHi = o.dstHi;
        dstLo = o.dstLo;
        srcPort = o.srcPort;
        dstPort = o.dstPort;
        protocol = o.protocol;
        bytes = o.bytes;
        packets = o.packets;
        reverseBytes = o.reverseBytes;
        reversePackets = o.reversePackets;
        tcpFlags = o.tcpFlags;
        action = o.action;
        app = o.app;
        sourceType = o.sourceType;
        exporterHi = o.exporterHi;
        exporterLo = o.exporterLo;
        observationDomain = o.observationDomain;
        samplingInterval = o.samplingInterval;
        return this;
    }

    /** Flow start, epoch milliseconds UTC: the detection's {@code _time}. */
    public long timeStart() {
        return timeStart;
    }

    public FlowRecord timeStart(long epochMillis) {
        this.timeStart = epochMillis;
        return this;
    }

    /** Flow end, epoch milliseconds UTC. */
    public long timeEnd() {
        return timeEnd;
    }

    public FlowRecord timeEnd(long epochMillis) {
        this.timeEnd = epochMillis;
        return this;
    }

    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public FlowRecord src(long hi, long lo) {
        this.srcHi = hi;
        this.srcLo = lo;
        return this;
    }

    public FlowRecord srcIpv4(int v4) {
        return src(0, IpAddress.v4Lo(v4));
    }

    public long dstHi() {
        return dstHi;
    }

    public long dstLo() {
        return dstLo;
    }

    public FlowRecord dst(long hi, long lo) {
        this.dstHi = hi;
        this.dstLo = lo;
        return this;
    }

    public FlowRecord dstIpv4(int v4) {
        return dst(0, IpAddress.v4Lo(v4));
    }

    public int srcPort() {
        return srcPort;
    }

    public FlowRecord srcPort(int port) {
        this.srcPort = port;
        return this;
    }

    /** Destination transport port; 0 where the protocol has none. */
    public int dstPort() {
        return dstPort;
    }

    public FlowRecord dstPort(int port) {
        this.dstPort = port;
        return this;
    }

    /** IP protocol number (6 TCP, 17 UDP, 1 ICMP, 58 ICMPv6, ...). */
    public int protocol() {
        return protocol;
    }

    public FlowRecord protocol(int protocol) {
        this.protocol = protocol;
        return this;
    }

    public long bytes() {
        return bytes;
    }

    public FlowRecord bytes(long bytes) {
        this.bytes = bytes;
        return this;
    }

    public long packets() {
        return packets;
    }

    public FlowRecord packets(long packets) {
        this.packets = packets;
        return this;
    }

    public long reverseBytes() {
        return reverseBytes;
    }

    public FlowRecord reverseBytes(long bytes) {
        this.reverseBytes = bytes;
        return this;
    }

    public long reversePackets() {
        return reversePackets;
    }

    public FlowRecord reversePackets(long packets) {
        this.reversePackets = packets;
        return this;
    }

    /** Cumulative TCP flags (the low 8 bits of IE 6, or v5 {@code tcp_flags}). */
    public int tcpFlags() {
        return tcpFlags;
    }

    public FlowRecord tcpFlags(int flags) {
        this.tcpFlags = flags;
        return this;
    }

    public Action action() {
        return action;
    }

    public FlowRecord action(Action action) {
        this.action = action;
        return this;
    }

    /** The application (IE 96 lower-cased, Zeek {@code service} as written), or {@code null} when absent. */
    public String app() {
        return app;
    }

    public FlowRecord app(String app) {
        this.app = app;
        return this;
    }

    public SourceType sourceType() {
        return sourceType;
    }

    public FlowRecord sourceType(SourceType type) {
        this.sourceType = type;
        return this;
    }

    /** The exporter's address (the datagram's source; for Zeek, 0). */
    public long exporterHi() {
        return exporterHi;
    }

    public long exporterLo() {
        return exporterLo;
    }

    public FlowRecord exporter(long hi, long lo) {
        this.exporterHi = hi;
        this.exporterLo = lo;
        return this;
    }

    /** IPFIX observation domain id, NetFlow v9 source id; v5: engine type and id as {@code type << 8 | id}. */
    public long observationDomain() {
        return observationDomain;
    }

    public FlowRecord observationDomain(long domain) {
        this.observationDomain = domain;
        return this;
    }

    /** One packet in N was sampled; 0 when the exporter did not say, 1 when unsampled. */
    public long samplingInterval() {
        return samplingInterval;
    }

    public FlowRecord samplingInterval(long interval) {
        this.samplingInterval = interval;
        return this;
    }

    @Override
    public String toString() {
        return FlowRecordJson.toJson(this);
    }
}
