package io.flowsentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowsentry.collector.publish.PublishedLine;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The table of {@code flowsentry detections}: time, kind, src_ip, dest_ip, dest_port, count, window. */
final class DetectionsTable {

    static final String[] HEADER = {"TIME", "KIND", "SRC_IP", "DEST_IP", "DEST_PORT", "COUNT", "WINDOW"};
    /** A cell listing more values than this shows the first ones and "+N". */
    private static final int MAX_VALUES = 3;

    private DetectionsTable() {
    }

    /** When the row was published ({@code published_at}), else its last flow ({@code end_time}); null if neither parses. */
    static Instant time(JsonNode row) {
        for (String key : new String[] {PublishedLine.PUBLISHED_AT, "end_time"}) {
            String text = row.path(key).asText(null);
            if (text != null) {
                try {
                    return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException ignored) {
                    // try the next key
                }
            }
        }
        return null;
    }

    static void print(PrintWriter out, List<JsonNode> rows) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (JsonNode row : rows) {
            Instant at = time(row);
            cells.add(new String[] {
                    at == null ? "-" : PublishedLine.TIME.format(at),
                    row.path("kind").asText("-"),
                    row.path("src_ip").asText("-"),
                    list(row.path("dest_ip")),
                    list(row.path("dest_port")),
                    row.path("count").asText("-"),
                    window(row)});
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (String[] line : cells) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                sb.append(line[i]);
                if (i < line.length - 1) {
                    sb.append(" ".repeat(widths[i] - line[i].length() + 2));
                }
            }
            out.println(sb);
        }
    }

    private static String list(JsonNode values) {
        if (!values.isArray() || values.isEmpty()) {
            return values.isValueNode() ? values.asText() : "-";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(MAX_VALUES, values.size()); i++) {
            sb.append(i == 0 ? "" : ",").append(values.get(i).asText());
        }
        if (values.size() > MAX_VALUES) {
            sb.append(",+").append(values.size() - MAX_VALUES);
        }
        return sb.toString();
    }

    /** {@code 2026-11-27T10:00:00/11:00:00}, or both times in full when the window spans days. */
    private static String window(JsonNode row) {
        String start = row.path("window_start").asText("");
        String end = row.path("window_end").asText("");
        if (start.isEmpty()) {
            return "-";
        }
        if (end.length() == 19 && start.length() == 19 && start.regionMatches(0, end, 0, 11)) {
            return start + "/" + end.substring(11);
        }
        return start + "/" + end;
    }
}
