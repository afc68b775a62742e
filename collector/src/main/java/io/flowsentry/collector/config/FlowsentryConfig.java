package io.flowsentry.collector.config;

import io.flowsentry.collector.detect.DetectionProfile;
import io.flowsentry.collector.detect.EngineSettings;
import io.flowsentry.collector.detect.SuppressionRule;
import io.flowsentry.decoder.DecoderLimits;
import io.flowsentry.store.assets.Cidr;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration of flowsentry, one record per section of the YAML file. Defaults are in
 * {@link ConfigDefaults}; reading and validation in {@link ConfigLoader}; every key with its default and a
 * comment in {@code flowsentry.example.yaml} beside this class.
 *
 * @param listeners       UDP sockets for NetFlow v5/v9 and IPFIX (the version is read per datagram)
 * @param receiveBuffer   SO_RCVBUF per socket, bytes
 * @param eventLoops      Netty event loops; 0 = one per core
 * @param exportersAllow  exporters accepted; empty = all
 * @param dataDir         aggregates/, zeek/, outbox/, detections/, engine/, run/
 * @param kafka           the scale-out over Apache Kafka; off unless {@code bootstrapServers} is set
 */
public record FlowsentryConfig(
        List<HostPort> listeners,
        long receiveBuffer,
        int eventLoops,
        List<Cidr> exportersAllow,
        Path dataDir,
        Assets assets,
        Zeek zeek,
        Decoder decoder,
        Detection detection,
        Store store,
        Publish publish,
        Metrics metrics,
        Kafka kafka) {

    public FlowsentryConfig {
        listeners = List.copyOf(listeners);
        exportersAllow = List.copyOf(exportersAllow);
    }

    /**
     * @param file    an assets CSV (Splunk ES asset list or {@code cidr,category}), or {@code null}
     * @param builtin a built-in set whose addresses count as {@code internal}, or {@code null}
     */
    public record Assets(Path file, String builtin) {
    }

    /** Zeek conn.log directories followed by {@code run}, and how often they are polled. */
    public record Zeek(List<Path> directories, Duration pollInterval) {
        public Zeek {
            directories = List.copyOf(directories);
        }
    }

    /**
     * Bounds of the NetFlow v9 / IPFIX template state, and the start-up warm-up of the receive path
     * ({@code warmUp}, 0 = none).
     */
    public record Decoder(int maxExporters, int maxTemplatesPerExporter, Duration templateTimeout,
                          long pendingBytesPerExporter, Duration warmUp) {

        /** The decoder's limits: these four from the file, the others at the decoder's defaults. */
        public DecoderLimits limits() {
            DecoderLimits d = DecoderLimits.defaults();
            return new DecoderLimits(maxExporters, maxTemplatesPerExporter, d.maxFieldsPerTemplate(),
                    d.maxDomainsPerExporter(), templateTimeout, (int) pendingBytesPerExporter, d.pendingSets(),
                    d.pendingTimeout());
        }
    }

    /**
     * @param maxFuture events further than this ahead of the clock do not move the watermark; 0 = no guard
     * @param idleAfter with no flow for this long, {@code run} closes windows as if event time were at least
     *                  {@code now - idleAfter}; 0 = windows close on event time only
     */
    public record Detection(DetectionProfile profile, Duration window, Duration lateness, Duration maxFuture,
                            Duration idleAfter, Early early, List<SuppressionRule> suppress) {
        public Detection {
            suppress = List.copyOf(suppress);
        }
    }

    /** Early rows: on/off, one per source per {@code suppression}, {@code maxSources} remembered. */
    public record Early(boolean enabled, Duration suppression, int maxSources) {
    }

    /**
     * The aggregate store: sources held, distinct destination addresses and ports per aggregate, and the
     * sources aggregated on the heap before the map.
     */
    public record Store(long capacitySources, int maxDestIps, int maxDestPorts, int frontSources) {
    }

    public record Publish(Files files, List<Webhook> webhooks) {
        public Publish {
            webhooks = List.copyOf(webhooks);
        }
    }

    /** The daily {@code detections/detections-YYYY-MM-DD.jsonl} files. */
    public record Files(boolean enabled) {
    }

    /**
     * One webhook receiver.
     *
     * @param template   {@code generic}, {@code slack}, {@code jira}, or the path of a template file
     * @param secretFile file holding the HMAC-SHA256 secret, or {@code null}
     * @param secretEnv  environment variable holding it, or {@code null} (at most one of the two)
     */
    public record Webhook(String name, URI url, String template, Path secretFile, String secretEnv,
                          Duration connectTimeout, Duration readTimeout, Duration maxBackoff,
                          String jiraProject, String jiraIssueType, Map<String, String> headers) {
        public Webhook {
            headers = Map.copyOf(headers);
        }
    }

    /** The Prometheus endpoint; {@code listen} null = no endpoint. */
    public record Metrics(HostPort listen) {
    }

    /** What a collector does in a Kafka scale-out ({@code kafka.role}). */
    public enum KafkaRole {
        /** Receive, decode, apply the predicate; send the matching flows to Kafka, each in the partition of its source. */
        FORWARD("forward"),
        /** Consume the matching flows of this worker's partitions from Kafka and run the detection on them. */
        DETECT("detect");

        private final String text;

        KafkaRole(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }

        /** The role for its text, or {@code null}. */
        public static KafkaRole fromText(String text) {
            for (KafkaRole r : values()) {
                if (r.text.equals(text)) {
                    return r;
                }
            }
            return null;
        }
    }

    /**
     * The scale-out over Apache Kafka.
     *
     * @param bootstrapServers {@code host:port[,host:port...]}; {@code null} = Kafka off (one collector does all)
     * @param role             {@code forward} or {@code detect}
     * @param topic            the topic of matching flows, partitioned by source address
     * @param group            the consumer group of the {@code detect} workers
     * @param instanceId       the worker's static group membership ({@code group.instance.id}), or {@code null}
     * @param properties       further client properties (TLS, SASL, compression), passed as they are
     */
    public record Kafka(String bootstrapServers, KafkaRole role, String topic, String group, String instanceId,
                        Map<String, String> properties) {
        public Kafka {
            properties = Map.copyOf(properties);
        }

        public boolean enabled() {
            return bootstrapServers != null;
        }
    }

    /** The detection engine's parameters from {@code detection:} and {@code store:}. */
    public EngineSettings engineSettings() {
        return new EngineSettings(detection.profile(), detection.window(), detection.lateness(),
                detection.early().enabled(), detection.early().suppression(), detection.early().maxSources(),
                detection.maxFuture(), store.maxDestIps(), store.maxDestPorts(), detection.idleAfter());
    }

    public FlowsentryConfig withListeners(List<HostPort> newListeners) {
        return new FlowsentryConfig(newListeners, receiveBuffer, eventLoops, exportersAllow, dataDir, assets, zeek,
                decoder, detection, store, publish, metrics, kafka);
    }

    public FlowsentryConfig withDataDir(Path dir) {
        return new FlowsentryConfig(listeners, receiveBuffer, eventLoops, exportersAllow, dir, assets, zeek,
                decoder, detection, store, publish, metrics, kafka);
    }

    public FlowsentryConfig withAssets(Assets newAssets) {
        return new FlowsentryConfig(listeners, receiveBuffer, eventLoops, exportersAllow, dataDir, newAssets, zeek,
                decoder, detection, store, publish, metrics, kafka);
    }

    public FlowsentryConfig withDetection(Detection newDetection) {
        return new FlowsentryConfig(listeners, receiveBuffer, eventLoops, exportersAllow, dataDir, assets, zeek,
                decoder, newDetection, store, publish, metrics, kafka);
    }

    public FlowsentryConfig withKafka(Kafka newKafka) {
        return new FlowsentryConfig(listeners, receiveBuffer, eventLoops, exportersAllow, dataDir, assets, zeek,
                decoder, detection, store, publish, metrics, newKafka);
    }

    /** Adds a webhook (appended after those of the file). */
    public FlowsentryConfig withWebhook(Webhook webhook) {
        List<Webhook> hooks = new ArrayList<>(publish.webhooks());
        hooks.add(webhook);
        return new FlowsentryConfig(listeners, receiveBuffer, eventLoops, exportersAllow, dataDir, assets, zeek,
                decoder, detection, store, new Publish(publish.files(), hooks), metrics, kafka);
    }
}
