package io.flowsentry.collector.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A YAML mapping being read into typed values, with its path for messages ({@code detection.early},
 * {@code publish.webhooks[0]}). Every failure is a {@link ConfigException} naming the key and the value.
 * A key that is absent or {@code null} takes the default passed in.
 */
final class ConfigNode {

    private final JsonNode node;
    private final String path;

    private ConfigNode(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The mapping at {@code path}; fails unless it is a mapping whose keys are all in {@code known}. */
    static ConfigNode mapping(JsonNode node, String path, Set<String> known) {
        if (!node.isObject()) {
            throw new ConfigException(label(path) + "expected a mapping of keys, found " + describe(node));
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                throw new ConfigException(join(path, key) + ": unknown key (known here: "
                        + String.join(", ", known) + ")");
            }
        }
        return new ConfigNode(node, path);
    }

    String pathOf(String key) {
        return join(path, key);
    }

    boolean isSet(String key) {
        JsonNode v = node.get(key);
        return v != null && !v.isNull();
    }

    /** True when the key is written with the value {@code null} (or {@code ~}, or nothing). */
    boolean isExplicitNull(String key) {
        JsonNode v = node.get(key);
        return v != null && v.isNull();
    }

    /** The sub-mapping at {@code key}, or {@code null} when absent. */
    ConfigNode child(String key, Set<String> known) {
        return isSet(key) ? mapping(node.get(key), pathOf(key), known) : null;
    }

    String text(String key, String fallback) {
        if (!isSet(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isValueNode() || v.isBoolean()) {
            throw new ConfigException(pathOf(key) + ": expected text, found " + describe(v));
        }
        return v.asText();
    }

    boolean bool(String key, boolean fallback) {
        if (!isSet(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isBoolean()) {
            throw new ConfigException(pathOf(key) + ": " + describe(v) + " is not true or false");
        }
        return v.booleanValue();
    }

    long integer(String key, long fallback, long min, long max) {
        if (!isSet(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < min || v.longValue() > max) {
            throw new ConfigException(pathOf(key) + ": " + describe(v) + " is not a whole number in "
                    + min + "-" + max);
        }
        return v.longValue();
    }

    /** A size ({@code 32MiB}) or a plain number of bytes, within {@code min..max} bytes. */
    long size(String key, long fallback, long min, long max) {
        if (!isSet(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        long bytes = v.isIntegralNumber() && v.canConvertToLong() ? v.longValue()
                : parse(key, scalarText(key, v), Units::parseSize);
        if (bytes < min || bytes > max) {
            throw new ConfigException(pathOf(key) + ": '" + v.asText() + "' is out of range (" + min + "-" + max
                    + " bytes)");
        }
        return bytes;
    }

    /** A duration ({@code 250ms}, {@code 10m}, {@code 8h}) within {@code min..max}. */
    Duration duration(String key, Duration fallback, Duration min, Duration max) {
        if (!isSet(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        Duration d = parse(key, scalarText(key, v), Units::parseDuration);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(pathOf(key) + ": '" + v.asText() + "' is out of range ("
                    + Units.formatDuration(min) + " to " + Units.formatDuration(max) + ")");
        }
        return d;
    }

    Path path(String key, Path fallback) {
        String t = text(key, null);
        if (t == null) {
            return fallback;
        }
        if (t.isBlank() || t.indexOf('\0') >= 0) {
            throw new ConfigException(pathOf(key) + ": '" + t + "' is not a path");
        }
        return Path.of(t);
    }

    private String scalarText(String key, JsonNode v) {
        if (!v.isValueNode() || v.isBoolean()) {
            throw new ConfigException(pathOf(key) + ": expected text, found " + describe(v));
        }
        return v.asText();
    }

    /** Parses text with {@code parser}, turning its IllegalArgumentException into a keyed message. */
    <T> T parse(String key, String text, Function<String, T> parser) {
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(pathOf(key) + ": " + e.getMessage(), e);
        }
    }

    /** The text at {@code key} parsed with {@code parser}, or {@code fallback} when absent. */
    <T> T parsed(String key, T fallback, Function<String, T> parser) {
        String t = text(key, null);
        return t == null ? fallback : parse(key, t, parser);
    }

    /** Each element of the sequence at {@code key}, with its path ({@code key[i]}); empty when absent. */
    List<Element> list(String key) {
        if (!isSet(key)) {
            return List.of();
        }
        JsonNode v = node.get(key);
        if (!v.isArray()) {
            throw new ConfigException(pathOf(key) + ": expected a list, found " + describe(v));
        }
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(new Element(v.get(i), pathOf(key) + "[" + i + "]"));
        }
        return out;
    }

    /** A list of scalars, each parsed with {@code parser}. */
    <T> List<T> scalars(String key, Function<String, T> parser) {
        List<T> out = new ArrayList<>();
        for (Element e : list(key)) {
            out.add(e.scalar(parser));
        }
        return out;
    }

    /** A mapping of text to text ({@code headers}). */
    Map<String, String> textMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!isSet(key)) {
            return out;
        }
        JsonNode v = node.get(key);
        if (!v.isObject()) {
            throw new ConfigException(pathOf(key) + ": expected a mapping, found " + describe(v));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                throw new ConfigException(pathOf(key) + "." + e.getKey() + ": expected text, found "
                        + describe(e.getValue()));
            }
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }

    /** One element of a sequence. */
    record Element(JsonNode node, String path) {

        <T> T scalar(Function<String, T> parser) {
            if (!node.isValueNode() || node.isNull() || node.isBoolean()) {
                throw new ConfigException(path + ": expected text, found " + describe(node));
            }
            try {
                return parser.apply(node.asText());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(path + ": " + e.getMessage(), e);
            }
        }

        ConfigNode mapping(Set<String> known) {
            return ConfigNode.mapping(node, path, known);
        }
    }

    static String describe(JsonNode v) {
        if (v == null || v.isMissingNode()) {
            return "nothing";
        }
        if (v.isObject()) {
            return "a mapping";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isNull()) {
            return "null";
        }
        return "'" + v.asText() + "'";
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String label(String path) {
        return path.isEmpty() ? "" : path + ": ";
    }
}
