package io.flowsentry.collector.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * One line of a published daily file: the row's JSON with two keys added when the row lacks them,
 * {@code "kind"} (early, window, late) and {@code "row_id"} (the row's stable id), so that the file alone
 * tells a reader which rows it holds ({@code flowsentry detections}, the duplicate check after a restart).
 * DETECTION.md allows further keys; none of its keys is changed.
 */
public final class PublishedLine {

    public static final String ROW_ID = "row_id";
    public static final String KIND = "kind";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PublishedLine() {
    }

    /** The row's JSON with {@code kind} and {@code row_id} appended where absent; no newline. */
    public static String of(PublishedRow row) {
        String json = row.json().strip();
        if (json.length() < 2 || json.charAt(0) != '{' || json.charAt(json.length() - 1) != '}') {
            throw new IllegalArgumentException("row " + row.id() + ": json is not one object: " + abbreviate(json));
        }
        JsonNode parsed = parse(json);
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalArgumentException("row " + row.id() + ": json is not one object: " + abbreviate(json));
        }
        StringBuilder sb = new StringBuilder(json.length() + row.id().length() + 40);
        sb.append(json, 0, json.length() - 1);
        boolean empty = parsed.isEmpty();
        if (!parsed.has(KIND)) {
            sb.append(empty ? "" : ",").append('"').append(KIND).append("\":").append(quote(row.kind()));
            empty = false;
        }
        if (!parsed.has(ROW_ID)) {
            sb.append(empty ? "" : ",").append('"').append(ROW_ID).append("\":").append(quote(row.id()));
        }
        return sb.append('}').toString();
    }

    /** The parsed line, or null when it is not JSON (a torn or foreign line). */
    public static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    private static String quote(String s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
