package io.flowsentry.decoder.template;

import io.flowsentry.decoder.Bytes;
import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;

/**
 * A fixed-length flow template resolved once, when it is compiled, into what each field of the
 * {@link FlowRecord} is read from: in a fixed-length record every field sits at the same offset of
 * every record, so which address family, counter form, time form, action and sampling elements the
 * template carries is known before the first record. Decoding a record is then only the reads that
 * feed the flow record, with no presence bits, no per-field dispatch and no intermediate array.
 *
 * <p>The choices are those of {@link RecordFields} (which still decodes options records and records of
 * variable-length templates): a kind present twice keeps its last occurrence, a field of a length its
 * kind cannot have (an address not of 4 or 16 bytes, an NTP time not of 8, a number over 8) is counted
 * in every record and otherwise ignored.
 *
 * <p>A number is held as one {@code int}: the offset of its end in the record times 16 plus its length
 * (0..8); an absent one as 0, which reads as 0. It is read as the 8 bytes that end at its last byte,
 * masked to its length: one load and no branch on the length, which needs {@link #READ_BACK} bytes of
 * the array before the record (any record that follows its message header in the same array has them).
 */
final class FixedRecordPlan {

    /** An absent address or name offset. */
    static final int ABSENT = -1;
    /** An absent number. */
    private static final int NONE = 0;
    /** How far before its record a number read may start: records must start at least this far into the array. */
    static final int READ_BACK = 8;
    /** The mask of a number of {@code n} bytes (0..8), indexed by the low 4 bits of its encoding. */
    private static final long[] MASKS = new long[16];

    static {
        for (int n = 1; n <= 8; n++) {
            MASKS[n] = n == 8 ? -1L : (1L << (8 * n)) - 1;
        }
    }

    /** Time forms, most precise first (the order of {@link RecordFields}' time choice). */
    static final int TIME_MILLIS = 0;
    static final int TIME_NTP = 1;
    static final int TIME_SECONDS = 2;
    static final int TIME_UPTIME = 3;
    static final int TIME_DELTA_MICROS = 4;
    static final int TIME_EXPORT = 5;
    /** The kinds of each time form, indexed by form, for the start and the end of a flow. */
    private static final int[] START_KINDS = {FieldKind.START_MILLIS, FieldKind.START_NTP, FieldKind.START_SECONDS,
            FieldKind.START_SYSUPTIME, FieldKind.START_DELTA_MICROS};
    private static final int[] END_KINDS = {FieldKind.END_MILLIS, FieldKind.END_NTP, FieldKind.END_SECONDS,
            FieldKind.END_SYSUPTIME, FieldKind.END_DELTA_MICROS};
    private static final long FIREWALL_KINDS = 1L << FieldKind.FORWARDING_STATUS | 1L << FieldKind.FIREWALL_EVENT
            | 1L << FieldKind.FIREWALL_EXT_EVENT;
    private static final long SAMPLING_KINDS = 1L << FieldKind.SAMPLING_INTERVAL | 1L << FieldKind.SAMPLER_ID
            | 1L << FieldKind.SAMPLING_PACKET_INTERVAL | 1L << FieldKind.SAMPLING_PACKET_SPACE
            | 1L << FieldKind.SAMPLING_SIZE | 1L << FieldKind.SAMPLING_POPULATION;

    private final int srcV4;
    private final int dstV4;
    private final int srcV6;
    private final int dstV6;
    private final int srcPort;
    private final int dstPort;
    private final int protocol;
    private final int tcpFlags;
    private final int bytes;
    private final int packets;
    private final int reverseBytes;
    private final int reversePackets;
    private final int startForm;
    private final int start;
    private final int startDelta;
    private final int endForm;
    private final int end;
    private final int endDelta;
    private final int systemInit;
    /** Whether any firewall element is present; when not, the action is {@link Action#UNKNOWN}. */
    private final boolean firewall;
    private final int forwardingStatus;
    private final int firewallEvent;
    private final int firewallExtEvent;
    /** Whether any sampling element (or a sampler id) is present; when not, the domain's interval applies. */
    private final boolean sampling;
    private final int samplingInterval;
    private final int samplerId;
    private final int samplingPacketInterval;
    private final int samplingPacketSpace;
    private final int samplingSize;
    private final int samplingPopulation;
    /** Offset of the application name ({@link #ABSENT} if none) and its length. */
    private final int appOffset;
    private final int appLength;
    /** Bit {@code k}: the template carries a number of kind {@code k} (of a length that kind can have). */
    private final long present;
    /** Fields per record whose length their kind cannot have: each record counts them. */
    final int badLengthFields;

