package io.flowsentry.decoder.template;

import io.flowsentry.decoder.Bytes;
import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;
import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;

/**
 * What one data record said, field by field, and what it means for a flow record: which address,
 * counter and time form wins, the action, the sampling interval. Reused for every record: a presence
 * bit per value replaces clearing every field.
 */
final class RecordFields {


    /** Seconds from the NTP epoch (1900-01-01) to the Unix epoch: 70 years incl. 17 leap days = 2,208,988,800. */
    static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;
    private static final long NONE = Long.MIN_VALUE;

    // Presence bits of the per-record scratch: one int cleared per record instead of every field.
    private static final int SRC_V4 = 1;
    private static final int DST_V4 = 1 << 1;
    private static final int SRC_V6 = 1 << 2;
    private static final int DST_V6 = 1 << 3;
    private static final int OCTETS = 1 << 4;
    private static final int OCTETS_TOTAL = 1 << 5;
    private static final int INITIATOR_OCTETS = 1 << 6;
    private static final int PACKETS = 1 << 7;
    private static final int PACKETS_TOTAL = 1 << 8;
    private static final int INITIATOR_PACKETS = 1 << 9;
    private static final int START = 1 << 10;
    private static final int END = 1 << 11;
    private static final int START_UPTIME = 1 << 12;
    private static final int END_UPTIME = 1 << 13;
    private static final int START_DELTA = 1 << 14;
    private static final int END_DELTA = 1 << 15;
    private static final int SYSTEM_INIT = 1 << 16;
    private static final int FORWARDING_STATUS = 1 << 17;
    private static final int FIREWALL_EVENT = 1 << 18;
    private static final int FIREWALL_EXT_EVENT = 1 << 19;
    private static final int SAMPLING_INTERVAL = 1 << 20;
    private static final int SAMPLER_ID = 1 << 21;
    private static final int PACKET_INTERVAL = 1 << 22;
    private static final int PACKET_SPACE = 1 << 23;
    private static final int SAMPLING_SIZE = 1 << 24;
    private static final int SAMPLING_POPULATION = 1 << 25;

    private final AppNameCache appNames = new AppNameCache();
    private final DecodeCounters counters;

    // Per-record scratch: a value counts only when its bit is set in {@link #seen}.
    private int seen;
    /** Source and destination IPv4 addresses. */
    private final int[] v4 = new int[2];
    /** Source hi, lo and destination hi, lo IPv6 words. */
    private final long[] v6 = new long[4];
    private int srcPort;
    private int dstPort;
    private int protocol;
    private int tcpFlags;
    private long reverseOctets;
    private long reversePackets;
    private String app;
    private long octets;
    private long octetsTotal;
    private long initiatorOctets;
    private long packets;
    private long packetsTotal;
    private long initiatorPackets;
    private long start;
    private long end;
    private long startUptime;
    private long endUptime;
    private long startDelta;
    private long endDelta;
    private long systemInit;
    private int forwardingStatus;
    private int firewallEvent;
    private int firewallExtEvent;
    private long samplingInterval;
    private long samplerId;
    private long packetInterval;
    private long packetSpace;
    private long samplingSize;
    private long samplingPopulation;

    RecordFields(DecodeCounters counters) {
        this.counters = counters;
    }

    /** Forgets the previous record. */
    void clear() {
        seen = 0;
        srcPort = 0;
        dstPort = 0;
        protocol = 0;
        tcpFlags = 0;
        reverseOctets = 0;
        reversePackets = 0;
        app = null;
    }

