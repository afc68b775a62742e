package io.flowsentry.collector.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.flowsentry.collector.detect.CidrText;
import io.flowsentry.collector.detect.DetectionProfile;
import io.flowsentry.store.aggregate.AggregateLimits;
import io.flowsentry.store.aggregate.ChronicleSourceAggregates;
import io.flowsentry.store.assets.BuiltinAssets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates the YAML configuration. Unknown keys are errors; an absent or {@code null} key takes
 * its default from {@link ConfigDefaults}; every error is one {@link ConfigException} line naming the key and
 * the bad value.
 */
public final class ConfigLoader {

    /** Built-in address sets that {@code assets.builtin} may name (the store's, sorted). */
    public static final List<String> BUILTIN_ASSET_SETS = List.copyOf(BuiltinAssets.names());

    private static final Set<String> ROOT_KEYS = Set.of("listeners", "receive_buffer", "event_loops",
            "exporters_allow", "data_dir", "assets", "zeek", "decoder", "detection", "store", "publish", "metrics", "kafka");
    private static final Set<String> ASSETS_KEYS = Set.of("file", "builtin");
    private static final Set<String> ZEEK_KEYS = Set.of("directories", "poll_interval");
    private static final Set<String> DECODER_KEYS = Set.of("max_exporters", "max_templates_per_exporter",
            "template_timeout", "pending_bytes_per_exporter", "warm_up");
    private static final Set<String> STORE_KEYS = Set.of("capacity_sources", "max_dest_ips", "max_dest_ports", "front_sources");
    private static final Set<String> PUBLISH_KEYS = Set.of("files", "webhooks");
    private static final Set<String> FILES_KEYS = Set.of("enabled");
    private static final Set<String> METRICS_KEYS = Set.of("listen");

    /** SO_RCVBUF is an int; the kernel caps it at net.core.rmem_max anyway. */
    private static final long MAX_RECEIVE_BUFFER = Integer.MAX_VALUE;
    private static final Duration ONE_MS = Duration.ofMillis(1);
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ConfigLoader() {
    }

    public static FlowsentryConfig defaults() {
        return ConfigDefaults.config();
    }

