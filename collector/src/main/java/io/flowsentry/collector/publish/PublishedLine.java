package io.flowsentry.collector.publish;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
    /** Bits of {@link #topLevelKeys}: the object has a key; it has each key this class adds. */
    private static final int HAS_ANY = 1;
    private static final int HAS_KIND = 2;
    private static final int HAS_ROW_ID = 4;
    private static final int HAS_PUBLISHED_AT = 8;

    private PublishedLine() {
    }

    /**
     * The row's JSON with {@code kind}, {@code row_id} and {@code published_at} appended where absent; no
     * newline. The row's JSON is checked to be exactly one object by a streaming pass over its tokens that
     * notes the top-level keys (no tree is built: an early-row burst of 100,000 rows spent 8% of the
     * detection thread in a tree parse here).
     */
    public static String of(PublishedRow row, Instant publishedAt) {
        StringBuilder sb = new StringBuilder(row.json().length() + row.id().length() + 64);
        return appendTo(sb, row, publishedAt(publishedAt)).toString();
    }

    /** {@code published_at}'s text for an instant; a batch of rows formats it once. */
    public static String publishedAt(Instant publishedAt) {
        return TIME.format(publishedAt);
    }

    /**
     * Appends the line of {@link #of} to {@code sb}, with {@code publishedAt} from {@link #publishedAt};
     * when the row is refused, nothing is appended.
     */
    public static StringBuilder appendTo(StringBuilder sb, PublishedRow row, String publishedAt) {
        String json = row.json().strip();
        if (json.length() < 2 || json.charAt(0) != '{' || json.charAt(json.length() - 1) != '}') {
            throw new IllegalArgumentException("row " + row.id() + ": json is not one object: " + abbreviate(json));
        }
        int keys = topLevelKeys(json);
        if (keys < 0) {
            throw new IllegalArgumentException("row " + row.id() + ": json is not one object: " + abbreviate(json));
        }
        sb.append(json, 0, json.length() - 1);
        boolean empty = (keys & HAS_ANY) == 0;
        if ((keys & HAS_KIND) == 0) {
            sb.append(empty ? "" : ",").append('"').append(KIND).append("\":");
            quote(sb, row.kind());
            empty = false;
        }
        if ((keys & HAS_ROW_ID) == 0) {
            sb.append(empty ? "" : ",").append('"').append(ROW_ID).append("\":");
            quote(sb, row.id());
            empty = false;
        }
        if ((keys & HAS_PUBLISHED_AT) == 0) {
            sb.append(empty ? "" : ",").append('"').append(PUBLISHED_AT).append("\":\"").append(publishedAt).append('"');
        }
        return sb.append('}');
    }

    /**
     * Which of the keys this class adds the object {@code json} already has ({@code HAS_*} bits), or -1 when
     * {@code json} is not exactly one JSON object (malformed, or followed by more tokens).
     */
    private static int topLevelKeys(String json) {
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return -1;
            }
            int keys = 0;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                keys |= HAS_ANY | (KIND.equals(name) ? HAS_KIND : 0) | (ROW_ID.equals(name) ? HAS_ROW_ID : 0)
                        | (PUBLISHED_AT.equals(name) ? HAS_PUBLISHED_AT : 0);
                p.nextToken();
                p.skipChildren(); // still tokenized, so still checked
            }
            return t == JsonToken.END_OBJECT && p.nextToken() == null ? keys : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The parsed line, or null when it is not JSON (a torn or foreign line). */
    public static JsonNode parse(String line) {
        try {
            return MAPPER.readTree(line);
        } catch (IOException e) {
            return null;
        }
    }

    /** {@code s} as a JSON string (RFC 8259 section 7 escapes), appended to {@code sb}. */
    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
        sb.append('"');
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
