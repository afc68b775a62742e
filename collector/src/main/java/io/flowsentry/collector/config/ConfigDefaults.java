package io.flowsentry.collector.config;

import io.flowsentry.collector.detect.DetectionProfile;
import io.flowsentry.decoder.DecoderLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Every default of the configuration, in one place. {@code flowsentry.example.yaml} states the same values
 * (a golden test holds the two equal).
 */
public final class ConfigDefaults {

    /** NetFlow v5/v9 on 2055 (Cisco's customary port), IPFIX on 4739 (IANA, RFC 7011 §10.3). */
    public static final List<HostPort> LISTENERS = List.of(new HostPort("0.0.0.0", 2055), new HostPort("0.0.0.0", 4739));
    /** 32 MiB: about 22,000 datagrams of 1,500 bytes, a quarter second at 88,000 datagrams/s. */
    public static final long RECEIVE_BUFFER = 32L << 20;
    public static final Path DATA_DIR = Path.of("./data");
    public static final Duration ZEEK_POLL_INTERVAL = Duration.ofMillis(250);
    /** The decoder's own bounds; their arithmetic is in {@link DecoderLimits#defaults()}. */
    private static final DecoderLimits DECODER = DecoderLimits.defaults();
    public static final int MAX_EXPORTERS = DECODER.maxExporters();
    public static final int MAX_TEMPLATES_PER_EXPORTER = DECODER.maxTemplatesPerExporter();
    public static final Duration TEMPLATE_TIMEOUT = DECODER.templateTimeout();
    public static final long PENDING_BYTES_PER_EXPORTER = DECODER.pendingBytes();
    /**
     * Synthetic traffic through a private listener, engine and store before the listeners bind: long enough
     * for the JIT to compile the decode and detection paths (a 1 M flows/s v9 run from a cold start lost
     * 12,560 datagrams in its first 1.5 s without it). 3 s: the set-up of the private listener and store takes
     * 0.5-1 s, the receive path alone then has about 1 s (what it needed before the detection path was warmed
     * too), the detection path the next second; at 2 M v9 flows/s the JIT spent a median 1.27 CPU-s of a 20 s
     * trial after it, 1.75 after 2 s and 1.71 after the receive path's 1 s alone (see {@code PathWarmUp}).
     */
    public static final Duration DECODER_WARM_UP = Duration.ofSeconds(3);
    public static final Duration WINDOW = Duration.ofHours(1);
    /** ESCU's {@code latest_time = -10m@m}. */
    public static final Duration LATENESS = Duration.ofMinutes(10);
    public static final Duration MAX_FUTURE = Duration.ofMinutes(10);
    /**
     * Equal to {@link #LATENESS}: after 10 quiet minutes a window closes 20 minutes past its end instead of
     * 10, long enough for an exporter's active timeout (NetFlow's is often 1-5 minutes) or a router reboot.
     */
    public static final Duration IDLE_AFTER = Duration.ofMinutes(10);
    /** The original detection's throttle: 28,800 s per {@code src_ip}. */
    public static final Duration EARLY_SUPPRESSION = Duration.ofHours(8);
    /** 100,000 sources x 24 bytes = 2.4 MB in {@code engine/early-alerts.bin}. */
    public static final int EARLY_MAX_SOURCES = 100_000;
    /**
     * 200,000 (window, source) entries: 100,000 sources in the open hour and in the previous one still
     * waiting out its lateness. The map file is allocated up front at about 1.6 KB an entry (64 destination
     * addresses of 16 bytes dominate), so 200,000 entries take about 320 MB of disk where 1,000,000 took
     * 1.6 GB and made the first start slow.
     */
    public static final long CAPACITY_SOURCES = 200_000;
    public static final int MAX_DEST_IPS = 64;
    public static final int MAX_DEST_PORTS = 32;
    /**
     * 16,384 heap aggregates before the map, about 2 KiB of heap each (32 MiB): room for a hot set of
     * 10,000 sources a second. A worm whose sources all send every second needs one per source (131,072 for
     * 100,000 sources: each flow then updates the heap, and the map once per source a second).
     */
    public static final int FRONT_SOURCES = 16_384;
    public static final HostPort METRICS_LISTEN = new HostPort("127.0.0.1", 9721);

    public static final String KAFKA_TOPIC = "flowsentry.matches";
    public static final String KAFKA_GROUP = "flowsentry-detect";

    public static final String WEBHOOK_TEMPLATE = "generic";
    public static final Duration WEBHOOK_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration WEBHOOK_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration WEBHOOK_MAX_BACKOFF = Duration.ofMinutes(5);
    public static final String JIRA_ISSUE_TYPE = "Task";

    private ConfigDefaults() {
    }

    public static FlowsentryConfig config() {
        return new FlowsentryConfig(
                LISTENERS,
                RECEIVE_BUFFER,
                0,
                List.of(),
                DATA_DIR,
                new FlowsentryConfig.Assets(null, null),
                new FlowsentryConfig.Zeek(List.of(), ZEEK_POLL_INTERVAL),
                new FlowsentryConfig.Decoder(MAX_EXPORTERS, MAX_TEMPLATES_PER_EXPORTER, TEMPLATE_TIMEOUT,
                        PENDING_BYTES_PER_EXPORTER, DECODER_WARM_UP),
                new FlowsentryConfig.Detection(DetectionProfile.ESCU_V3, WINDOW, LATENESS, MAX_FUTURE, IDLE_AFTER,
                        new FlowsentryConfig.Early(true, EARLY_SUPPRESSION, EARLY_MAX_SOURCES), List.of()),
                new FlowsentryConfig.Store(CAPACITY_SOURCES, MAX_DEST_IPS, MAX_DEST_PORTS, FRONT_SOURCES),
                new FlowsentryConfig.Publish(new FlowsentryConfig.Files(true), List.of()),
                new FlowsentryConfig.Metrics(METRICS_LISTEN),
                new FlowsentryConfig.Kafka(null, FlowsentryConfig.KafkaRole.FORWARD, KAFKA_TOPIC, KAFKA_GROUP, null,
                        Map.of()));
    }

    /** A webhook to {@code url} with every other setting at its default. */
    public static FlowsentryConfig.Webhook webhook(String name, java.net.URI url) {
        return new FlowsentryConfig.Webhook(name, url, WEBHOOK_TEMPLATE, null, null, WEBHOOK_CONNECT_TIMEOUT,
                WEBHOOK_READ_TIMEOUT, WEBHOOK_MAX_BACKOFF, null, JIRA_ISSUE_TYPE, Map.of());
    }
}
