package io.flowsentry.collector.config;

import io.flowsentry.collector.detect.DetectionProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line values that replace the file's: {@code --listen} (repeatable; replaces every listener),
 * {@code --data-dir}, {@code --assets}, {@code --webhook URL} (adds a generic webhook named {@code cli}),
 * and for {@code scan} {@code --window}, {@code --lateness}, {@code --profile}. Each field is {@code null}
 * (or an empty list) when the option was not given. Bad values fail as the file's do, naming the option.
 */
public record ConfigOverrides(List<String> listen, Path dataDir, Path assetsFile, String webhookUrl,
                              String window, String lateness, String profile) {

    private static final Duration MAX_WINDOW = Duration.ofDays(7);
    /**
     * A hundred years: far beyond the file's limit of 1d, so that a scan of unordered history can keep every
     * window open to the end of its input, and far below the 292 million years where milliseconds overflow.
     */
    private static final Duration MAX_LATENESS = Duration.ofDays(36_500);

    public static final ConfigOverrides NONE = new ConfigOverrides(List.of(), null, null, null, null, null, null);

    public ConfigOverrides {
        listen = listen == null ? List.of() : List.copyOf(listen);
    }

    /** @throws ConfigException {@code --listen: 'x' is not host:port (port 1-65535)} and the like */
    public FlowsentryConfig applyTo(FlowsentryConfig config) {
        FlowsentryConfig c = config;
        if (!listen.isEmpty()) {
            List<HostPort> parsed = new ArrayList<>();
            for (String l : listen) {
                parsed.add(option("--listen", () -> HostPort.parse(l)));
            }
            ConfigLoader.requireDistinct("--listen", parsed);
            c = c.withListeners(parsed);
        }
        if (dataDir != null) {
            c = c.withDataDir(dataDir);
        }
        if (assetsFile != null) {
            c = c.withAssets(new FlowsentryConfig.Assets(assetsFile, c.assets().builtin()));
        }
        if (webhookUrl != null) {
            c = c.withWebhook(ConfigDefaults.webhook("cli",
                    option("--webhook", () -> WebhookSection.httpUrl(webhookUrl))));
        }
        if (window != null || lateness != null || profile != null) {
            FlowsentryConfig.Detection d = c.detection();
            Duration w = window == null ? d.window() : option("--window", () -> Units.parseDuration(window));
            Duration l = lateness == null ? d.lateness() : option("--lateness", () -> Units.parseDuration(lateness));
            DetectionProfile p = profile == null ? d.profile() : DetectionProfile.fromText(profile);
            if (p == null) {
                throw new ConfigException("--profile: '" + profile + "' is not a profile (known: escu-v3, extended)");
            }
            if (w.compareTo(Duration.ofSeconds(1)) < 0 || w.compareTo(MAX_WINDOW) > 0) {
                throw new ConfigException("--window: '" + window + "' is out of range (1s to 7d)");
            }
            if (l.compareTo(MAX_LATENESS) > 0) {
                throw new ConfigException("--lateness: '" + lateness + "' is out of range (0s to 36500d)");
            }
            c = c.withDetection(new FlowsentryConfig.Detection(p, w, l, d.maxFuture(), d.idleAfter(), d.early(),
                    d.suppress()));
        }
        return c;
    }

    /**
     * {@code run --kafka-bootstrap HOST:PORT[,HOST:PORT...]} and {@code --kafka-role forward|detect}: each
     * replaces the file's {@code kafka.bootstrap_servers} or {@code kafka.role}; {@code null} keeps it.
     *
     * @throws ConfigException naming the option and the bad value
     */
    public static FlowsentryConfig applyKafka(FlowsentryConfig config, String bootstrapServers, String role) {
        FlowsentryConfig.Kafka k = config.kafka();
        String servers = k.bootstrapServers();
        if (bootstrapServers != null) {
            for (String s : bootstrapServers.split(",")) {
                option("--kafka-bootstrap", () -> HostPort.parse(s.strip()));
            }
            servers = bootstrapServers;
        }
        FlowsentryConfig.KafkaRole r = k.role();
        if (role != null) {
            r = FlowsentryConfig.KafkaRole.fromText(role);
            if (r == null) {
                throw new ConfigException("--kafka-role: '" + role + "' is not a role (known: forward, detect)");
            }
        }
        if (role != null && servers == null) {
            throw new ConfigException("--kafka-role: needs Kafka brokers (--kafka-bootstrap or kafka.bootstrap_servers)");
        }
        return config.withKafka(new FlowsentryConfig.Kafka(servers, r, k.topic(), k.group(), k.instanceId(),
                k.properties()));
    }

    private interface Parse<T> {
        T get();
    }

    private static <T> T option(String name, Parse<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name + ": " + e.getMessage(), e);
        }
    }
}
