package io.flowsentry.collector.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One line of a published daily file: the row's JSON with keys added when the row lacks them:
 * {@code "kind"} (early, window, late), {@code "row_id"} (the row's stable id) and {@code "published_at"}
 * (UTC, {@code %Y-%m-%dT%H:%M:%S} like the row's other times), so that the file alone tells a reader which
 * rows it holds and when they were published ({@code flowsentry detections}, the duplicate check after a
 * restart). DETECTION.md allows further keys; none of its keys is changed.
 */
public final class PublishedLine {

    public static final String ROW_ID = "row_id";
    public static final String KIND = "kind";
    public static final String PUBLISHED_AT = "published_at";
    /** The time format of DETECTION.md: {@code %Y-%m-%dT%H:%M:%S}, UTC, no zone. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PublishedLine() {
    }

    /** The row's JSON with {@code kind}, {@code row_id} and {@code published_at} appended where absent; no newline. */
    public static String of(PublishedRow row, Instant publishedAt) {
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
            empty = false;
        }
        if (!parsed.has(PUBLISHED_AT)) {
            sb.append(empty ? "" : ",").append('"').append(PUBLISHED_AT).append("\":\"").append(TIME.format(publishedAt)).append('"');
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
