package io.flowsentry.collector.publish.webhook;

import io.flowsentry.collector.config.FlowsentryConfig;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One webhook, as the configuration file describes it. {@link #builder(String, URI)} starts from every
 * default and changes one setting at a time.
 *
 * @param name           identifies the webhook in metrics, logs and its outbox directory {@code outbox/<name>/}:
 *                       1-64 characters of {@code [A-Za-z0-9_.-]}
 * @param url            {@code https://} (certificates verified against the JDK trust store) or {@code http://}
 * @param template       {@code raw} (the row JSON as is), {@code generic}, {@code slack}, {@code jira}, or the
 *                       path of a template file (see {@link WebhookTemplate})
 * @param secret         the HMAC-SHA256 signing key, or null for unsigned requests
 * @param connectTimeout TCP + TLS connection set-up
 * @param readTimeout    the whole request, from sending to the end of the answer's headers
 * @param initialBackoff the cap of the first retry's wait
 * @param maxBackoff     the cap of every retry's wait
 * @param headers        extra request headers (for example {@code Authorization}); never logged
 * @param jiraProject    the {@code jira} template's {@code fields.project.key}
 * @param jiraIssueType  the {@code jira} template's {@code fields.issuetype.name}
 * @param maxOutboxRows  rows kept waiting at most; beyond, the oldest is dropped and counted
 * @param maxOutboxBytes bytes kept waiting at most; beyond, the oldest is dropped and counted
 */
public record WebhookSettings(String name, URI url, String template, Secret secret, Duration connectTimeout,
                              Duration readTimeout, Duration initialBackoff, Duration maxBackoff,
                              Map<String, String> headers, String jiraProject, String jiraIssueType,
                              int maxOutboxRows, long maxOutboxBytes) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    /** 100,000 rows: a worm from 100,000 sources makes one early row each. */
    public static final int DEFAULT_MAX_OUTBOX_ROWS = 100_000;
    /** 256 MiB: 100,000 rows of ~1 KiB with room for long destination lists. */
    public static final long DEFAULT_MAX_OUTBOX_BYTES = 256L << 20;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    /** Headers flowsentry sets itself, or that the HTTP client owns. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host", "connection",
            "idempotency-key", "x-flowsentry-signature", "x-flowsentry-timestamp", "expect", "upgrade");

    public WebhookSettings {
        if (name == null || !NAME.matcher(name).matches() || name.startsWith(".")) {
            throw new IllegalArgumentException("webhook name: '" + name + "' (expected: 1-64 of [A-Za-z0-9_.-], not starting with '.')");
        }
        if (url == null || url.getHost() == null
                || !("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))) {
            throw new IllegalArgumentException("webhook " + name + " url: '" + redact(url) + "' (expected: an http:// or https:// URL with a host)");
        }
        if (template == null || template.isBlank()) {
            throw new IllegalArgumentException("webhook " + name + " template: empty (expected: raw, generic, slack, jira or a file)");
        }
        requirePositive(name, "connect_timeout", connectTimeout);
        requirePositive(name, "read_timeout", readTimeout);
        requirePositive(name, "initial_backoff", initialBackoff);
        requirePositive(name, "max_backoff", maxBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("webhook " + name + " max_backoff: " + maxBackoff + " (expected: >= initial_backoff " + initialBackoff + ")");
        }
        headers = headers == null ? Map.of() : Map.copyOf(new TreeMap<>(headers));
        for (String header : headers.keySet()) {
            if (RESERVED_HEADERS.contains(header.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("webhook " + name + " header '" + header + "' is set by flowsentry (reserved: " + RESERVED_HEADERS + ")");
            }
        }
        if (maxOutboxRows < 1) {
            throw new IllegalArgumentException("webhook " + name + " max_outbox_rows: " + maxOutboxRows + " (expected: >= 1)");
        }
        if (maxOutboxBytes < 4096) {
            throw new IllegalArgumentException("webhook " + name + " max_outbox_bytes: " + maxOutboxBytes + " (expected: >= 4096)");
        }
        if ("jira".equals(template) && (jiraProject == null || jiraProject.isBlank())) {
            throw new IllegalArgumentException("webhook " + name + " jira_project: empty (required by the jira template)");
        }
    }

    /** Every setting at its default; the configuration file's webhook keys map onto {@link Builder}. */
    public static WebhookSettings defaults(String name, URI url) {
        return builder(name, url).build();
    }

    /**
     * The settings of a {@code publish.webhooks[]} entry of the configuration file; the secret is read here
     * from {@code secret_file} or from {@code secret_env} in {@code environment}.
     *
     * @throws IllegalArgumentException naming the webhook and the setting when one is invalid
     */
    public static WebhookSettings fromConfig(FlowsentryConfig.Webhook w, Map<String, String> environment) {
        Secret secret = null;
        if (w.secretFile() != null) {
            secret = Secret.fromFile(w.secretFile());
        } else if (w.secretEnv() != null) {
            secret = Secret.fromEnv(w.secretEnv(), environment);
        }
        Duration initial = DEFAULT_INITIAL_BACKOFF.compareTo(w.maxBackoff()) <= 0 ? DEFAULT_INITIAL_BACKOFF : w.maxBackoff();
        return builder(w.name(), w.url())
                .template(w.template())
                .secret(secret)
                .timeouts(w.connectTimeout(), w.readTimeout())
                .backoff(initial, w.maxBackoff())
                .headers(w.headers())
                .jira(w.jiraProject(), w.jiraIssueType())
                .build();
    }

    public static Builder builder(String name, URI url) {
        return new Builder(name, url);
    }

    /** A copy of these settings to change. */
    public Builder toBuilder() {
        Builder b = new Builder(name, url);
        b.template = template;
        b.secret = secret;
        b.connectTimeout = connectTimeout;
        b.readTimeout = readTimeout;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.headers = headers;
        b.jiraProject = jiraProject;
        b.jiraIssueType = jiraIssueType;
        b.maxOutboxRows = maxOutboxRows;
        b.maxOutboxBytes = maxOutboxBytes;
        return b;
    }

    /** Settings with defaults, changed one at a time; {@link #build()} validates. */
    public static final class Builder {
        private final String name;
        private final URI url;
        private String template = WebhookTemplate.RAW;
        private Secret secret;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Map<String, String> headers = Map.of();
        private String jiraProject;
        private String jiraIssueType = "Task";
        private int maxOutboxRows = DEFAULT_MAX_OUTBOX_ROWS;
        private long maxOutboxBytes = DEFAULT_MAX_OUTBOX_BYTES;

        private Builder(String name, URI url) {
            this.name = name;
            this.url = url;
        }

        public Builder template(String value) {
            template = value;
            return this;
        }

        public Builder secret(Secret value) {
            secret = value;
            return this;
        }

        public Builder timeouts(Duration connect, Duration read) {
            connectTimeout = connect;
            readTimeout = read;
            return this;
        }

        public Builder backoff(Duration initial, Duration max) {
            initialBackoff = initial;
            maxBackoff = max;
            return this;
        }

        public Builder headers(Map<String, String> value) {
            headers = value;
            return this;
        }

        public Builder jira(String project, String issueType) {
            jiraProject = project;
            jiraIssueType = issueType;
            return this;
        }

        public Builder outboxLimits(int rows, long bytes) {
            maxOutboxRows = rows;
            maxOutboxBytes = bytes;
            return this;
        }

        public WebhookSettings build() {
            return new WebhookSettings(name, url, template, secret, connectTimeout, readTimeout, initialBackoff,
                    maxBackoff, headers, jiraProject, jiraIssueType, maxOutboxRows, maxOutboxBytes);
        }
    }

    /**
     * The URL without what may be a credential: user info, path and query are dropped (a Slack incoming
     * webhook's path is its secret). Safe to log.
     */
    public static String redact(URI url) {
        if (url == null) {
            return "null";
        }
        if (url.getHost() == null) {
            return url.getScheme() + ":<redacted>";
        }
        return url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "") + "/...";
    }

    private static void requirePositive(String name, String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("webhook " + name + " " + key + ": " + d + " (expected: > 0)");
        }
    }

    @Override
    public String toString() {
        return "WebhookSettings[name=" + name + ", url=" + redact(url) + ", template=" + template
                + ", secret=" + (secret == null ? "none" : secret) + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", backoff=" + initialBackoff + ".." + maxBackoff
                + ", headers=" + headers.keySet() + " (values redacted), jiraProject=" + jiraProject
                + ", jiraIssueType=" + jiraIssueType + ", maxOutboxRows=" + maxOutboxRows
                + ", maxOutboxBytes=" + maxOutboxBytes + "]";
    }
}
