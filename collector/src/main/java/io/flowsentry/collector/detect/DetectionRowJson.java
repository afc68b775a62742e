package io.flowsentry.collector.detect;

import io.flowsentry.flow.FlowRecordJson;
import io.flowsentry.store.aggregate.SourceAggregate;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The output row of ../shared/docs/DETECTION.md ("The output row"): the contract keys in their order
 *
 * <pre>
 * rule_id, rule_name, window_start, window_end, src_ip, start_time, end_time, action, app, dest_ip,
 * dest_port, sourcetype, count, risk_score, risk_object, mitre_attack
 * </pre>
 *
 * then flowsentry's own: {@code kind, profile, bytes, packets, truncated, dest_ip_overflow,
 * dest_port_overflow, dest_ip_estimate, dest_port_estimate}. Value lists are sorted as strings by byte
 * order, as Splunk's {@code values()} does ({@code 1445} before {@code 445}); times are UTC
 * {@code %Y-%m-%dT%H:%M:%S}, truncated to the second.
 */
public final class DetectionRowJson {

    public static final String RULE_ID = "1bed7774-304a-4e8f-9d72-d80e45ff492b";
    public static final String RULE_NAME = "Detect Outbound SMB Traffic";
    /** Impact 50 x confidence 50 / 100 (ESCU version 3). */
    public static final int RISK_SCORE = 25;

    private static final DateTimeFormatter SPLUNK_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /**
     * UTF-8 byte order is code point order, which differs from {@link String#compareTo} (UTF-16 units)
     * only above U+FFFF; comparing code points gives byte order for every string.
     */
    public static final Comparator<String> BYTE_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private DetectionRowJson() {
    }

    public static String toJson(SourceAggregate a, long windowMillis, RowKind kind, DetectionProfile profile) {
        StringBuilder sb = new StringBuilder(512);
        sb.append("{\"rule_id\":\"").append(RULE_ID).append('"');
        sb.append(",\"rule_name\":\"").append(RULE_NAME).append('"');
        appendTime(sb, "window_start", a.windowStart());
        appendTime(sb, "window_end", a.windowStart() + windowMillis);
        sb.append(",\"src_ip\":\"").append(a.srcIp()).append('"');
        appendTime(sb, "start_time", a.firstTime());
        appendTime(sb, "end_time", a.lastTime());
        appendStrings(sb, "action", a.actions());
        appendStrings(sb, "app", a.apps());
        appendStrings(sb, "dest_ip", a.destIps());
        appendPorts(sb, a.destPorts());
        appendStrings(sb, "sourcetype", a.sourceTypes());
        sb.append(",\"count\":").append(a.count());
        sb.append(",\"risk_score\":").append(RISK_SCORE);
        sb.append(",\"risk_object\":\"src_ip\"");
        sb.append(",\"mitre_attack\":[\"T1071.002\",\"T1071\"]");
        sb.append(",\"kind\":\"").append(kind.text()).append('"');
        sb.append(",\"profile\":\"").append(profile.text()).append('"');
        sb.append(",\"bytes\":").append(a.bytes());
        sb.append(",\"packets\":").append(a.packets());
        sb.append(",\"truncated\":").append(a.truncated());
        sb.append(",\"dest_ip_overflow\":").append(a.destIpsOverflow());
        sb.append(",\"dest_port_overflow\":").append(a.destPortsOverflow());
        sb.append(",\"dest_ip_estimate\":").append(a.destIpsEstimate());
        sb.append(",\"dest_port_estimate\":").append(a.destPortsEstimate());
        sb.append('}');
        return sb.toString();
    }

    /** {@code epochMillis} as {@code %Y-%m-%dT%H:%M:%S} UTC, the fraction dropped (floored). */
    public static String formatTime(long epochMillis) {
        return appendTime(new StringBuilder(19), epochMillis).toString();
    }

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z in epoch seconds: the years written with four digits. */
    private static final long FOUR_DIGIT_YEARS_FROM = -62_167_219_200L;
    private static final long FOUR_DIGIT_YEARS_UNTIL = 253_402_300_800L;

    /**
     * Appends {@link #formatTime}'s text: by arithmetic on the epoch day and second of the day
     * ({@link LocalDate#ofEpochDay}) for years 0 to 9999, through the formatter (which writes a sign and
     * more digits) outside them. A row has four times; the formatter took about a microsecond each.
     */
    static StringBuilder appendTime(StringBuilder sb, long epochMillis) {
        long secs = Math.floorDiv(epochMillis, 1000L);
        if (secs < FOUR_DIGIT_YEARS_FROM || secs >= FOUR_DIGIT_YEARS_UNTIL) {
            return sb.append(SPLUNK_TIME.format(Instant.ofEpochSecond(secs)));
        }
        LocalDate day = LocalDate.ofEpochDay(Math.floorDiv(secs, 86_400L));
        int second = (int) Math.floorMod(secs, 86_400L);
        digits(sb, day.getYear(), 4).append('-');
        digits(sb, day.getMonthValue(), 2).append('-');
        digits(sb, day.getDayOfMonth(), 2).append('T');
        digits(sb, second / 3600, 2).append(':');
        digits(sb, second / 60 % 60, 2).append(':');
        return digits(sb, second % 60, 2);
    }

    private static StringBuilder digits(StringBuilder sb, int value, int width) {
        for (int div = width == 4 ? 1000 : 10; div > 0; div /= 10) {
            sb.append((char) ('0' + value / div % 10));
        }
        return sb;
    }

    private static void appendTime(StringBuilder sb, String key, long epochMillis) {
        appendTime(sb.append(",\"").append(key).append("\":\""), epochMillis).append('"');
    }

    private static void appendStrings(StringBuilder sb, String key, List<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(BYTE_ORDER);
        sb.append(",\"").append(key).append("\":[");
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            FlowRecordJson.appendString(sb, sorted.get(i));
        }
        sb.append(']');
    }

    /** Port numbers, written as numbers, in the text order of their decimal form ({@code 139, 1445, 445}). */
    private static void appendPorts(StringBuilder sb, List<Integer> ports) {
        List<String> sorted = new ArrayList<>(ports.size());
        for (Integer p : ports) {
            sorted.add(Integer.toString(p));
        }
        sorted.sort(BYTE_ORDER);
        sb.append(",\"dest_port\":[").append(String.join(",", sorted)).append(']');
    }
}