    /**
     * Plans the record of a fixed-length template of {@code opCount} operations {@code (kinds[i], lengths[i])}
     * (no {@link Template#VARIABLE} length), laid out in this order from offset 0.
     */
    FixedRecordPlan(int[] kinds, int[] lengths, int opCount) {
        int[] number = new int[FieldKind.COUNT];
        long present = 0;
        int[] address = {ABSENT, ABSENT, ABSENT, ABSENT, ABSENT};
        int app = ABSENT;
        int appLen = 0;
        int bad = 0;
        int offset = 0;
        for (int i = 0; i < opCount; i++) {
            int kind = kinds[i];
            int len = lengths[i];
            switch (kind) {
                case FieldKind.SKIP -> { }
                case FieldKind.SRC_V4, FieldKind.DST_V4 -> {
                    if (len == 4) {
                        address[kind] = offset;
                    } else {
                        bad++;
                    }
                }
                case FieldKind.SRC_V6, FieldKind.DST_V6 -> {
                    if (len == 16) {
                        address[kind] = offset;
                    } else {
                        bad++;
                    }
                }
                case FieldKind.START_NTP, FieldKind.END_NTP -> {
                    if (len == 8) {
                        number[kind] = (offset + len) << 4 | len;
                        present |= 1L << kind;
                    } else {
                        bad++;
                    }
                }
                case FieldKind.APPLICATION_NAME -> {
                    app = offset;
                    appLen = len;
                }
                default -> {
                    if (len <= 8) {
                        number[kind] = (offset + len) << 4 | len;
                        present |= 1L << kind;
                    } else {
                        bad++;
                    }
                }
            }
            offset += len;
        }
        srcV4 = address[FieldKind.SRC_V4];
        dstV4 = address[FieldKind.DST_V4];
        srcV6 = address[FieldKind.SRC_V6];
        dstV6 = address[FieldKind.DST_V6];
        srcPort = number[FieldKind.SRC_PORT];
        dstPort = number[FieldKind.DST_PORT];
        protocol = number[FieldKind.PROTOCOL];
        tcpFlags = number[FieldKind.TCP_FLAGS];
        // octetDeltaCount, else octetTotalCount, else initiatorOctets (ASA NSEL has only the latter).
        bytes = first(number, present, FieldKind.OCTETS, FieldKind.OCTETS_TOTAL, FieldKind.INITIATOR_OCTETS);
        packets = first(number, present, FieldKind.PACKETS, FieldKind.PACKETS_TOTAL, FieldKind.INITIATOR_PACKETS);
        reverseBytes = first(number, present, FieldKind.REVERSE_OCTETS, FieldKind.RESPONDER_OCTETS);
        reversePackets = first(number, present, FieldKind.REVERSE_PACKETS, FieldKind.RESPONDER_PACKETS);
        startForm = timeForm(present, START_KINDS);
        start = startForm == TIME_EXPORT ? NONE : number[START_KINDS[startForm]];
        startDelta = number[FieldKind.START_DELTA_MICROS];
        endForm = timeForm(present, END_KINDS);
        end = endForm == TIME_EXPORT ? NONE : number[END_KINDS[endForm]];
        endDelta = number[FieldKind.END_DELTA_MICROS];
        systemInit = number[FieldKind.SYSTEM_INIT_MILLIS];
        forwardingStatus = number[FieldKind.FORWARDING_STATUS];
        firewallEvent = number[FieldKind.FIREWALL_EVENT];
        firewallExtEvent = number[FieldKind.FIREWALL_EXT_EVENT];
        firewall = (present & FIREWALL_KINDS) != 0;
        samplingInterval = number[FieldKind.SAMPLING_INTERVAL];
        samplerId = number[FieldKind.SAMPLER_ID];
        samplingPacketInterval = number[FieldKind.SAMPLING_PACKET_INTERVAL];
        samplingPacketSpace = number[FieldKind.SAMPLING_PACKET_SPACE];
        samplingSize = number[FieldKind.SAMPLING_SIZE];
        samplingPopulation = number[FieldKind.SAMPLING_POPULATION];
        sampling = (present & SAMPLING_KINDS) != 0;
        this.present = present;
        appOffset = app;
        appLength = appLen;
        badLengthFields = bad;
    }

    /** The first of {@code kinds} the template carries, or {@link #NONE}. */
    private static int first(int[] number, long present, int... kinds) {
        for (int kind : kinds) {
            if ((present & 1L << kind) != 0) {
                return number[kind];
            }
        }
        return NONE;
    }

    /** The index in {@code kinds} (a {@code TIME_*} form) of the first kind the template carries, else {@link #TIME_EXPORT}. */
    private static int timeForm(long present, int[] kinds) {
        for (int form = 0; form < kinds.length; form++) {
            if ((present & 1L << kinds[form]) != 0) {
                return form;
            }
        }
        return TIME_EXPORT;
    }

    private boolean has(int kind) {
        return (present & 1L << kind) != 0;
    }

