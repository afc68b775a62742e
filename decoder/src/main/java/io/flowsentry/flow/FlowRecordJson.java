package io.flowsentry.flow;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JSON form of a flow record printed by {@code flowsentry decode}: a public contract. Keys may be
 * added, never renamed or dropped:
 * {@code time_start, time_end, src_ip, dest_ip, src_port, dest_port, transport, bytes, packets,
 * tcp_flags, action, app, sourcetype, exporter, observation_domain, sampling_interval}.
 * Times are ISO 8601 UTC with milliseconds; {@code transport} is the protocol number; {@code app} is
 * {@code null} when absent; {@code exporter} is {@code null} for sources that have none (Zeek).
 */
public final class FlowRecordJson {

    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FlowRecordJson() {
    }

    public static String toJson(FlowRecord r) {
        StringBuilder sb = new StringBuilder(384);
        appendJson(sb, r);
        return sb.toString();
    }

    public static void appendJson(StringBuilder sb, FlowRecord r) {
        sb.append("{\"time_start\":\"");
        appendIsoMillis(sb, r.timeStart());
        sb.append("\",\"time_end\":\"");
        appendIsoMillis(sb, r.timeEnd());
        sb.append("\",\"src_ip\":\"");
        IpAddress.appendTo(sb, r.srcHi(), r.srcLo());
        sb.append("\",\"dest_ip\":\"");
        IpAddress.appendTo(sb, r.dstHi(), r.dstLo());
        sb.append("\",\"src_port\":").append(r.srcPort());
        sb.append(",\"dest_port\":").append(r.dstPort());
        sb.append(",\"transport\":").append(r.protocol());
        sb.append(",\"bytes\":").append(r.bytes());
        sb.append(",\"packets\":").append(r.packets());
        sb.append(",\"tcp_flags\":").append(r.tcpFlags());
        sb.append(",\"action\":\"").append(r.action().text()).append('"');
        sb.append(",\"app\":");
        if (r.app() == null) {
            sb.append("null");
        } else {
            appendString(sb, r.app());
        }
        sb.append(",\"sourcetype\":");
        if (r.sourceType() == null) {
            sb.append("null");
        } else {
            sb.append('"').append(r.sourceType().text()).append('"');
        }
        sb.append(",\"exporter\":");
        if (r.exporterHi() == 0 && r.exporterLo() == 0) {
            sb.append("null");
        } else {
            sb.append('"');
            IpAddress.appendTo(sb, r.exporterHi(), r.exporterLo());
            sb.append('"');
        }
        sb.append(",\"observation_domain\":").append(r.observationDomain());
        sb.append(",\"sampling_interval\":").append(r.samplingInterval());
        if (r.reverseBytes() != 0 || r.reversePackets() != 0) {
            sb.append(",\"reverse_bytes\":").append(r.reverseBytes());
            sb.append(",\"reverse_packets\":").append(r.reversePackets());
        }
        sb.append('}');
    }

    public static void appendIsoMillis(StringBuilder sb, long epochMillis) {
        ISO_MILLIS.formatTo(Instant.ofEpochMilli(epochMillis), sb);
    }

    /** Appends {@code s} as a JSON string literal (RFC 8259 §7 escapes). */
    public static void appendString(StringBuilder sb, CharSequence s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
