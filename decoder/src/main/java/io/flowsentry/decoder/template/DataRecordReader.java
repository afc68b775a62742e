package io.flowsentry.decoder.template;

import io.flowsentry.decoder.Bytes;
import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecodeCounters;
import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;

/**
 * Decodes the records of one data set (NetFlow v9 or IPFIX) with a compiled {@link Template}: flow
 * records go to the message's sink, options records update the domain's sampling and system-init time.
 * One reused {@link FlowRecord}; nothing allocated per record.
 */
public final class DataRecordReader {

    /** Seconds from the NTP epoch (1900-01-01) to the Unix epoch: 70 years incl. 17 leap days = 2,208,988,800. */
    static final long NTP_TO_UNIX_SECONDS = 2_208_988_800L;
    private static final long NONE = Long.MIN_VALUE;

    private final FlowRecord record = new FlowRecord();
    private final AppNameCache appNames = new AppNameCache();
    private final DecodeCounters counters;

    // Per-record scratch, reset at the start of every record.
    private int srcV4;
    private int dstV4;
    private boolean hasSrcV4;
    private boolean hasDstV4;
    private long srcV6Hi;
    private long srcV6Lo;
    private long dstV6Hi;
    private long dstV6Lo;
    private boolean hasSrcV6;
    private boolean hasDstV6;
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

    public DataRecordReader(DecodeCounters counters) {
        this.counters = counters;
    }

    /**
     * Decodes every record in {@code b[pos, end)} (a data set's body).
     *
     * @return the number of data records read (IPFIX sequence numbers count them)
     */
    public int readSet(byte[] b, int pos, int setEnd, Template t, MessageContext ctx) {
        if (t.minRecordLength == 0) {
            counters.increment(DecodeCounter.TEMPLATE_ZERO_LENGTH_RECORD);
            return 0;
        }
        int records = 0;
        while (setEnd - pos >= t.minRecordLength) {
            int next = readRecord(b, pos, setEnd, t);
            if (next < 0) {
                counters.increment(DecodeCounter.RECORD_TRUNCATED);
                return records;
            }
            pos = next;
            records++;
            if (t.options) {
                counters.increment(DecodeCounter.OPTIONS_RECORDS);
                applyOptions(ctx.domain);
            } else {
                counters.increment(DecodeCounter.FLOW_RECORDS);
                fill(ctx);
                ctx.sink.accept(record);
            }
        }
        if (pos < setEnd) {
            counters.increment(DecodeCounter.SET_PADDING);
        }
        return records;
    }

    private void resetScratch() {
        hasSrcV4 = false;
        hasDstV4 = false;
        hasSrcV6 = false;
        hasDstV6 = false;
        octets = NONE;
        octetsTotal = NONE;
        initiatorOctets = NONE;
        packets = NONE;
        packetsTotal = NONE;
        initiatorPackets = NONE;
        start = NONE;
        end = NONE;
        startUptime = NONE;
        endUptime = NONE;
        startDelta = NONE;
        endDelta = NONE;
        systemInit = NONE;
        forwardingStatus = -1;
        firewallEvent = -1;
        firewallExtEvent = -1;
        samplingInterval = NONE;
        samplerId = NONE;
        packetInterval = NONE;
        packetSpace = NONE;
        samplingSize = NONE;
        samplingPopulation = NONE;
        record.reset();
    }