    /** The unsigned number {@code field} of the record at {@code pos}, 0 when the template has none. */
    private static long read(byte[] b, int pos, int field) {
        return Bytes.s64(b, pos + (field >>> 4) - READ_BACK) & MASKS[field & 15];
    }

    /**
     * Writes every field of {@code r} (so it needs no reset) from the record at {@code b[pos, pos + record
     * length)}, which the caller checked is all there.
     */
    void writeTo(FlowRecord r, byte[] b, int pos, MessageContext ctx, AppNameCache appNames) {
        address(r, b, pos, srcV4, srcV6, true);
        address(r, b, pos, dstV4, dstV6, false);
        r.srcPort((int) read(b, pos, srcPort))
                .dstPort((int) read(b, pos, dstPort))
                .protocol((int) read(b, pos, protocol))
                .tcpFlags((int) read(b, pos, tcpFlags) & 0xff)
                .bytes(read(b, pos, bytes))
                .packets(read(b, pos, packets))
                .reverseBytes(read(b, pos, reverseBytes))
                .reversePackets(read(b, pos, reversePackets))
                .app(appOffset == ABSENT ? null : appNames.lookup(b, pos + appOffset, appLength))
                .timeStart(time(b, pos, startForm, start, startDelta, ctx))
                .timeEnd(time(b, pos, endForm, end, endDelta, ctx))
                .action(firewall ? action(b, pos) : Action.UNKNOWN)
                .sourceType(ctx.sourceType)
                .exporter(ctx.exporterHi, ctx.exporterLo)
                .observationDomain(ctx.domainId)
                .samplingInterval(sampling ? samplingInterval(b, pos, ctx.domain) : ctx.domain.samplingInterval());
    }

    /**
     * One side's address: the IPv4 one unless it is 0.0.0.0 beside a real IPv6 address (Procera and
     * Cisco templates carry both families), else the IPv6 one, else none (::).
     */
    private static void address(FlowRecord r, byte[] b, int pos, int v4Offset, int v6Offset, boolean source) {
        int v4 = v4Offset == ABSENT ? 0 : Bytes.s32(b, pos + v4Offset);
        long hi = v6Offset == ABSENT ? 0 : Bytes.s64(b, pos + v6Offset);
        long lo = v6Offset == ABSENT ? 0 : Bytes.s64(b, pos + v6Offset + 8);
        if (v4Offset != ABSENT && (v4 != 0 || (hi | lo) == 0)) {
            hi = 0;
            lo = IpAddress.v4Lo(v4);
        }
        if (source) {
            r.src(hi, lo);
        } else {
            r.dst(hi, lo);
        }
    }

    /** The time of one side (start or end) in the form the template carries; see {@link RecordFields}. */
    private long time(byte[] b, int pos, int form, int field, int deltaField, MessageContext ctx) {
        switch (form) {
            case TIME_MILLIS:
                return read(b, pos, field);
            case TIME_NTP:
                return RecordFields.ntpMillis(read(b, pos, field));
            case TIME_SECONDS:
                return read(b, pos, field) * 1000;
            case TIME_UPTIME:
                long uptime = read(b, pos, field);
                if (ctx.sysUptimeMillis != MessageContext.NO_UPTIME) {
                    return RecordFields.uptimeToMillis(ctx, uptime);
                }
                long init = has(FieldKind.SYSTEM_INIT_MILLIS) ? read(b, pos, systemInit) : ctx.domain.systemInitMillis();
                if (init != Long.MIN_VALUE) {
                    return init + uptime;
                }
                break;
            default:
                break;
        }
        // An absent delta reads as 0: the export time.
        return ctx.exportMillis - read(b, pos, deltaField) / 1000;
    }

    private Action action(byte[] b, int pos) {
        return RecordFields.firewallAction(
                has(FieldKind.FIREWALL_EVENT) ? read(b, pos, firewallEvent) : -1,
                has(FieldKind.FIREWALL_EXT_EVENT) ? read(b, pos, firewallExtEvent) : -1,
                has(FieldKind.FORWARDING_STATUS) ? read(b, pos, forwardingStatus) & 0xff : -1);
    }

    private long samplingInterval(byte[] b, int pos, DomainState domain) {
        long interval = RecordFields.samplingInterval(has(FieldKind.SAMPLING_POPULATION), read(b, pos, samplingPopulation),
                read(b, pos, samplingSize), has(FieldKind.SAMPLING_INTERVAL), read(b, pos, samplingInterval),
                read(b, pos, samplingPacketInterval), read(b, pos, samplingPacketSpace));
        if (interval != RecordFields.NONE) {
            return interval;
        }
        return has(FieldKind.SAMPLER_ID) ? domain.samplingInterval(read(b, pos, samplerId)) : domain.samplingInterval();
    }
}
