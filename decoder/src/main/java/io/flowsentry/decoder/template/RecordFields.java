package io.flowsentry.decoder.template;

import io.flowsentry.decoder.Bytes;
import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;
import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;

/**
 * What one data record said, field by field, and what it means for a flow record: which address,
 * counter and time form wins, the action, the sampling interval. Reused for every record: values are
 * kept by {@link FieldKind} in one array, and a presence bit per kind replaces clearing them.
 */
final class RecordFields {

    /** Seconds from the NTP epoch (1900-01-01) to the Unix epoch: 70 years incl. 17 leap days = 2,208,988,800. */
    static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;
    /** A sampling interval no element of the record gave. */
    static final long NONE = Long.MIN_VALUE;

    private final DecodeCounters counters;
    private final AppNameCache appNames;
    /** Bit {@code k} set: {@code values[k]} (or the address, or the app) was in this record. */
    private long seen;
    private final long[] values = new long[FieldKind.COUNT];
    /** Source and destination IPv4 addresses. */
    private final int[] v4 = new int[2];
    /** Source hi, lo and destination hi, lo IPv6 words. */
    private final long[] v6 = new long[4];
    private String app;

    RecordFields(DecodeCounters counters, AppNameCache appNames) {
        this.counters = counters;
        this.appNames = appNames;
    }

    /** Forgets the previous record. */
    void clear() {
        seen = 0;
        app = null;
    }

    private boolean has(int kind) {
        return (seen & (1L << kind)) != 0;
    }

    private long get(int kind, long absent) {
        return has(kind) ? values[kind] : absent;
    }

    /**
     * A fixed-length record (the caller checked its whole length is there): the plain numbers in one
     * loop by their precomputed offsets, then the fields that need their own handling.
     */
    void readFixed(byte[] b, int pos, Template t) {
        FieldList numbers = t.numbers;
        int[] kinds = numbers.kinds;
        int[] offsets = numbers.offsets;
        int[] lengths = numbers.lengths;
        long[] v = values;
        for (int i = 0, n = numbers.size(); i < n; i++) {
            v[kinds[i]] = Bytes.unsigned(b, pos + offsets[i], lengths[i]);
        }
        seen |= t.numberMask;
        FieldList specials = t.specials;
        for (int i = 0, n = specials.size(); i < n; i++) {
            field(specials.kinds[i], b, pos + specials.offsets[i], specials.lengths[i]);
        }
    }

    /** Stores field {@code b[pos, pos+len)} of kind {@code kind}. */
    void field(int kind, byte[] b, int pos, int len) {
        switch (kind) {
            case FieldKind.SKIP -> { }
            case FieldKind.SRC_V4 -> ipv4(b, pos, len, 0, kind);
            case FieldKind.DST_V4 -> ipv4(b, pos, len, 1, kind);
            case FieldKind.SRC_V6 -> ipv6(b, pos, len, 0, kind);
            case FieldKind.DST_V6 -> ipv6(b, pos, len, 2, kind);
            case FieldKind.START_NTP, FieldKind.END_NTP -> ntpMillis(kind, b, pos, len);
            case FieldKind.APPLICATION_NAME -> {
                app = appNames.lookup(b, pos, len);
                seen |= 1L << kind;
            }
            default -> number(kind, b, pos, len);
        }
    }

    /** An unsigned value of 0..8 bytes (reduced-size encoding, RFC 7011 §6.2); longer fields are counted. */
    private void number(int kind, byte[] b, int pos, int len) {
        if (len > 8) {
            fieldLength();
            return;
        }
        values[kind] = Bytes.unsigned(b, pos, len);
        seen |= 1L << kind;
    }

    /** An IPv4 address field into {@code v4[slot]} (0 source, 1 destination); other lengths are counted. */
    private void ipv4(byte[] b, int pos, int len, int slot, int kind) {
        if (len == 4) {
            v4[slot] = Bytes.s32(b, pos);
            seen |= 1L << kind;
        } else {
            fieldLength();
        }
    }

    /** An IPv6 address field into {@code v6[slot], v6[slot + 1]} (0 source, 2 destination). */
    private void ipv6(byte[] b, int pos, int len, int slot, int kind) {
        if (len == 16) {
            v6[slot] = Bytes.s64(b, pos);
            v6[slot + 1] = Bytes.s64(b, pos + 8);
            seen |= 1L << kind;
        } else {
            fieldLength();
        }
    }