    /** A fixed-length record: the common fields by their precomputed offsets, then the others. */
    void readFixed(byte[] b, int pos, Template t) {
        int[] off = t.commonOffsets;
        int[] len = t.commonLengths;
        int o;
        if ((o = off[FieldKind.SRC_V4]) >= 0) {
            ipv4(b, pos + o, len[FieldKind.SRC_V4], 0, SRC_V4);
        }
        if ((o = off[FieldKind.DST_V4]) >= 0) {
            ipv4(b, pos + o, len[FieldKind.DST_V4], 1, DST_V4);
        }
        if ((o = off[FieldKind.SRC_V6]) >= 0) {
            ipv6(b, pos + o, len[FieldKind.SRC_V6], 0, SRC_V6);
        }
        if ((o = off[FieldKind.DST_V6]) >= 0) {
            ipv6(b, pos + o, len[FieldKind.DST_V6], 2, DST_V6);
        }
        if ((o = off[FieldKind.SRC_PORT]) >= 0) {
            srcPort = (int) uint(b, pos + o, len[FieldKind.SRC_PORT]);
        }
        if ((o = off[FieldKind.DST_PORT]) >= 0) {
            dstPort = (int) uint(b, pos + o, len[FieldKind.DST_PORT]);
        }
        if ((o = off[FieldKind.PROTOCOL]) >= 0) {
            protocol = (int) uint(b, pos + o, len[FieldKind.PROTOCOL]);
        }
        if ((o = off[FieldKind.TCP_FLAGS]) >= 0) {
            tcpFlags = (int) uint(b, pos + o, len[FieldKind.TCP_FLAGS]) & 0xff;
        }
        if ((o = off[FieldKind.OCTETS]) >= 0) {
            octets = value(b, pos + o, len[FieldKind.OCTETS], OCTETS);
        }
        if ((o = off[FieldKind.PACKETS]) >= 0) {
            packets = value(b, pos + o, len[FieldKind.PACKETS], PACKETS);
        }
        if ((o = off[FieldKind.OCTETS_TOTAL]) >= 0) {
            octetsTotal = value(b, pos + o, len[FieldKind.OCTETS_TOTAL], OCTETS_TOTAL);
        }
        if ((o = off[FieldKind.PACKETS_TOTAL]) >= 0) {
            packetsTotal = value(b, pos + o, len[FieldKind.PACKETS_TOTAL], PACKETS_TOTAL);
        }
        int[] kinds = t.otherKinds;
        int[] offsets = t.otherOffsets;
        int[] lengths = t.otherLengths;
        for (int i = 0; i < kinds.length; i++) {
            field(kinds[i], b, pos + offsets[i], lengths[i]);
        }
    }

    /** An IPv4 address field into {@code v4[slot]} (0 source, 1 destination); other lengths are counted. */
    private void ipv4(byte[] b, int pos, int len, int slot, int bit) {
        if (len == 4) {
            v4[slot] = Bytes.s32(b, pos);
            seen |= bit;
        } else {
            fieldLength();
        }
    }

    /** An IPv6 address field into {@code v6[slot], v6[slot + 1]} (0 source, 2 destination). */
    private void ipv6(byte[] b, int pos, int len, int slot, int bit) {
        if (len == 16) {
            v6[slot] = Bytes.s64(b, pos);
            v6[slot + 1] = Bytes.s64(b, pos + 8);
            seen |= bit;
        } else {
            fieldLength();
        }
    }

    /** Stores field {@code b[pos, pos+len)} of kind {@code kind} in the scratch. */
    void field(int kind, byte[] b, int pos, int len) {
        switch (kind) {
            case FieldKind.SKIP -> { }
            case FieldKind.SRC_V4 -> ipv4(b, pos, len, 0, SRC_V4);
            case FieldKind.DST_V4 -> ipv4(b, pos, len, 1, DST_V4);
            case FieldKind.SRC_V6 -> ipv6(b, pos, len, 0, SRC_V6);
            case FieldKind.DST_V6 -> ipv6(b, pos, len, 2, DST_V6);
            case FieldKind.SRC_PORT -> srcPort = (int) uint(b, pos, len);
            case FieldKind.DST_PORT -> dstPort = (int) uint(b, pos, len);
            case FieldKind.PROTOCOL -> protocol = (int) uint(b, pos, len);
            case FieldKind.TCP_FLAGS -> tcpFlags = (int) uint(b, pos, len) & 0xff;
            case FieldKind.OCTETS -> octets = value(b, pos, len, OCTETS);
            case FieldKind.PACKETS -> packets = value(b, pos, len, PACKETS);
            case FieldKind.OCTETS_TOTAL -> octetsTotal = value(b, pos, len, OCTETS_TOTAL);
            case FieldKind.PACKETS_TOTAL -> packetsTotal = value(b, pos, len, PACKETS_TOTAL);
            case FieldKind.INITIATOR_OCTETS -> initiatorOctets = value(b, pos, len, INITIATOR_OCTETS);
            case FieldKind.INITIATOR_PACKETS -> initiatorPackets = value(b, pos, len, INITIATOR_PACKETS);
            case FieldKind.RESPONDER_OCTETS, FieldKind.REVERSE_OCTETS -> reverseOctets = uint(b, pos, len);
            case FieldKind.RESPONDER_PACKETS, FieldKind.REVERSE_PACKETS -> reversePackets = uint(b, pos, len);
            case FieldKind.START_SYSUPTIME -> startUptime = value(b, pos, len, START_UPTIME);
            case FieldKind.END_SYSUPTIME -> endUptime = value(b, pos, len, END_UPTIME);
            case FieldKind.START_SECONDS -> start = value(b, pos, len, START) * 1000;
            case FieldKind.END_SECONDS -> end = value(b, pos, len, END) * 1000;
            case FieldKind.START_MILLIS -> start = value(b, pos, len, START);
            case FieldKind.END_MILLIS -> end = value(b, pos, len, END);
            case FieldKind.START_NTP -> start = ntpMillis(b, pos, len, START);
            case FieldKind.END_NTP -> end = ntpMillis(b, pos, len, END);
            case FieldKind.START_DELTA_MICROS -> startDelta = value(b, pos, len, START_DELTA);
            case FieldKind.END_DELTA_MICROS -> endDelta = value(b, pos, len, END_DELTA);
            case FieldKind.SYSTEM_INIT_MILLIS -> systemInit = value(b, pos, len, SYSTEM_INIT);
            case FieldKind.FORWARDING_STATUS -> forwardingStatus = (int) (value(b, pos, len, FORWARDING_STATUS) & 0xff);
            case FieldKind.FIREWALL_EVENT -> firewallEvent = (int) value(b, pos, len, FIREWALL_EVENT);
            case FieldKind.FIREWALL_EXT_EVENT -> firewallExtEvent = (int) value(b, pos, len, FIREWALL_EXT_EVENT);
            case FieldKind.APPLICATION_NAME -> app = appNames.lookup(b, pos, len);
            case FieldKind.SAMPLING_INTERVAL -> samplingInterval = value(b, pos, len, SAMPLING_INTERVAL);
            case FieldKind.SAMPLER_ID -> samplerId = value(b, pos, len, SAMPLER_ID);
            case FieldKind.SAMPLING_PACKET_INTERVAL -> packetInterval = value(b, pos, len, PACKET_INTERVAL);
            case FieldKind.SAMPLING_PACKET_SPACE -> packetSpace = value(b, pos, len, PACKET_SPACE);
            case FieldKind.SAMPLING_SIZE -> samplingSize = value(b, pos, len, SAMPLING_SIZE);
            case FieldKind.SAMPLING_POPULATION -> samplingPopulation = value(b, pos, len, SAMPLING_POPULATION);
            default -> { }
        }
    }