    /**
     * @throws ConfigException when the file cannot be read, is not YAML, or holds a bad value
     */
    public static FlowsentryConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read (" + e.getClass().getSimpleName() + ": "
                    + e.getMessage() + ")", e);
        }
        return parse(text, file.toString());
    }

    /** Reads YAML text; {@code origin} names it in syntax errors. An empty document is the defaults. */
    public static FlowsentryConfig parse(String yaml, String origin) {
        JsonNode root;
        try {
            root = YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
            String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            String what = original.lines().findFirst().orElse("").strip();
            throw new ConfigException(origin + ": not valid YAML" + where + ": " + what, e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults();
        }
        return fromTree(root);
    }

    static FlowsentryConfig fromTree(JsonNode tree) {
        FlowsentryConfig d = defaults();
        ConfigNode root = ConfigNode.mapping(tree, "", ROOT_KEYS);
        List<HostPort> listeners = root.isSet("listeners")
                ? root.scalars("listeners", HostPort::parse) : d.listeners();
        requireDistinct(root.pathOf("listeners"), listeners);
        return new FlowsentryConfig(
                listeners,
                root.size("receive_buffer", d.receiveBuffer(), 4096, MAX_RECEIVE_BUFFER),
                (int) root.integer("event_loops", d.eventLoops(), 0, 1024),
                root.scalars("exporters_allow", CidrText::parse),
                root.path("data_dir", d.dataDir()),
                assets(root.child("assets", ASSETS_KEYS), d.assets()),
                zeek(root.child("zeek", ZEEK_KEYS), d.zeek()),
                decoder(root.child("decoder", DECODER_KEYS), d.decoder()),
                DetectionSection.read(root.child("detection", DetectionSection.KEYS), d.detection()),
                store(root.child("store", STORE_KEYS), d.store()),
                publish(root.child("publish", PUBLISH_KEYS), d.publish()),
                metrics(root.child("metrics", METRICS_KEYS), d.metrics()),
                KafkaSection.read(root.child("kafka", KafkaSection.KEYS), d.kafka()));
    }

    private static FlowsentryConfig.Assets assets(ConfigNode n, FlowsentryConfig.Assets d) {
        if (n == null) {
            return d;
        }
        String builtin = n.text("builtin", d.builtin());
        if (builtin != null && !BUILTIN_ASSET_SETS.contains(builtin)) {
            throw new ConfigException(n.pathOf("builtin") + ": '" + builtin + "' is not a built-in set (known: "
                    + String.join(", ", BUILTIN_ASSET_SETS) + ")");
        }
        return new FlowsentryConfig.Assets(n.path("file", d.file()), builtin);
    }

    private static FlowsentryConfig.Zeek zeek(ConfigNode n, FlowsentryConfig.Zeek d) {
        if (n == null) {
            return d;
        }
        List<Path> dirs = n.isSet("directories") ? n.scalars("directories", Path::of) : d.directories();
        return new FlowsentryConfig.Zeek(dirs,
                n.duration("poll_interval", d.pollInterval(), Duration.ofMillis(10), Duration.ofMinutes(1)));
    }

    private static FlowsentryConfig.Decoder decoder(ConfigNode n, FlowsentryConfig.Decoder d) {
        if (n == null) {
            return d;
        }
        return new FlowsentryConfig.Decoder(
                (int) n.integer("max_exporters", d.maxExporters(), 1, 1_000_000),
                (int) n.integer("max_templates_per_exporter", d.maxTemplatesPerExporter(), 1, 65_536),
                n.duration("template_timeout", d.templateTimeout(), Duration.ofSeconds(1), Duration.ofDays(7)),
                n.size("pending_bytes_per_exporter", d.pendingBytesPerExporter(), 0, 64L << 20),
                n.duration("warm_up", d.warmUp(), Duration.ZERO, Duration.ofSeconds(30)));
    }

    private static FlowsentryConfig.Store store(ConfigNode n, FlowsentryConfig.Store d) {
        if (n == null) {
            return d;
        }
        return new FlowsentryConfig.Store(
                n.integer("capacity_sources", d.capacitySources(), 1, 1_000_000_000L),
                (int) n.integer("max_dest_ips", d.maxDestIps(), 1, AggregateLimits.MAX_DEST_IPS),
                (int) n.integer("max_dest_ports", d.maxDestPorts(), 1, AggregateLimits.MAX_DEST_PORTS),
                (int) n.integer("front_sources", d.frontSources(), 1, ChronicleSourceAggregates.MAX_FRONT_SLOTS));
    }

    private static FlowsentryConfig.Publish publish(ConfigNode n, FlowsentryConfig.Publish d) {
        if (n == null) {
            return d;
        }
        ConfigNode files = n.child("files", FILES_KEYS);
        FlowsentryConfig.Files f = files == null ? d.files()
                : new FlowsentryConfig.Files(files.bool("enabled", d.files().enabled()));
        return new FlowsentryConfig.Publish(f, WebhookSection.readAll(n));
    }

    private static FlowsentryConfig.Metrics metrics(ConfigNode n, FlowsentryConfig.Metrics d) {
        if (n == null) {
            return d;
        }
        // An explicit "listen: null" turns the endpoint off; an absent key keeps the default.
        if (n.isExplicitNull("listen")) {
            return new FlowsentryConfig.Metrics(null);
        }
        String listen = n.text("listen", null);
        return listen == null ? d : new FlowsentryConfig.Metrics(n.parse("listen", listen, HostPort::parse));
    }

    static <T> void requireDistinct(String path, List<T> values) {
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < values.size(); i++) {
            if (!seen.add(values.get(i))) {
                throw new ConfigException(path + "[" + i + "]: '" + values.get(i) + "' is listed twice");
            }
        }
    }

    static DetectionProfile profile(ConfigNode n, DetectionProfile fallback) {
        String text = n.text("profile", null);
        if (text == null) {
            return fallback;
        }
        DetectionProfile p = DetectionProfile.fromText(text);
        if (p == null) {
            throw new ConfigException(n.pathOf("profile") + ": '" + text + "' is not a profile (known: escu-v3, extended)");
        }
        return p;
    }

    static Duration upToADay(ConfigNode n, String key, Duration fallback, Duration min) {
        return n.duration(key, fallback, min, ONE_DAY);
    }

    static Duration positive(ConfigNode n, String key, Duration fallback, Duration max) {
        return n.duration(key, fallback, ONE_MS, max);
    }
}
