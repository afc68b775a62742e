package io.flowsentry.collector.config;

import io.flowsentry.collector.detect.CidrText;
import io.flowsentry.collector.detect.SuppressionRule;
import io.flowsentry.store.assets.Cidr;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads {@code detection:}: profile, windows, early rows and the suppression rules. */
final class DetectionSection {

    static final Set<String> KEYS = Set.of("profile", "window", "lateness", "max_future", "idle_after", "early",
            "suppress");
    private static final Set<String> EARLY_KEYS = Set.of("enabled", "suppression", "max_sources");
    private static final Set<String> RULE_KEYS = Set.of("src", "dest", "dest_port", "app", "comment", "expires");
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private DetectionSection() {
    }

    static FlowsentryConfig.Detection read(ConfigNode n, FlowsentryConfig.Detection d) {
        if (n == null) {
            return d;
        }
        FlowsentryConfig.Early early = early(n.child("early", EARLY_KEYS), d.early());
        List<SuppressionRule> rules = new ArrayList<>();
        for (ConfigNode.Element e : n.list("suppress")) {
            rules.add(rule(e));
        }
        return new FlowsentryConfig.Detection(
                ConfigLoader.profile(n, d.profile()),
                n.duration("window", d.window(), ONE_SECOND, Duration.ofDays(7)),
                ConfigLoader.upToADay(n, "lateness", d.lateness(), Duration.ZERO),
                ConfigLoader.upToADay(n, "max_future", d.maxFuture(), Duration.ZERO),
                ConfigLoader.upToADay(n, "idle_after", d.idleAfter(), Duration.ZERO),
                early,
                n.isSet("suppress") ? rules : d.suppress());
    }

    private static FlowsentryConfig.Early early(ConfigNode n, FlowsentryConfig.Early d) {
        if (n == null) {
            return d;
        }
        return new FlowsentryConfig.Early(
                n.bool("enabled", d.enabled()),
                ConfigLoader.positive(n, "suppression", d.suppression(), Duration.ofDays(30)),
                (int) n.integer("max_sources", d.maxSources(), 1, 1_000_000));
    }

    private static SuppressionRule rule(ConfigNode.Element e) {
        ConfigNode n = e.mapping(RULE_KEYS);
        Cidr src = n.parsed("src", null, CidrText::parse);
        Cidr dest = n.parsed("dest", null, CidrText::parse);
        int port = (int) n.integer("dest_port", SuppressionRule.ANY_PORT, 0, 65535);
        String app = n.text("app", null);
        Instant expires = n.parsed("expires", null, DetectionSection::instant);
        if (src == null && dest == null && port == SuppressionRule.ANY_PORT && app == null) {
            throw new ConfigException(e.path() + ": a suppression rule needs at least one of src, dest,"
                    + " dest_port, app (it would suppress everything)");
        }
        return new SuppressionRule(src, dest, port, app, n.text("comment", ""), expires);
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (DateTimeParseException ex) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO date-time with offset"
                    + " (e.g. 2027-01-01T00:00:00Z)", ex);
        }
    }
}