    /** RFC 7011 §6.1.9/§6.1.10: dateTimeMicro/Nanoseconds are NTP timestamps (seconds since 1900 . fraction). */
    private void ntpMillis(int kind, byte[] b, int pos, int len) {
        if (len != 8) {
            fieldLength();
            return;
        }
        values[kind] = ntpMillis(Bytes.s64(b, pos));
        seen |= 1L << kind;
    }

    /** An NTP timestamp (32-bit seconds, 32-bit fraction) as epoch milliseconds. */
    static long ntpMillis(long ntp) {
        long seconds = ntp >>> 32;
        long fraction = ntp & 0xffff_ffffL;
        return (seconds - NTP_TO_UNIX_SECONDS) * 1000 + ((fraction * 1000) >>> 32);
    }

    private void fieldLength() {
        counters.increment(DecodeCounter.FIELD_LENGTH_UNEXPECTED);
    }

    /** An options record: remembers its sampling interval and system init time for the domain. */
    void applyTo(DomainState domain) {
        long interval = samplingInterval();
        if (interval != NONE) {
            domain.recordSampling(values[FieldKind.SAMPLER_ID], has(FieldKind.SAMPLER_ID), interval);
        }
        if (has(FieldKind.SYSTEM_INIT_MILLIS)) {
            domain.systemInitMillis(values[FieldKind.SYSTEM_INIT_MILLIS]);
        }
    }

    /**
     * Sampling interval said by this record: RFC 5477 random n-out-of-N as samplingPopulation (310) /
     * samplingSize (309); samplingInterval (34) or samplerRandomInterval (50); systematic count-based as
     * (samplingPacketInterval (305) + samplingPacketSpace (306)) / samplingPacketInterval.
     */
    private long samplingInterval() {
        return samplingInterval(has(FieldKind.SAMPLING_POPULATION), get(FieldKind.SAMPLING_POPULATION, 0),
                get(FieldKind.SAMPLING_SIZE, 0), has(FieldKind.SAMPLING_INTERVAL), get(FieldKind.SAMPLING_INTERVAL, 0),
                get(FieldKind.SAMPLING_PACKET_INTERVAL, 0), get(FieldKind.SAMPLING_PACKET_SPACE, 0));
    }

    /** The sampling interval those elements give (absent ones passed as 0), or {@link #NONE}. */
    static long samplingInterval(boolean hasPopulation, long population, long size, boolean hasInterval, long interval,
                                 long packetInterval, long packetSpace) {
        if (hasPopulation && size > 0) {
            return population / size;
        }
        if (hasInterval) {
            return interval;
        }
        if (packetInterval > 0) {
            return (packetInterval + packetSpace) / packetInterval;
        }
        return NONE;
    }

    /** Writes every field of {@code r} (so it needs no reset) from this flow record's fields. */
    void writeTo(FlowRecord r, MessageContext ctx) {
        r.src(addressHi(0, FieldKind.SRC_V4, FieldKind.SRC_V6), addressLo(0, FieldKind.SRC_V4, FieldKind.SRC_V6));
        r.dst(addressHi(1, FieldKind.DST_V4, FieldKind.DST_V6), addressLo(1, FieldKind.DST_V4, FieldKind.DST_V6));
        r.srcPort((int) get(FieldKind.SRC_PORT, 0))
                .dstPort((int) get(FieldKind.DST_PORT, 0))
                .protocol((int) get(FieldKind.PROTOCOL, 0))
                .tcpFlags((int) get(FieldKind.TCP_FLAGS, 0) & 0xff)
                .reverseBytes(get(FieldKind.REVERSE_OCTETS, get(FieldKind.RESPONDER_OCTETS, 0)))
                .reversePackets(get(FieldKind.REVERSE_PACKETS, get(FieldKind.RESPONDER_PACKETS, 0)))
                .app(app);
        // octetDeltaCount, else octetTotalCount, else initiatorOctets (ASA NSEL has only the latter).
        r.bytes(get(FieldKind.OCTETS, get(FieldKind.OCTETS_TOTAL, get(FieldKind.INITIATOR_OCTETS, 0))));
        r.packets(get(FieldKind.PACKETS, get(FieldKind.PACKETS_TOTAL, get(FieldKind.INITIATOR_PACKETS, 0))));
        r.timeStart(time(FieldKind.START_MILLIS, FieldKind.START_NTP, FieldKind.START_SECONDS,
                FieldKind.START_SYSUPTIME, FieldKind.START_DELTA_MICROS, ctx));
        r.timeEnd(time(FieldKind.END_MILLIS, FieldKind.END_NTP, FieldKind.END_SECONDS,
                FieldKind.END_SYSUPTIME, FieldKind.END_DELTA_MICROS, ctx));
        r.action(action());
        r.sourceType(ctx.sourceType);
        r.exporter(ctx.exporterHi, ctx.exporterLo);
        r.observationDomain(ctx.domainId);
        long interval = samplingInterval();
        if (interval == NONE) {
            interval = has(FieldKind.SAMPLER_ID) ? ctx.domain.samplingInterval(values[FieldKind.SAMPLER_ID])
                    : ctx.domain.samplingInterval();
        }
        r.samplingInterval(interval);
    }