    /** {@link #uint} and marks the value present. */
    private long value(byte[] b, int pos, int len, int bit) {
        seen |= bit;
        return uint(b, pos, len);
    }

    private boolean has(int bit) {
        return (seen & bit) != 0;
    }

    /** An unsigned value of 0..8 bytes (reduced-size encoding); longer fields are not numbers we use. */
    private long uint(byte[] b, int pos, int len) {
        if (len > 8) {
            fieldLength();
            return 0;
        }
        return Bytes.unsigned(b, pos, len);
    }

    /** RFC 7011 §6.1.9/§6.1.10: dateTimeMicro/Nanoseconds are NTP timestamps (seconds since 1900 . fraction). */
    private long ntpMillis(byte[] b, int pos, int len, int bit) {
        if (len != 8) {
            fieldLength();
            return 0;
        }
        seen |= bit;
        long seconds = Bytes.u32(b, pos);
        long fraction = Bytes.u32(b, pos + 4);
        return (seconds - NTP_TO_UNIX_SECONDS) * 1000 + ((fraction * 1000) >>> 32);
    }

    private void fieldLength() {
        counters.increment(DecodeCounter.FIELD_LENGTH_UNEXPECTED);
    }

    /** An options record: remembers its sampling interval and system init time for the domain. */
    void applyTo(DomainState domain) {
        long interval = samplingInterval();
        if (interval != NONE) {
            domain.recordSampling(samplerId, has(SAMPLER_ID), interval);
        }
        if (has(SYSTEM_INIT)) {
            domain.systemInitMillis(systemInit);
        }
    }

    /**
     * Sampling interval said by this record: RFC 5477 random n-out-of-N as samplingPopulation (310) /
     * samplingSize (309); systematic count-based as (samplingPacketInterval (305) + samplingPacketSpace
     * (306)) / samplingPacketInterval; else samplingInterval (34) or samplerRandomInterval (50).
     */
    private long samplingInterval() {
        if (has(SAMPLING_POPULATION) && has(SAMPLING_SIZE) && samplingSize > 0) {
            return samplingPopulation / samplingSize;
        }
        if (has(SAMPLING_INTERVAL)) {
            return samplingInterval;
        }
        if (has(PACKET_INTERVAL) && packetInterval > 0) {
            return (packetInterval + (has(PACKET_SPACE) ? packetSpace : 0)) / packetInterval;
        }
        return NONE;
    }

