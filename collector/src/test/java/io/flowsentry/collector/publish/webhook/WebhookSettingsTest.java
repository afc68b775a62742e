package io.flowsentry.collector.publish.webhook;

import io.flowsentry.collector.config.ConfigDefaults;
import io.flowsentry.collector.config.FlowsentryConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookSettingsTest {

    private static final URI SLACK = URI.create("https://hooks.slack.com/services/T000/B000/XXXXSECRETXXXX");

    @Test
    void toStringShowsNeitherTheSecretNorTheUrlPathNorHeaderValues(@TempDir Path dir) throws Exception {
        Path keyFile = Files.writeString(dir.resolve("key"), "s3cr3t-value\n");
        WebhookSettings settings = WebhookSettings.builder("slack", SLACK)
                .secret(Secret.fromFile(keyFile))
                .headers(Map.of("Authorization", "Bearer tok-123"))
                .build();
        String text = settings.toString();
        assertThat(text).doesNotContain("s3cr3t").doesNotContain("XXXXSECRETXXXX").doesNotContain("tok-123")
                .contains("https://hooks.slack.com/...").contains("Authorization").contains("redacted");
        assertThat(settings.secret().toString()).doesNotContain("s3cr3t");
        // The final newline of the file is not part of the key.
        assertThat(new PayloadSigner(settings.secret()).signature(1, new byte[0]))
                .isEqualTo(new PayloadSigner(Secret.fromEnv("K", Map.of("K", "s3cr3t-value"))).signature(1, new byte[0]));
    }

    @Test
    void configurationEntriesMapOntoSettings(@TempDir Path dir) throws Exception {
        FlowsentryConfig.Webhook entry = new FlowsentryConfig.Webhook("jira-sec", URI.create("https://jira.example/rest/api/2/issue"),
                "jira", null, "FS_JIRA_KEY", Duration.ofSeconds(3), Duration.ofSeconds(7), Duration.ofMillis(500), "SEC", "Incident",
                Map.of("Authorization", "Basic abc"));
        WebhookSettings settings = WebhookSettings.fromConfig(entry, Map.of("FS_JIRA_KEY", "k"));
        assertThat(settings.template()).isEqualTo("jira");
        assertThat(settings.secret()).isEqualTo(Secret.fromEnv("X", Map.of("X", "k")));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.readTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(settings.initialBackoff()).as("never above the max").isEqualTo(Duration.ofMillis(500));
        assertThat(settings.maxBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.headers()).containsEntry("Authorization", "Basic abc");
        assertThat(settings.jiraProject()).isEqualTo("SEC");
        assertThat(settings.jiraIssueType()).isEqualTo("Incident");
        assertThat(settings.maxOutboxRows()).isEqualTo(WebhookSettings.DEFAULT_MAX_OUTBOX_ROWS);

        Path keyFile = Files.writeString(dir.resolve("key"), "from-file\n");
        FlowsentryConfig.Webhook fromFile = ConfigDefaults.webhook("soc", URI.create("https://soc.example/hook"));
        fromFile = new FlowsentryConfig.Webhook(fromFile.name(), fromFile.url(), fromFile.template(), keyFile, null,
                fromFile.connectTimeout(), fromFile.readTimeout(), fromFile.maxBackoff(), null, fromFile.jiraIssueType(), Map.of());
        WebhookSettings defaults = WebhookSettings.fromConfig(fromFile, Map.of());
        assertThat(defaults.secret()).isEqualTo(Secret.fromEnv("X", Map.of("X", "from-file")));
        assertThat(defaults.initialBackoff()).isEqualTo(WebhookSettings.DEFAULT_INITIAL_BACKOFF);
        assertThat(WebhookTemplate.resolve(defaults.template()).name()).isEqualTo("generic");
    }

    @Test
    void signatureMatchesAnIndependentlyComputedVector() {
        // printf '%s' '1795773600.{"src_ip":"10.1.2.3"}' | openssl dgst -sha256 -hmac 'whsec_test_key'
        PayloadSigner signer = new PayloadSigner(Secret.fromEnv("K", Map.of("K", "whsec_test_key")));
        assertThat(signer.signature(1_795_773_600L, "{\"src_ip\":\"10.1.2.3\"}".getBytes()))
                .isEqualTo("sha256=ac7493725185c5466bed7ab8a662d243f75494c4ffe0df447b316459c0459a88");
    }

    @Test
    void badSettingsNameTheKeyAndValue() {
        assertThatThrownBy(() -> WebhookSettings.defaults("../x", SLACK)).hasMessageContaining("webhook name: '../x'");
        assertThatThrownBy(() -> WebhookSettings.defaults("a", URI.create("ftp://h/x"))).hasMessageContaining("url");
        assertThatThrownBy(() -> WebhookSettings.builder("a", SLACK).headers(Map.of("Idempotency-Key", "x")).build())
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> WebhookSettings.builder("a", SLACK).timeouts(Duration.ZERO, Duration.ofSeconds(1)).build())
                .hasMessageContaining("connect_timeout");
        assertThatThrownBy(() -> WebhookSettings.builder("a", SLACK).template("jira").build()).hasMessageContaining("jira_project");
        assertThatThrownBy(() -> Secret.fromEnv("FS_NOT_SET", Map.of())).hasMessageContaining("FS_NOT_SET");
    }

    @Test
    void responsesAreClassifiedAsTheDocumentationSays() {
        assertThat(DeliveryOutcome.of(200)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(DeliveryOutcome.of(204)).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(DeliveryOutcome.of(500)).isEqualTo(DeliveryOutcome.RETRY);
        assertThat(DeliveryOutcome.of(503)).isEqualTo(DeliveryOutcome.RETRY);
        assertThat(DeliveryOutcome.of(408)).isEqualTo(DeliveryOutcome.RETRY);
        assertThat(DeliveryOutcome.of(429)).isEqualTo(DeliveryOutcome.RETRY);
        assertThat(DeliveryOutcome.of(400)).isEqualTo(DeliveryOutcome.DEAD_LETTER);
        assertThat(DeliveryOutcome.of(404)).isEqualTo(DeliveryOutcome.DEAD_LETTER);
        assertThat(DeliveryOutcome.of(301)).isEqualTo(DeliveryOutcome.DEAD_LETTER);
    }

    @Test
    void backoffDoublesUpToTheCapWithFullJitter() {
        Backoff top = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.999999);
        assertThat(new long[] {top.ceilingMillis(1), top.ceilingMillis(2), top.ceilingMillis(3), top.ceilingMillis(9),
                top.ceilingMillis(10), top.ceilingMillis(1000)})
                .containsExactly(1000, 2000, 4000, 256_000, 300_000, 300_000);
        Backoff half = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.5);
        assertThat(half.delayMillis(3, 0)).isEqualTo(2000);
        assertThat(half.delayMillis(3, 10_000)).as("Retry-After floor").isEqualTo(10_000);
        assertThat(half.delayMillis(3, 3_600_000)).as("capped").isEqualTo(300_000);
        assertThat(new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(5), () -> 0.0).delayMillis(5, 0)).isZero();
    }
}
