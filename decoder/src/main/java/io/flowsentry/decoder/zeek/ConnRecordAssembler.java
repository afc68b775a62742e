package io.flowsentry.decoder.zeek;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;

/**
 * Turns one line's column values into the reusable {@link FlowRecord}, the same way for TSV and JSON
 * (the mapping of ../shared/docs/DETECTION.md):
 * <ul>
 * <li>{@code ts} → time start; {@code ts + duration} → time end ({@code duration} unset: end = start);
 * <li>{@code id.orig_h/p} → source, {@code id.resp_h/p} → destination;
 * <li>{@code proto} {@code tcp}/{@code udp}/{@code icmp} → 6/17/1, ICMP between IPv6 hosts → 58;
 *     any other {@code proto} (Zeek's {@code unknown_transport}) → {@code ip_proto} where logged, else 0;
 * <li>{@code service} → app as written ({@code gssapi,smb}), unset or empty → {@code null};
 * <li>{@code conn_state} → action: {@code REJ} blocked; {@code S0}, {@code RSTOS0}, {@code RSTRH},
 *     {@code SH}, {@code SHR} dropped; any other state allowed; unset unknown;
 * <li>bytes: {@code orig_ip_bytes} (and {@code resp_ip_bytes} for the reverse direction), falling back to
 *     {@code orig_bytes}/{@code resp_bytes} where the IP-level column is absent or unset. Zeek documents
 *     {@code orig_bytes} as payload bytes "taken from sequence numbers [that] might be inaccurate", unset
 *     for connections without them, while {@code orig_ip_bytes} is "IP level bytes ... taken from the
 *     IP total_length header field": the unit NetFlow's and IPFIX's octet counters use, so one
 *     {@code bytes} means the same thing whatever the source;
 * <li>{@code orig_pkts}/{@code resp_pkts} → packets / reverse packets.
 * </ul>
 * Call {@link #begin}, then {@link #column} per value (unset values are simply not passed), then
 * {@link #finish}.
 */
final class ConnRecordAssembler {

    private static final long STATE_REJ = ZeekValues.shortKey("REJ");
    private static final long STATE_S0 = ZeekValues.shortKey("S0");
    private static final long STATE_RSTOS0 = ZeekValues.shortKey("RSTOS0");
    private static final long STATE_RSTRH = ZeekValues.shortKey("RSTRH");
    private static final long STATE_SH = ZeekValues.shortKey("SH");
    private static final long STATE_SHR = ZeekValues.shortKey("SHR");
    private static final long PROTO_TCP = ZeekValues.shortKey("tcp");
    private static final long PROTO_UDP = ZeekValues.shortKey("udp");
    private static final long PROTO_ICMP = ZeekValues.shortKey("icmp");

    private static final int PROTO_NAME_ICMP = 1;

    private final FlowRecord record;
    private final long[] address = new long[2];
    private final AddressBytes addresses = new AddressBytes();
    private final ServiceNames services = new ServiceNames();

    private int seen;
    private long tsMicros;
    private long durationMicros;
    private int protoByName;
    private long ipProto;
    private long origBytes;
    private long respBytes;
    private long origIpBytes;
    private long respIpBytes;
    /** The column that failed, for the log line. */
    private ZeekColumn failedColumn;

    ConnRecordAssembler(FlowRecord record) {
        this.record = record;
    }

    FlowRecord record() {
        return record;
    }

    ZeekColumn failedColumn() {
        return failedColumn;
    }

    void begin() {
        record.reset();
        seen = 0;
        tsMicros = -1;
        durationMicros = -1;
        protoByName = -1;
        ipProto = -1;
        origBytes = -1;
        respBytes = -1;
        origIpBytes = -1;
        respIpBytes = -1;
        failedColumn = null;
    }

    /**
     * Takes the set value {@code buf[from, to)} of {@code column}.
     *
     * @return {@code null} when it parsed, else why the line is bad
     */
    BadLine column(ZeekColumn column, byte[] buf, int from, int to) {
        seen |= column.bit();
        BadLine bad = parse(column, buf, from, to);
        if (bad != null) {
            failedColumn = column;
        }
        return bad;
    }