    /** Writes every field of {@code r} (so it needs no reset) from this flow record's fields. */
    void writeTo(FlowRecord r, MessageContext ctx) {
        // Prefer the IPv4 address unless it is 0.0.0.0 beside a real IPv6 one (Procera sends both).
        r.src(addressHi(0, SRC_V4, SRC_V6), addressLo(0, SRC_V4, SRC_V6));
        r.dst(addressHi(1, DST_V4, DST_V6), addressLo(1, DST_V4, DST_V6));
        r.srcPort(srcPort).dstPort(dstPort).protocol(protocol).tcpFlags(tcpFlags)
                .reverseBytes(reverseOctets).reversePackets(reversePackets).app(app);
        r.bytes(has(OCTETS) ? octets : has(OCTETS_TOTAL) ? octetsTotal : has(INITIATOR_OCTETS) ? initiatorOctets : 0);
        r.packets(has(PACKETS) ? packets : has(PACKETS_TOTAL) ? packetsTotal : has(INITIATOR_PACKETS) ? initiatorPackets : 0);
        r.timeStart(absolute(has(START), start, has(START_UPTIME), startUptime, has(START_DELTA), startDelta, ctx));
        r.timeEnd(absolute(has(END), end, has(END_UPTIME), endUptime, has(END_DELTA), endDelta, ctx));
        r.action(action());
        r.sourceType(ctx.sourceType);
        r.exporter(ctx.exporterHi, ctx.exporterLo);
        r.observationDomain(ctx.domainId);
        long interval = samplingInterval();
        if (interval == NONE) {
            interval = has(SAMPLER_ID) ? ctx.domain.samplingInterval(samplerId) : ctx.domain.samplingInterval();
        }
        r.samplingInterval(interval);
    }

    /** Whether the IPv4 address {@code v4[side]} is the one to report (see {@link #writeTo}). */
    private boolean useIpv4(int side, int v4Bit, int v6Bit) {
        return has(v4Bit) && (v4[side] != 0 || !has(v6Bit) || (v6[2 * side] | v6[2 * side + 1]) == 0);
    }

    private long addressHi(int side, int v4Bit, int v6Bit) {
        return useIpv4(side, v4Bit, v6Bit) ? 0 : has(v6Bit) ? v6[2 * side] : 0;
    }

    private long addressLo(int side, int v4Bit, int v6Bit) {
        return useIpv4(side, v4Bit, v6Bit) ? IpAddress.v4Lo(v4[side]) : has(v6Bit) ? v6[2 * side + 1] : 0;
    }

    /**
     * An absolute time from whichever form the record used: absolute, sysUpTime-relative (v9 header
     * uptime, or IPFIX systemInitTimeMilliseconds) or a delta before export; else the export time.
     */
    private long absolute(boolean hasAbs, long abs, boolean hasUptime, long uptime, boolean hasDelta, long deltaMicros,
                          MessageContext ctx) {
        if (hasAbs) {
            return abs;
        }
        if (hasUptime) {
            if (ctx.sysUptimeMillis != MessageContext.NO_UPTIME) {
                // RFC 3954 §5.1: both are ms since boot; the signed 32-bit difference survives uptime wrap.
                return ctx.exportMillis - (int) (ctx.sysUptimeMillis - uptime);
            }
            long init = has(SYSTEM_INIT) ? systemInit : ctx.domain.systemInitMillis();
            if (init != Long.MIN_VALUE) {
                return init + uptime;
            }
        }
        if (hasDelta) {
            return ctx.exportMillis - deltaMicros / 1000;
        }
        return ctx.exportMillis;
    }

    /** DETECTION.md: IE 89 64..127 allowed, 128..191 blocked; IE 233 1/2/5 allowed, 3 blocked; NSEL 33002 1001..1999 denied. */
    private Action action() {
        if ((seen & (FORWARDING_STATUS | FIREWALL_EVENT | FIREWALL_EXT_EVENT)) == 0) {
            return Action.UNKNOWN;
        }
        int event = has(FIREWALL_EVENT) ? firewallEvent : -1;
        int extEvent = has(FIREWALL_EXT_EVENT) ? firewallExtEvent : -1;
        int status = has(FORWARDING_STATUS) ? forwardingStatus : -1;
        if (event == 3 || (extEvent >= 1001 && extEvent <= 1999) || (status >= 128 && status <= 191)) {
            return Action.BLOCKED;
        }
        if (event == 1 || event == 2 || event == 5 || (status >= 64 && status <= 127)) {
            return Action.ALLOWED;
        }
        return Action.UNKNOWN;
    }
}