    /**
     * Whether the IPv4 address {@code v4[side]} is the one to report: it is, unless it is 0.0.0.0 beside
     * a real IPv6 address (Procera and Cisco templates carry both families).
     */
    private boolean useIpv4(int side, int v4Kind, int v6Kind) {
        return has(v4Kind) && (v4[side] != 0 || !has(v6Kind) || (v6[2 * side] | v6[2 * side + 1]) == 0);
    }

    private long addressHi(int side, int v4Kind, int v6Kind) {
        return useIpv4(side, v4Kind, v6Kind) ? 0 : has(v6Kind) ? v6[2 * side] : 0;
    }

    private long addressLo(int side, int v4Kind, int v6Kind) {
        return useIpv4(side, v4Kind, v6Kind) ? IpAddress.v4Lo(v4[side]) : has(v6Kind) ? v6[2 * side + 1] : 0;
    }

    /**
     * An absolute time from whichever form the record used, the most precise first: milliseconds, NTP
     * micro/nanoseconds, seconds; then sysUpTime-relative (v9 header uptime, or IPFIX
     * systemInitTimeMilliseconds) or a delta in microseconds before export; else the export time.
     */
    private long time(int millis, int ntp, int seconds, int uptimeKind, int deltaMicros, MessageContext ctx) {
        if (has(millis)) {
            return values[millis];
        }
        if (has(ntp)) {
            return values[ntp];
        }
        if (has(seconds)) {
            return values[seconds] * 1000;
        }
        if (has(uptimeKind)) {
            long uptime = values[uptimeKind];
            if (ctx.sysUptimeMillis != MessageContext.NO_UPTIME) {
                return uptimeToMillis(ctx, uptime);
            }
            long init = get(FieldKind.SYSTEM_INIT_MILLIS, ctx.domain.systemInitMillis());
            if (init != Long.MIN_VALUE) {
                return init + uptime;
            }
        }
        if (has(deltaMicros)) {
            return ctx.exportMillis - values[deltaMicros] / 1000;
        }
        return ctx.exportMillis;
    }

    /** RFC 3954 §5.1: header sysUpTime and {@code uptime} are both ms since boot; the signed 32-bit difference survives uptime wrap. */
    static long uptimeToMillis(MessageContext ctx, long uptime) {
        return ctx.exportMillis - (int) (ctx.sysUptimeMillis - uptime);
    }

    private Action action() {
        long firewall = (1L << FieldKind.FORWARDING_STATUS) | (1L << FieldKind.FIREWALL_EVENT) | (1L << FieldKind.FIREWALL_EXT_EVENT);
        if ((seen & firewall) == 0) {
            return Action.UNKNOWN;
        }
        // forwardingStatus is unsigned8 (RFC 7270 §4.12); exporters sending 4 bytes carry it in the low byte.
        return firewallAction(get(FieldKind.FIREWALL_EVENT, -1), get(FieldKind.FIREWALL_EXT_EVENT, -1),
                has(FieldKind.FORWARDING_STATUS) ? values[FieldKind.FORWARDING_STATUS] & 0xff : -1);
    }

    /**
     * DETECTION.md: IE 89 64..127 allowed, 128..191 blocked; IE 233 1/2/5 allowed, 3 blocked; NSEL 33002
     * 1001..1999 denied. Each argument is -1 when the record does not carry it.
     */
    static Action firewallAction(long event, long extEvent, long status) {
        if (event == 3 || (extEvent >= 1001 && extEvent <= 1999) || (status >= 128 && status <= 191)) {
            return Action.BLOCKED;
        }
        if (event == 1 || event == 2 || event == 5 || (status >= 64 && status <= 127)) {
            return Action.ALLOWED;
        }
        return Action.UNKNOWN;
    }
}
