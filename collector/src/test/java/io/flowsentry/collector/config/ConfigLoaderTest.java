package io.flowsentry.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowsentry.collector.detect.CidrText;
import io.flowsentry.collector.detect.DetectionProfile;
import io.flowsentry.collector.detect.SuppressionRule;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    static String example() throws Exception {
        try (InputStream in = FlowsentryConfig.class.getResourceAsStream("flowsentry.example.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theExampleFileIsExactlyTheDefaults() throws Exception {
        assertThat(ConfigLoader.parse(example(), "flowsentry.example.yaml")).isEqualTo(ConfigLoader.defaults());
    }

    @Test
    void theExampleFilesCommentedEntriesAreValid() throws Exception {
        // The suppression rule and webhook shown as comments in the example, uncommented.
        String yaml = example()
                .replace("  suppress: []", "  suppress:")
                .replace("  # - {src: 10.1.0.0/16", "  - {src: 10.1.0.0/16")
                .replace("  webhooks: []", "  webhooks:")
                .replace("  # - {name: soc", "  - {name: soc");
        FlowsentryConfig c = ConfigLoader.parse(yaml, "example");
        assertThat(c.detection().suppress()).containsExactly(new SuppressionRule(CidrText.parse("10.1.0.0/16"),
                CidrText.parse("20.60.0.0/16"), 445, "smb", "Azure Files", Instant.parse("2027-01-01T00:00:00Z")));
        assertThat(c.publish().webhooks()).hasSize(1);
        FlowsentryConfig.Webhook w = c.publish().webhooks().get(0);
        assertThat(w.name()).isEqualTo("soc");
        assertThat(w.url()).isEqualTo(URI.create("https://hooks.example.net/flowsentry"));
        assertThat(w.secretEnv()).isEqualTo("FLOWSENTRY_SOC_SECRET");
        assertThat(w.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anEmptyFileIsTheDefaults() {
        assertThat(ConfigLoader.parse("", "empty")).isEqualTo(ConfigLoader.defaults());
        assertThat(ConfigLoader.parse("# nothing\n", "empty")).isEqualTo(ConfigLoader.defaults());
    }

    @Test
    void valuesAreReadWithTheirUnits(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("f.yaml");
        Files.writeString(file, """
                listeners: ["[::]:2055", "127.0.0.1:9995"]
                receive_buffer: 8MiB
                event_loops: 2
                exporters_allow: [192.0.2.0/24, "2001:db8::/32"]
                data_dir: /var/lib/flowsentry
                assets: {file: /etc/flowsentry/assets.csv, builtin: escu_v3_private}
                zeek: {directories: [/var/log/zeek/current], poll_interval: 1s}
                decoder: {max_templates_per_exporter: 512, pending_bytes_per_exporter: 65536, warm_up: 250ms}
                detection:
                  profile: extended
                  window: 15m
                  lateness: 0s
                  early: {enabled: false}
                store: {max_dest_ips: 16, front_sources: 131072}
                publish:
                  files: {enabled: false}
                  webhooks:
                    - name: jira
                      url: https://jira.example.net/rest/api/2/issue
                      template: jira
                      jira_project: SEC
                      secret_file: /etc/flowsentry/jira.secret
                      headers: {X-Team: soc}
                metrics: {listen: null}
                """);
        FlowsentryConfig c = ConfigLoader.load(file);
        assertThat(c.listeners()).containsExactly(new HostPort("::", 2055), new HostPort("127.0.0.1", 9995));
        assertThat(c.receiveBuffer()).isEqualTo(8L * 1024 * 1024);
        assertThat(c.eventLoops()).isEqualTo(2);
        assertThat(c.exportersAllow()).containsExactly(CidrText.parse("192.0.2.0/24"), CidrText.parse("2001:db8::/32"));
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/flowsentry"));
        assertThat(c.assets()).isEqualTo(new FlowsentryConfig.Assets(Path.of("/etc/flowsentry/assets.csv"), "escu_v3_private"));
        assertThat(c.zeek().pollInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.decoder().maxTemplatesPerExporter()).isEqualTo(512);
        assertThat(c.decoder().maxExporters()).isEqualTo(ConfigDefaults.MAX_EXPORTERS);
        assertThat(c.decoder().pendingBytesPerExporter()).isEqualTo(65536);
        assertThat(c.decoder().warmUp()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.detection().profile()).isEqualTo(DetectionProfile.EXTENDED);
        assertThat(c.engineSettings().window()).isEqualTo(Duration.ofMinutes(15));
        assertThat(c.engineSettings().lateness()).isZero();
        assertThat(c.engineSettings().earlyEnabled()).isFalse();
        assertThat(c.engineSettings().earlySuppression()).isEqualTo(Duration.ofHours(8));
        assertThat(c.engineSettings().maxDestIps()).isEqualTo(16);
        assertThat(c.store().frontSources()).isEqualTo(131_072);
        assertThat(c.publish().files().enabled()).isFalse();
        FlowsentryConfig.Webhook w = c.publish().webhooks().get(0);
        assertThat(w.jiraProject()).isEqualTo("SEC");
        assertThat(w.jiraIssueType()).isEqualTo("Task");
        assertThat(w.headers()).isEqualTo(Map.of("X-Team", "soc"));
        assertThat(c.metrics().listen()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            listeners: ["0.0.0.0:2055", "foo:99999"]            | listeners[1]: 'foo:99999' is not host:port (port 1-65535)
            listeners: ["0.0.0.0:2055", "0.0.0.0:2055"]         | listeners[1]: '0.0.0.0:2055' is listed twice
            listeners: ["300.1.1.1:2055"]                       | listeners[0]: '300.1.1.1:2055' is not host:port (port 1-65535)
            listeners: ["::1:2055"]                             | listeners[0]: '::1:2055' is not host:port (port 1-65535)
            listeners: "0.0.0.0:2055"                           | listeners: expected a list, found '0.0.0.0:2055'
            receive_buffer: 32 megs                             | receive_buffer: '32 megs' is not a size (expected: a whole number with B, KiB, MiB, GiB, TiB, KB, MB, GB or TB, e.g. 32MiB)
            receive_buffer: 4GiB                                | receive_buffer: '4GiB' is out of range (4096-2147483647 bytes)
            event_loops: -1                                     | event_loops: '-1' is not a whole number in 0-1024
            event_loops: two                                    | event_loops: 'two' is not a whole number in 0-1024
            exporters_allow: [10.0.0.1/8]                       | exporters_allow[0]: '10.0.0.1/8' has host bits set beyond /8 (the network is 10.0.0.0/8)
            listners: []                                        | listners: unknown key (known here:
            assets: {builtin: rfc1918}                          | assets.builtin: 'rfc1918' is not a built-in set (known: escu_v3_private, non_public_ip_blocks)
            assets: {files: x.csv}                              | assets.files: unknown key (known here:
            zeek: {poll_interval: 250}                          | zeek.poll_interval: '250' is not a duration (expected: a whole number with ms, s, m, h or d, e.g. 250ms, 10m, 8h)
            zeek: {poll_interval: 1ms}                          | zeek.poll_interval: '1ms' is out of range (10ms to 1m)
            decoder: {max_exporters: 0}                         | decoder.max_exporters: '0' is not a whole number in 1-1000000
            detection: {profile: escu-v14}                      | detection.profile: 'escu-v14' is not a profile (known: escu-v3, extended)
            detection: {window: 0s}                             | detection.window: '0s' is out of range (1s to 7d)
            detection: {lateness: 2d}                           | detection.lateness: '2d' is out of range (0s to 1d)
            detection: {early: {enabled: yes please}}           | detection.early.enabled: 'yes please' is not true or false
            detection: {early: {suppression: 0s}}               | detection.early.suppression: '0s' is out of range (1ms to 30d)
            detection: {suppress: [{comment: all}]}             | detection.suppress[0]: a suppression rule needs at least one of src, dest, dest_port, app (it would suppress everything)
            detection: {suppress: [{src: 10.0.0.0/33}]}         | detection.suppress[0].src: '10.0.0.0/33' is not a CIDR (prefix length 0-32)
            detection: {suppress: [{dest_port: 70000}]}         | detection.suppress[0].dest_port: '70000' is not a whole number in 0-65535
            detection: {suppress: [{app: smb, expires: soon}]}  | detection.suppress[0].expires: 'soon' is not an ISO date-time with offset (e.g. 2027-01-01T00:00:00Z)
            detection: {suppress: [{app: smb, until: x}]}       | detection.suppress[0].until: unknown key (known here:
            store: {max_dest_ips: 65}                           | store.max_dest_ips: '65' is not a whole number in 1-64
            store: {front_sources: 0}                           | store.front_sources: '0' is not a whole number in 1-2097152
            publish: {webhooks: [{url: "https://x.example"}]}   | publish.webhooks[0].name: required (a short label for logs and metrics)
            publish: {webhooks: [{name: a}]}                    | publish.webhooks[0].url: required
            publish: {webhooks: [{name: a, url: "ftp://x"}]}    | publish.webhooks[0].url: 'ftp://x' is not an http:// or https:// URL with a host
            publish: {webhooks: [{name: a, url: "https://x.example", template: jira}]} | publish.webhooks[0].jira_project: required when template is jira
            publish: {webhooks: [{name: a, url: "https://x.example", secret_file: s, secret_env: S}]} | publish.webhooks[0]: secret_file and secret_env exclude each other (give one)
            publish: {webhooks: [{name: a, url: "https://x.example"}, {name: a, url: "https://y.example"}]} | publish.webhooks[1].name: 'a' is used by another webhook
            publish: {files: {enabled: 1}}                      | publish.files.enabled: '1' is not true or false
            metrics: {listen: "127.0.0.1"}                      | metrics.listen: '127.0.0.1' is not host:port (port 1-65535)
            kafka: {bootstrap_servers: "k1:9092,k2"}            | kafka.bootstrap_servers: 'k2' is not host:port (port 1-65535)
            kafka: {role: consume}                              | kafka.role: 'consume' is not a role (known: forward, detect)
            kafka: {topic: "flows matched"}                     | kafka.topic: 'flows matched' is not a Kafka topic name
            kafka: {properties: {group.id: x}}                  | kafka.properties.group.id: set by flowsentry itself (use kafka.group)
            kafka: {properties: {value.serializer: x}}          | kafka.properties.value.serializer: set by flowsentry itself
            kafka: {partitions: 4}                              | kafka.partitions: unknown key (known here:
            [1, 2]                                              | expected a mapping of keys, found a list
            """)
    void eachBadValueIsOneLineNamingTheKeyAndTheValue(String yaml, String message) {
        assertThatThrownBy(() -> ConfigLoader.parse(yaml, "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void kafkaIsOffByDefaultAndItsSectionIsReadWhole() {
        assertThat(ConfigLoader.defaults().kafka().enabled()).isFalse();
        FlowsentryConfig c = ConfigLoader.parse("""
                kafka:
                  bootstrap_servers: "k1:9092,k2:9093"
                  role: detect
                  topic: soc.smb
                  group: soc-detect
                  instance_id: worker-1
                  properties: {security.protocol: SSL, compression.type: zstd}
                """, "t.yaml");
        FlowsentryConfig.Kafka k = c.kafka();
        assertThat(k.enabled()).isTrue();
        assertThat(k.bootstrapServers()).isEqualTo("k1:9092,k2:9093");
        assertThat(k.role()).isEqualTo(FlowsentryConfig.KafkaRole.DETECT);
        assertThat(k.topic()).isEqualTo("soc.smb");
        assertThat(k.group()).isEqualTo("soc-detect");
        assertThat(k.instanceId()).isEqualTo("worker-1");
        assertThat(k.properties()).containsEntry("security.protocol", "SSL").containsEntry("compression.type", "zstd");
    }

    @Test
    void kafkaOptionsReplaceTheFilesAndNeedBrokers() {
        FlowsentryConfig c = ConfigOverrides.applyKafka(ConfigLoader.defaults(), "127.0.0.1:9092", "detect");
        assertThat(c.kafka().bootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(c.kafka().role()).isEqualTo(FlowsentryConfig.KafkaRole.DETECT);
        assertThat(ConfigOverrides.applyKafka(ConfigLoader.defaults(), null, null)).isEqualTo(ConfigLoader.defaults());
        assertThatThrownBy(() -> ConfigOverrides.applyKafka(ConfigLoader.defaults(), null, "detect"))
                .hasMessage("--kafka-role: needs Kafka brokers (--kafka-bootstrap or kafka.bootstrap_servers)");
        assertThatThrownBy(() -> ConfigOverrides.applyKafka(ConfigLoader.defaults(), "k1", "forward"))
                .hasMessageStartingWith("--kafka-bootstrap: 'k1' is not host:port");
        assertThatThrownBy(() -> ConfigOverrides.applyKafka(ConfigLoader.defaults(), "k1:9092", "both"))
                .hasMessage("--kafka-role: 'both' is not a role (known: forward, detect)");
    }

    @Test
    void duplicateKeysAndBrokenYamlAreSyntaxErrorsWithALine() {
        assertThatThrownBy(() -> ConfigLoader.parse("event_loops: 1\nevent_loops: 2\n", "t.yaml"))
                .hasMessageStartingWith("t.yaml: not valid YAML at line 2")
                .hasMessageContaining("event_loops");
        assertThatThrownBy(() -> ConfigLoader.parse("detection: {window: 1h\n", "t.yaml"))
                .hasMessageStartingWith("t.yaml: not valid YAML at line");
    }

    @Test
    void aMissingFileNamesThePath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(missing + ": cannot read (NoSuchFileException");
    }

    @Test
    void commandLineOverridesReplaceTheFilesValues() {
        ConfigOverrides o = new ConfigOverrides(List.of("127.0.0.1:2056"), Path.of("/tmp/d"), Path.of("a.csv"),
                "https://hooks.example.net/x", "30m", "5m", "extended");
        FlowsentryConfig c = o.applyTo(ConfigLoader.defaults());
        assertThat(c.listeners()).containsExactly(new HostPort("127.0.0.1", 2056));
        assertThat(c.dataDir()).isEqualTo(Path.of("/tmp/d"));
        assertThat(c.assets().file()).isEqualTo(Path.of("a.csv"));
        assertThat(c.publish().webhooks()).extracting(FlowsentryConfig.Webhook::name).containsExactly("cli");
        assertThat(c.publish().webhooks().get(0).template()).isEqualTo("generic");
        assertThat(c.detection().window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.detection().lateness()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.detection().profile()).isEqualTo(DetectionProfile.EXTENDED);
        assertThat(ConfigOverrides.NONE.applyTo(ConfigLoader.defaults())).isEqualTo(ConfigLoader.defaults());
    }

    @Test
    void badOverridesNameTheOption() {
        assertThatThrownBy(() -> new ConfigOverrides(List.of("foo:99999"), null, null, null, null, null, null)
                .applyTo(ConfigLoader.defaults()))
                .hasMessage("--listen: 'foo:99999' is not host:port (port 1-65535)");
        assertThatThrownBy(() -> new ConfigOverrides(List.of(), null, null, "mailto:x@y", null, null, null)
                .applyTo(ConfigLoader.defaults()))
                .hasMessage("--webhook: 'mailto:x@y' is not an http:// or https:// URL with a host");
        assertThatThrownBy(() -> new ConfigOverrides(List.of(), null, null, null, "1 hour", null, null)
                .applyTo(ConfigLoader.defaults()))
                .hasMessageStartingWith("--window: '1 hour' is not a duration");
        assertThatThrownBy(() -> new ConfigOverrides(List.of(), null, null, null, null, null, "v14")
                .applyTo(ConfigLoader.defaults()))
                .hasMessage("--profile: 'v14' is not a profile (known: escu-v3, extended)");
        assertThatThrownBy(() -> new ConfigOverrides(List.of(), null, null, null, "0s", null, null)
                .applyTo(ConfigLoader.defaults()))
                .hasMessage("--window: '0s' is out of range (1s to 7d)");
        assertThatThrownBy(() -> new ConfigOverrides(List.of(), null, null, null, null, "999999999999d", null)
                .applyTo(ConfigLoader.defaults()))
                .hasMessage("--lateness: '999999999999d' is out of range (0s to 36500d)");
    }

    @Test
    void idleAfterIsADurationUpToADayAndZeroTurnsItOff() {
        assertThat(ConfigLoader.defaults().engineSettings().idleAfter()).isEqualTo(Duration.ofMinutes(10));
        assertThat(ConfigLoader.parse("detection: {idle_after: 90s}", "t.yaml").engineSettings().idleAfter())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(ConfigLoader.parse("detection: {idle_after: 0}", "t.yaml").engineSettings().idleAfter())
                .isZero();
        assertThat(ConfigLoader.parse("detection: {idle_after: 0s}", "t.yaml").engineSettings().idleAfter())
                .isZero();
        assertThatThrownBy(() -> ConfigLoader.parse("detection: {idle_after: 2d}", "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("detection.idle_after: '2d' is out of range (0s to 1d)");
        assertThatThrownBy(() -> ConfigLoader.parse("detection: {idle_after: -5m}", "t.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("detection.idle_after: '-5m' is not a duration (expected: a whole number")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThatThrownBy(() -> ConfigLoader.parse("detection: {idle_after: 10}", "t.yaml"))
                .hasMessageStartingWith("detection.idle_after: '10' is not a duration");
    }

    @Test
    void overridesKeepIdleAfter() {
        FlowsentryConfig c = ConfigLoader.parse("detection: {idle_after: 3m}", "t.yaml");
        ConfigOverrides o = new ConfigOverrides(List.of(), null, null, null, "30m", null, null);
        assertThat(o.applyTo(c).engineSettings().idleAfter()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void unitsReadAndWriteBack() {
        assertThat(Units.parseSize("32MiB")).isEqualTo(33_554_432L);
        assertThat(Units.parseSize("10MB")).isEqualTo(10_000_000L);
        assertThat(Units.parseSize("4096")).isEqualTo(4096L);
        assertThat(Units.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(Units.parseDuration("8h")).isEqualTo(Duration.ofHours(8));
        assertThat(Units.formatDuration(Duration.ofMinutes(90))).isEqualTo("90m");
        assertThatThrownBy(() -> Units.parseSize("99999999999TiB")).hasMessageContaining("too large");
    }
}
