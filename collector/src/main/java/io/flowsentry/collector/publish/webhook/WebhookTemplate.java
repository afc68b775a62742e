package io.flowsentry.collector.publish.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.flowsentry.collector.publish.PublishedLine;
import io.flowsentry.collector.publish.PublishedRow;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The body of a webhook request. {@code raw} sends the row's JSON as is; the other templates are JSON
 * texts with placeholders:
 * <ul>
 *   <li>{@code {{field}}}: the value, JSON-string-escaped (no quotes added), so it belongs inside a
 *       string literal. Fields: every top-level key of the row ({@code src_ip}, {@code count}, ...; arrays
 *       are joined with ", "), and {@code id} (the row id), {@code kind}, {@code webhook},
 *       {@code jira_project}, {@code jira_issue_type}, {@code row} (the row's JSON as text). An unknown or
 *       absent field renders as nothing.</li>
 *   <li>{@code {{&field}}}: the value unescaped; {@code {{&row}}} embeds the row as a JSON object.</li>
 * </ul>
 * Shipped: {@code generic}, {@code slack} (incoming-webhook {@code text} + {@code blocks}) and {@code jira}
 * (REST API v2 create-issue, {@code POST /rest/api/2/issue}). A custom template is a file path; it is
 * checked at load by rendering a sample row and parsing the result as JSON.
 */
public final class WebhookTemplate {

    public static final String RAW = "raw";
    public static final Set<String> SHIPPED = Set.of("generic", "slack", "jira");

    private static final String RESOURCE_DIR = "/io/flowsentry/collector/publish/templates/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(&?)([A-Za-z_][A-Za-z0-9_]*)}}");
    private static final String SAMPLE_ROW = "{\"rule_id\":\"1bed7774-304a-4e8f-9d72-d80e45ff492b\","
            + "\"rule_name\":\"Detect Outbound SMB Traffic\",\"src_ip\":\"10.1.2.3\",\"dest_ip\":[\"198.51.100.7\"],"
            + "\"dest_port\":[445],\"count\":1,\"app\":[\"a\\\"b\"]}";

    private final String name;
    private final String text;

    private WebhookTemplate(String name, String text) {
        this.name = name;
        this.text = text;
    }

    /**
     * {@code raw}, a shipped template's name, or a template file's path.
     *
     * @throws IllegalArgumentException when the file cannot be read or does not render to JSON
     */
    public static WebhookTemplate resolve(String template) {
        if (RAW.equals(template)) {
            return new WebhookTemplate(RAW, null);
        }
        if (SHIPPED.contains(template)) {
            try (InputStream in = WebhookTemplate.class.getResourceAsStream(RESOURCE_DIR + template + ".json")) {
                if (in == null) {
                    throw new IllegalStateException("template resource " + RESOURCE_DIR + template + ".json is missing from the jar");
                }
                return new WebhookTemplate(template, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("reading template resource " + template, e);
            }
        }
        Path file = Path.of(template);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("webhook template: cannot read '" + template
                    + "' (expected: raw, generic, slack, jira, or a readable template file): " + e.getMessage(), e);
        }
        WebhookTemplate custom = new WebhookTemplate(file.toString(), text);
        String sample = custom.render(new PublishedRow("sample-id", "window", 0, "10.1.2.3", SAMPLE_ROW), "sample", Map.of());
        if (PublishedLine.parse(sample) == null) {
            throw new IllegalArgumentException("webhook template " + file + ": does not render to JSON (rendered a sample row to: "
                    + (sample.length() > 120 ? sample.substring(0, 120) + "..." : sample) + ")");
        }
        return custom;
    }

    public String name() {
        return name;
    }

    /**
     * The request body for {@code row}.
     *
     * @param extra further fields ({@code jira_project}, {@code jira_issue_type})
     */
    public String render(PublishedRow row, String webhook, Map<String, String> extra) {
        if (text == null) {
            return row.json();
        }
        JsonNode fields = PublishedLine.parse(row.json());
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + row.json().length() * 2);
        while (m.find()) {
            String value = value(m.group(2), row, fields, webhook, extra);
            m.appendReplacement(out, "");
            if (m.group(1).isEmpty()) {
                out.append(JsonStringEncoder.getInstance().quoteAsString(value));
            } else {
                out.append(value);
            }
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String value(String field, PublishedRow row, JsonNode fields, String webhook, Map<String, String> extra) {
        switch (field) {
            case "id":
                return row.id();
            case "row":
                return row.json();
            case "webhook":
                return webhook;
            case "kind":
                return fields != null && fields.hasNonNull("kind") ? fields.get("kind").asText() : row.kind();
            default:
                break;
        }
        if (extra.containsKey(field)) {
            String v = extra.get(field);
            return v == null ? "" : v;
        }
        JsonNode node = fields == null ? null : fields.get(field);
        if (node == null || node.isNull()) {
            return "";
        }
        if (node.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
                JsonNode element = it.next();
                joined.append(element.isValueNode() ? element.asText() : element.toString());
                if (it.hasNext()) {
                    joined.append(", ");
                }
            }
            return joined.toString();
        }
        return node.isValueNode() ? node.asText() : node.toString();
    }

    @Override
    public String toString() {
        return "WebhookTemplate[" + name + "]";
    }
}