    /** Reads one record at {@code pos}; returns the position after it, or -1 if it overruns {@code limit}. */
    private int readRecord(byte[] b, int pos, int limit, Template t) {
        resetScratch();
        FlowRecord r = record;
        int[] kinds = t.kinds;
        int[] lengths = t.lengths;
        for (int i = 0, n = t.opCount; i < n; i++) {
            int len = lengths[i];
            if (len == Template.VARIABLE) {
                // RFC 7011 §7: one length byte, or 255 followed by a 16-bit length.
                if (pos >= limit) {
                    return -1;
                }
                len = b[pos++] & 0xff;
                if (len == 255) {
                    if (pos + 2 > limit) {
                        return -1;
                    }
                    len = Bytes.u16(b, pos);
                    pos += 2;
                }
            }
            if (len > limit - pos) {
                return -1;
            }
            switch (kinds[i]) {
                case FieldKind.SKIP -> { }
                case FieldKind.SRC_V4 -> {
                    if (len == 4) {
                        srcV4 = Bytes.s32(b, pos);
                        hasSrcV4 = true;
                    } else {
                        fieldLength();
                    }
                }
                case FieldKind.DST_V4 -> {
                    if (len == 4) {
                        dstV4 = Bytes.s32(b, pos);
                        hasDstV4 = true;
                    } else {
                        fieldLength();
                    }
                }
                case FieldKind.SRC_V6 -> {
                    if (len == 16) {
                        srcV6Hi = Bytes.s64(b, pos);
                        srcV6Lo = Bytes.s64(b, pos + 8);
                        hasSrcV6 = true;
                    } else {
                        fieldLength();
                    }
                }
                case FieldKind.DST_V6 -> {
                    if (len == 16) {
                        dstV6Hi = Bytes.s64(b, pos);
                        dstV6Lo = Bytes.s64(b, pos + 8);
                        hasDstV6 = true;
                    } else {
                        fieldLength();
                    }
                }
                case FieldKind.SRC_PORT -> r.srcPort((int) uint(b, pos, len));
                case FieldKind.DST_PORT -> r.dstPort((int) uint(b, pos, len));
                case FieldKind.PROTOCOL -> r.protocol((int) uint(b, pos, len));
                case FieldKind.TCP_FLAGS -> r.tcpFlags((int) uint(b, pos, len) & 0xff);
                case FieldKind.OCTETS -> octets = uint(b, pos, len);
                case FieldKind.PACKETS -> packets = uint(b, pos, len);
                case FieldKind.OCTETS_TOTAL -> octetsTotal = uint(b, pos, len);
                case FieldKind.PACKETS_TOTAL -> packetsTotal = uint(b, pos, len);
                case FieldKind.INITIATOR_OCTETS -> initiatorOctets = uint(b, pos, len);
                case FieldKind.INITIATOR_PACKETS -> initiatorPackets = uint(b, pos, len);
                case FieldKind.RESPONDER_OCTETS, FieldKind.REVERSE_OCTETS -> r.reverseBytes(uint(b, pos, len));
                case FieldKind.RESPONDER_PACKETS, FieldKind.REVERSE_PACKETS -> r.reversePackets(uint(b, pos, len));
                case FieldKind.START_SYSUPTIME -> startUptime = uint(b, pos, len);
                case FieldKind.END_SYSUPTIME -> endUptime = uint(b, pos, len);
                case FieldKind.START_SECONDS -> start = uint(b, pos, len) * 1000;
                case FieldKind.END_SECONDS -> end = uint(b, pos, len) * 1000;
                case FieldKind.START_MILLIS -> start = uint(b, pos, len);
                case FieldKind.END_MILLIS -> end = uint(b, pos, len);
                case FieldKind.START_NTP -> start = ntpMillis(b, pos, len);
                case FieldKind.END_NTP -> end = ntpMillis(b, pos, len);
                case FieldKind.START_DELTA_MICROS -> startDelta = uint(b, pos, len);
                case FieldKind.END_DELTA_MICROS -> endDelta = uint(b, pos, len);
                case FieldKind.SYSTEM_INIT_MILLIS -> systemInit = uint(b, pos, len);
                case FieldKind.FORWARDING_STATUS -> forwardingStatus = (int) (uint(b, pos, len) & 0xff);
                case FieldKind.FIREWALL_EVENT -> firewallEvent = (int) uint(b, pos, len);
                case FieldKind.FIREWALL_EXT_EVENT -> firewallExtEvent = (int) uint(b, pos, len);
                case FieldKind.APPLICATION_NAME -> r.app(appNames.lookup(b, pos, len));
                case FieldKind.SAMPLING_INTERVAL -> samplingInterval = uint(b, pos, len);
                case FieldKind.SAMPLER_ID -> samplerId = uint(b, pos, len);
                case FieldKind.SAMPLING_PACKET_INTERVAL -> packetInterval = uint(b, pos, len);
                case FieldKind.SAMPLING_PACKET_SPACE -> packetSpace = uint(b, pos, len);
                case FieldKind.SAMPLING_SIZE -> samplingSize = uint(b, pos, len);
                case FieldKind.SAMPLING_POPULATION -> samplingPopulation = uint(b, pos, len);
                default -> { }
            }
            pos += len;
        }
        return pos;
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
    private long ntpMillis(byte[] b, int pos, int len) {
        if (len != 8) {
            fieldLength();
            return NONE;
        }
        long seconds = Bytes.u32(b, pos);
        long fraction = Bytes.u32(b, pos + 4);
        return (seconds - NTP_TO_UNIX_SECONDS) * 1000 + ((fraction * 1000) >>> 32);
    }

    private void fieldLength() {
        counters.increment(DecodeCounter.FIELD_LENGTH_UNEXPECTED);
    }

    private void applyOptions(DomainState domain) {
        long interval = samplingInterval();
        if (interval != NONE) {
            domain.recordSampling(samplerId, samplerId != NONE, interval);
        }
        if (systemInit != NONE) {
            domain.systemInitMillis(systemInit);
        }
    }

    /**
     * Sampling interval said by this record: RFC 5477 random n-out-of-N as samplingPopulation (310) /
     * samplingSize (309); systematic count-based as (samplingPacketInterval (305) + samplingPacketSpace
     * (306)) / samplingPacketInterval; else samplingInterval (34) or samplerRandomInterval (50).
     */
    private long samplingInterval() {
        if (samplingPopulation != NONE && samplingSize != NONE && samplingSize > 0) {
            return samplingPopulation / samplingSize;
        }
        if (samplingInterval != NONE) {
            return samplingInterval;
        }
        if (packetInterval != NONE && packetInterval > 0) {
            return (packetInterval + (packetSpace == NONE ? 0 : packetSpace)) / packetInterval;
        }
        return NONE;
    }

    private void fill(MessageContext ctx) {
        FlowRecord r = record;
        // Prefer the IPv4 address unless it is 0.0.0.0 beside a real IPv6 one (Procera sends both).
        if (hasSrcV4 && (srcV4 != 0 || !hasSrcV6 || (srcV6Hi | srcV6Lo) == 0)) {
            r.srcIpv4(srcV4);
        } else if (hasSrcV6) {
            r.src(srcV6Hi, srcV6Lo);
        }
        if (hasDstV4 && (dstV4 != 0 || !hasDstV6 || (dstV6Hi | dstV6Lo) == 0)) {
            r.dstIpv4(dstV4);
        } else if (hasDstV6) {
            r.dst(dstV6Hi, dstV6Lo);
        }
        r.bytes(octets != NONE ? octets : octetsTotal != NONE ? octetsTotal : initiatorOctets != NONE ? initiatorOctets : 0);
        r.packets(packets != NONE ? packets : packetsTotal != NONE ? packetsTotal : initiatorPackets != NONE ? initiatorPackets : 0);
        r.timeStart(absolute(start, startUptime, startDelta, ctx));
        r.timeEnd(absolute(end, endUptime, endDelta, ctx));
        r.action(action());
        r.sourceType(ctx.sourceType);
        r.exporter(ctx.exporterHi, ctx.exporterLo);
        r.observationDomain(ctx.domainId);
        long interval = samplingInterval();
        if (interval == NONE) {
            interval = samplerId != NONE ? ctx.domain.samplingInterval(samplerId) : ctx.domain.samplingInterval();
        }
        r.samplingInterval(interval);
    }

    /**
     * An absolute time from whichever form the record used: absolute, sysUpTime-relative (v9 header
     * uptime, or IPFIX systemInitTimeMilliseconds) or a delta before export; else the export time.
     */
    private long absolute(long abs, long uptime, long deltaMicros, MessageContext ctx) {
        if (abs != NONE) {
            return abs;
        }
        if (uptime != NONE) {
            if (ctx.sysUptimeMillis != MessageContext.NO_UPTIME) {
                // RFC 3954 §5.1: both are ms since boot; the signed 32-bit difference survives uptime wrap.
                return ctx.exportMillis - (int) (ctx.sysUptimeMillis - uptime);
            }
            long init = systemInit != NONE ? systemInit : ctx.domain.systemInitMillis();
            if (init != Long.MIN_VALUE) {
                return init + uptime;
            }
        }
        if (deltaMicros != NONE) {
            return ctx.exportMillis - deltaMicros / 1000;
        }
        return ctx.exportMillis;
    }

    /** DETECTION.md: IE 89 64..127 allowed, 128..191 blocked; IE 233 1/2/5 allowed, 3 blocked; NSEL 33002 1001..1999 denied. */
    private Action action() {
        if (firewallEvent == 3 || (firewallExtEvent >= 1001 && firewallExtEvent <= 1999)
                || (forwardingStatus >= 128 && forwardingStatus <= 191)) {
            return Action.BLOCKED;
        }
        if (firewallEvent == 1 || firewallEvent == 2 || firewallEvent == 5
                || (forwardingStatus >= 64 && forwardingStatus <= 127)) {
            return Action.ALLOWED;
        }
        return Action.UNKNOWN;
    }
}