    private BadLine parse(ZeekColumn column, byte[] buf, int from, int to) {
        switch (column) {
            case TS -> {
                tsMicros = ZeekValues.timeMicros(buf, from, to);
                return tsMicros < 0 ? BadLine.BAD_TIME : null;
            }
            case DURATION -> {
                durationMicros = ZeekValues.decimalMicros(buf, from, to);
                return durationMicros < 0 ? BadLine.BAD_NUMBER : null;
            }
            case ORIG_H, RESP_H -> {
                if (!addresses.parse(buf, from, to, address)) {
                    return BadLine.BAD_ADDRESS;
                }
                if (column == ZeekColumn.ORIG_H) {
                    record.src(address[0], address[1]);
                } else {
                    record.dst(address[0], address[1]);
                }
                return null;
            }
            case ORIG_P, RESP_P -> {
                int port = ZeekValues.port(buf, from, to);
                if (port < 0) {
                    return BadLine.BAD_PORT;
                }
                if (column == ZeekColumn.ORIG_P) {
                    record.srcPort(port);
                } else {
                    record.dstPort(port);
                }
                return null;
            }
            case PROTO -> {
                protoByName = protoNumber(buf, from, to);
                return null;
            }
            case SERVICE -> {
                record.app(services.intern(buf, from, to));
                return null;
            }
            case CONN_STATE -> {
                record.action(action(buf, from, to));
                return null;
            }
            default -> {
                return count(column, ZeekValues.unsigned(buf, from, to));
            }
        }
    }

    private BadLine count(ZeekColumn column, long v) {
        if (v < 0) {
            return BadLine.BAD_NUMBER;
        }
        switch (column) {
            case ORIG_BYTES -> origBytes = v;
            case RESP_BYTES -> respBytes = v;
            case ORIG_IP_BYTES -> origIpBytes = v;
            case RESP_IP_BYTES -> respIpBytes = v;
            case ORIG_PKTS -> record.packets(v);
            case RESP_PKTS -> record.reversePackets(v);
            case IP_PROTO -> ipProto = v;
            default -> throw new IllegalStateException("unmapped column " + column);
        }
        return null;
    }

    /**
     * Completes the record after the line's last column.
     *
     * @return {@code null} when the record is ready, else {@link BadLine#MISSING_REQUIRED_FIELD}
     */
    BadLine finish(SourceType sourceType) {
        if ((seen & ZeekColumn.REQUIRED) != ZeekColumn.REQUIRED || tsMicros < 0) {
            return BadLine.MISSING_REQUIRED_FIELD;
        }
        long startMillis = Math.floorDiv(tsMicros, 1_000);
        long endMicros = durationMicros < 0 ? tsMicros : tsMicros + durationMicros;
        record.timeStart(startMillis).timeEnd(Math.floorDiv(endMicros, 1_000));
        record.protocol(protocol());
        record.bytes(origIpBytes >= 0 ? origIpBytes : Math.max(origBytes, 0));
        record.reverseBytes(respIpBytes >= 0 ? respIpBytes : Math.max(respBytes, 0));
        record.sourceType(sourceType);
        return null;
    }

    private int protocol() {
        if (protoByName == PROTO_NAME_ICMP) {
            boolean v6 = !IpAddress.isIpv4(record.srcHi(), record.srcLo()) || !IpAddress.isIpv4(record.dstHi(), record.dstLo());
            return v6 ? 58 : 1;
        }
        if (protoByName > 0) {
            return protoByName;
        }
        return ipProto >= 0 && ipProto <= 255 ? (int) ipProto : 0;
    }

    private static int protoNumber(byte[] buf, int from, int to) {
        long key = ZeekValues.shortKey(buf, from, to);
        if (key == PROTO_TCP) {
            return 6;
        }
        if (key == PROTO_UDP) {
            return 17;
        }
        if (key == PROTO_ICMP) {
            return PROTO_NAME_ICMP;
        }
        return 0;
    }

    static Action action(byte[] buf, int from, int to) {
        long key = ZeekValues.shortKey(buf, from, to);
        if (key == STATE_REJ) {
            return Action.BLOCKED;
        }
        if (key == STATE_S0 || key == STATE_SH || key == STATE_SHR || key == STATE_RSTRH || key == STATE_RSTOS0) {
            return Action.DROPPED;
        }
        return Action.ALLOWED;
    }
}
