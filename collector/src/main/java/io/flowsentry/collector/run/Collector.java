package io.flowsentry.collector.run;

import io.flowsentry.collector.admin.AdminChannel;
import io.flowsentry.collector.admin.CollectorStatus;
import io.flowsentry.collector.config.ConfigException;
import io.flowsentry.collector.config.ConfigLoader;
import io.flowsentry.collector.config.DetectionSetup;
import io.flowsentry.collector.publish.webhook.WebhookSettings;
import io.flowsentry.collector.zeek.ConnLogLineHandler;
import io.flowsentry.collector.zeek.ZeekDirectoryFollower;
import io.flowsentry.collector.zeek.ZeekFollowConfig;
import io.flowsentry.collector.zeek.ZeekFollowService;
import io.flowsentry.decoder.zeek.BadLineLog;
import io.flowsentry.decoder.zeek.ConnLogCounters;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import io.flowsentry.collector.config.FlowsentryConfig;
import io.flowsentry.collector.config.HostPort;
import io.flowsentry.collector.detect.DetectionEngine;
import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.collector.detect.SuppressionRules;
import io.flowsentry.collector.kafka.KafkaClients;
import io.flowsentry.collector.metrics.Metrics;
import io.flowsentry.collector.metrics.MetricsServer;
import io.flowsentry.collector.net.DatagramConsumer;
import io.flowsentry.collector.net.ExporterAllowlist;
import io.flowsentry.collector.net.ListenAddress;
import io.flowsentry.collector.net.ListenerSettings;
import io.flowsentry.collector.net.UdpListeners;
import io.flowsentry.collector.publish.FanOutPublisher;
import io.flowsentry.collector.publish.FilePublisher;
import io.flowsentry.collector.publish.RowPublisher;
import io.flowsentry.collector.publish.webhook.WebhookPublisher;
import io.flowsentry.decoder.DecoderLimits;
import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.store.aggregate.ChronicleSourceAggregates;
import io.flowsentry.store.assets.AssetTable;
import io.flowsentry.store.assets.AssetTableBuilder;
import io.flowsentry.store.assets.ReloadableAssetTable;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code flowsentry run}: listeners, decoders, the detection engine, the store, the publishers, metrics
 * and the admin channel, started in dependency order and stopped in the reverse one.
 *
 * <p>Threads: the UDP event loops decode and filter (one {@link FlowDecoder} each); the detection thread
 * owns the engine and the store ({@link DetectionLoop}); each webhook has its sender; the admin and metrics
 * endpoints have their own. {@link #close()} is the SIGTERM path: listeners stop first, the detection
 * thread drains what was handed over and ticks once more, then the store closes cleanly (no recovery at
 * the next start), the publishers flush, and the run files are removed.
 */
public final class Collector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);

    private final FlowsentryConfig config;
    private final KafkaClients kafkaClients;
    private final Path configFile;
    private final Clock clock;
    /** The clock's milliseconds, one instance for the warm-up and the real path ({@link ClockMillis}). */
    private final ClockMillis millis;
    /** The current predicate, as the ingests read it: one supplier for the warm-up and the real path. */
    private final Supplier<SmbPredicate> predicates = this::predicate;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<NetworkConsumer> consumers = new CopyOnWriteArrayList<>();
    private final List<FlowCounters> producerCounters = new CopyOnWriteArrayList<>();
    private final List<WebhookPublisher> webhooks = new ArrayList<>();
    private final ReloadableAssetTable assets;
    private final ConnLogCounters zeekCounters = new ConnLogCounters();
    private final CollectorStatusView statusView;

    private volatile SmbPredicate predicate;
    private ChronicleSourceAggregates store;
    private DetectionEngine engine;
    private DetectionLoop detection;
    private MatchHandoff handoff;
    private KafkaForwardLoop forwarder;
    private KafkaMatchFeed kafkaFeed;
    private UdpListeners listeners;
    private MetricsServer metricsServer;
    private AdminChannel admin;

    private Collector(FlowsentryConfig config, Path configFile, Clock clock, AssetTable initialAssets,
                      KafkaClients kafkaClients) {
        this.config = config;
        this.kafkaClients = kafkaClients;
        this.configFile = configFile;
        this.clock = clock;
        this.millis = new ClockMillis(clock);
        this.assets = new ReloadableAssetTable(initialAssets);
        this.statusView = new CollectorStatusView(this, clock);
    }

    /**
     * Starts everything. On failure what was started is stopped again and the exception propagates.
     *
     * @param configFile the file the configuration came from, re-read on reload; {@code null} for defaults
     * @throws IOException when the data directory, the store or a socket cannot be set up
     */
    public static Collector start(FlowsentryConfig config, Path configFile, Clock clock) throws IOException {
        return start(config, configFile, clock, KafkaClients.standard());
    }

    /** As {@link #start(FlowsentryConfig, Path, Clock)}, with the Kafka clients of the scale-out given. */
    public static Collector start(FlowsentryConfig config, Path configFile, Clock clock, KafkaClients kafkaClients)
            throws IOException {
        disableLeakSamplingUnlessAsked();
        Collector c = new Collector(config, configFile, clock, assetsOrEmpty(config), kafkaClients);
        try {
            c.startAll();
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /**
     * Netty's leak detector, at its default level, records a stack trace for one in 128 receive buffers:
     * under load that was 0.4-1% of the receive thread's samples (perf, v9 at 2 M flows/s), for buffers
     * the datagram handler always releases. Off in the collector unless {@code -Dio.netty.leakDetection.level}
     * asks for it ({@code simple} or {@code paranoid} to look for a leak).
     */
    private static void disableLeakSamplingUnlessAsked() {
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    private void startAll() throws IOException {
        Path dataDir = config.dataDir();
        Files.createDirectories(dataDir);
        FlowsentryConfig.Kafka kafka = config.kafka();
        boolean forward = kafka.enabled() && kafka.role() == FlowsentryConfig.KafkaRole.FORWARD;
        boolean detectFromKafka = kafka.enabled() && kafka.role() == FlowsentryConfig.KafkaRole.DETECT;
        long maxFuture = config.detection().maxFuture().toMillis();

        warnAboutWhatTheRoleIgnores(forward, detectFromKafka);
        predicate = new SmbPredicate(config.detection().profile(), assets);
        handoff = new MatchHandoff();
        if (forward) {
            forwarder = new KafkaForwardLoop(kafkaClient(() -> kafkaClients.producer(KafkaClients.producerProperties(kafka))),
                    kafka.topic(), handoff, () -> producerCounters, millis);
            forwarder.start();
            started.add(() -> forwarder.stopAndJoin());
        } else {
            startDetection(dataDir, detectFromKafka, maxFuture);
        }

        Metrics metrics = Metrics.create();
        CollectorMetrics.register(metrics, this);
        if (config.metrics().listen() != null) {
            HostPort hp = config.metrics().listen();
            metricsServer = MetricsServer.start(metrics, new InetSocketAddress(hp.host(), hp.port()));
            started.add(metricsServer);
            LOG.info("metrics on http://{}:{}/metrics", hp.host(), metricsServer.port());
        }

        if (!detectFromKafka) {
            startReceiving(maxFuture, forward);
        }

        admin = AdminChannel.start(dataDir, statusView::status, this::reload, clock, true);
        started.add(admin);
        if (forward) {
            LOG.info("flowsentry forwarding: the flows matching profile {} go to Kafka topic {} at {}, each in"
                    + " the partition of its source address; the detection runs on the detect workers", config.detection().profile().text(),
                    kafka.topic(), kafka.bootstrapServers());
        } else {
            LOG.info("flowsentry running: data in {}, profile {}, window {}, lateness {}, early alerts {}{}",
                    dataDir.toAbsolutePath().normalize(), config.detection().profile().text(),
                    config.detection().window(), config.detection().lateness(),
                    config.detection().early().enabled() ? "on" : "off",
                    detectFromKafka ? ", matches from Kafka topic " + kafka.topic() + " at " + kafka.bootstrapServers()
                            + " (group " + kafka.group() + "; no listeners)" : "");
        }
    }

    /** Settings a Kafka role has no use for are named in the log rather than silently dropped. */
    private void warnAboutWhatTheRoleIgnores(boolean forward, boolean detectFromKafka) {
        if (forward && !config.publish().webhooks().isEmpty()) {
            LOG.warn("kafka.role forward: the detection runs on the detect workers, so the {} webhook(s) configured"
                    + " here receive nothing; configure them on the workers", config.publish().webhooks().size());
        }
        if (detectFromKafka && !config.zeek().directories().isEmpty()) {
            LOG.warn("kafka.role detect: zeek.directories {} are not followed (a detect worker reads only Kafka);"
                    + " follow them on a forwarder", config.zeek().directories());
        }
    }

    /**
     * A Kafka client; one its properties do not allow (a bad {@code kafka.properties} entry, a broker name
     * that does not resolve) is a configuration error.
     */
    private static <T> T kafkaClient(Supplier<T> make) {
        try {
            return make.get();
        } catch (org.apache.kafka.common.KafkaException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException("kafka: " + e.getMessage()
                    + (cause != e ? " (" + cause.getMessage() + ")" : ""), e);
        }
    }

    /** The store, the publishers, the engine and the detection thread, fed by the handoff or by Kafka. */
    private void startDetection(Path dataDir, boolean fromKafka, long maxFuture) throws IOException {
        ChronicleSourceAggregates.Options options = ChronicleSourceAggregates.Options.defaults()
                .withCapacity(config.store().capacitySources())
                .withLimits(DetectionSetup.aggregateLimits(config))
                .withFrontSlots(config.store().frontSources())
                .withFlushInterval(DetectionLoop.FLUSH_MILLIS, millis);
        store = ChronicleSourceAggregates.open(dataDir.resolve("aggregates"), options);
        started.add(store);
        if (store.recovered()) {
            LOG.warn("the last stop was unclean: the aggregate map in {} was recovered", dataDir.resolve("aggregates"));
        }

        RowPublisher publisher = new FanOutPublisher(publishers(dataDir));
        started.add(publisher);

        engine = new DetectionEngine(config.engineSettings(), predicate, DetectionSetup.suppressionRules(config),
                store, publisher, millis, DetectionSetup.engineStateDir(config));

        MatchSource matches = handoff;
        if (fromKafka) {
            // No listeners, so no receive-path warm-up: the detection path's, as a worm drives it, before
            // the first poll (a worker's detection thread spent 4.9 CPU-s compiling in a worm without it).
            if (!config.decoder().warmUp().isZero()) {
                warmUpForScans(detectionWarmUpSettings());
            }
            FlowsentryConfig.Kafka kafka = config.kafka();
            kafkaFeed = new KafkaMatchFeed(kafkaClient(() -> kafkaClients.consumer(
                            KafkaClients.consumerProperties(kafka, KafkaMatchFeed.MAX_POLL_MESSAGES))),
                    kafka.topic(), MatchHandoff.DEFAULT_BATCH_SIZE, store::flush, maxFuture, millis);
            producerCounters.add(kafkaFeed.counters());
            matches = kafkaFeed;
        }
        detection = new DetectionLoop(engine, store, matches, () -> producerCounters, millis);
        detection.start();
        started.add(() -> detection.stopAndJoin());
    }

    /** The warm-up, the UDP listeners and the Zeek follower, feeding the handoff. */
    private void startReceiving(long maxFuture, boolean forward) {
        DecoderLimits limits = config.decoder().limits();
        ListenerSettings listenerSettings = listenerSettings(config);
        warmUp(limits, maxFuture, listenerSettings, !forward);
        listeners = UdpListeners.start(listenerSettings, loop -> {
            Ingest ingest = new Ingest(predicates, handoff, maxFuture);
            NetworkConsumer consumer = new NetworkConsumer(new FlowDecoder(clock, limits), ingest);
            consumers.add(loop, consumer);
            producerCounters.add(ingest.counters());
            return (DatagramConsumer) consumer;
        }, millis);
        // Close order is the reverse of this list: the listeners stop, then the matches their loops had not
        // handed over yet (a batch waits up to Ingest.HANDOFF_MAX_AGE_MILLIS to fill) are handed over, then
        // the detection thread (or the forwarder) drains them all.
        started.add(() -> {
            // Only from loops that have stopped: an ingest belongs to its loop's thread.
            if (listeners.terminated()) {
                consumers.forEach(c -> c.ingest().flush());
            }
        });
        started.add(listeners);
        listeners.scheduleOnEachLoop(loop -> consumers.get(loop).tick(clock.millis()), NetworkConsumer.TICK_MILLIS);

        if (!config.zeek().directories().isEmpty()) {
            startZeek(handoff, maxFuture);
        }
    }

    /**
     * Follows the configured conn.log directories on one thread. Each batch of lines is handed to the
     * detection thread before the follower checkpoints it, so a line is in the pipeline before its offset
     * is durable (at least once across a crash).
     */
    private void startZeek(MatchHandoff handoff, long maxFuture) {
        Ingest ingest = new Ingest(predicates, handoff, maxFuture);
        producerCounters.add(ingest.counters());
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "flowsentry-zeek");
            t.setDaemon(true);
            return t;
        });
        ZeekFollowConfig zc = new ZeekFollowConfig(config.zeek().directories(), ZeekFollowConfig.DEFAULT_FILE_NAME,
                config.zeek().pollInterval(), ZeekDirectoryFollower.DEFAULT_MAX_BATCH_BYTES);
        ZeekFollowService zeek = new ZeekFollowService(zc, config.dataDir(), dir -> new ConnLogLineHandler(ingest,
                zeekCounters, BadLineLog.standard(), () -> {
                    ingest.flush();
                    ingest.endBurst();
                    ingest.beginBurst(clock.millis());
                    return 0;
                }), executor);
        zeek.start();
        started.add(() -> {
            zeek.close();
            executor.shutdown();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        });
        LOG.info("following Zeek conn.log in {}", config.zeek().directories());
    }

    private List<RowPublisher> publishers(Path dataDir) {
        List<RowPublisher> out = new ArrayList<>();
        if (config.publish().files().enabled()) {
            out.add(new FilePublisher(dataDir.resolve("detections"), clock));
        }
        for (FlowsentryConfig.Webhook w : config.publish().webhooks()) {
            WebhookPublisher p = WebhookPublisher.start(WebhookSettings.fromConfig(w, System.getenv()),
                    dataDir.resolve("outbox"));
            webhooks.add(p);
            out.add(p);
            LOG.info("webhook '{}' to {} (template {})", w.name(), WebhookSettings.redact(w.url()), w.template());
        }
        return out;
    }

    /**
     * The configured assets table, or an empty one (so a reload can later swap a table in).
     *
     * @throws io.flowsentry.collector.config.ConfigException naming the assets file when it does not load
     */
    private static AssetTable assetsOrEmpty(FlowsentryConfig config) {
        AssetTable table = DetectionSetup.assets(config.assets());
        if (table == null) {
            return new AssetTableBuilder().build();
        }
        LOG.info("assets: {} entries ({})", table.size(),
                config.assets().file() != null ? config.assets().file() : "built-in " + config.assets().builtin());
        return table;
    }

    /**
     * Warms the receive and detection paths up before the listeners bind, on private instances
     * ({@link PathWarmUp}); a warm-up that cannot run is skipped, not fatal.
     */
    private void warmUp(DecoderLimits limits, long maxFuture, ListenerSettings listenerSettings, boolean scans) {
        try {
            DetectionWarmUp.Settings detection = detectionWarmUpSettings();
            PathWarmUp.Result warm = PathWarmUp.run(new PathWarmUp.Ingests(predicates, maxFuture), clock, limits,
                    listenerSettings, detection, config.decoder().warmUp().toMillis());
            if (warm.sent() > 0) {
                LOG.info("receive and detection paths warmed up in {} ms on private loopback listeners"
                        + " ({}, one after the other) and a private store: {} synthetic datagrams sent from {} loopback"
                        + " exporters, {} records decoded, {} matches"
                        + " aggregated for {} sources, {} early and {} window rows discarded, the receive loop waited"
                        + " {} times for the detection thread (none of it counted, stored or published)",
                        warm.millis(), listenerList(warm.ports()), warm.sent(), warm.exporters(), warm.records(), warm.matches(),
                        warm.detection().sources(), warm.detection().earlyRows(), warm.detection().windowRows(),
                        warm.handoffWaits());
                if (scans) {
                    warmUpForScans(detection);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("warm-up skipped ({}): the first datagrams meet a cold decoder and detection path", e.toString());
        }
    }

    private DetectionWarmUp.Settings detectionWarmUpSettings() {
        return new DetectionWarmUp.Settings(config.dataDir(), config.engineSettings(),
                DetectionSetup.suppressionRules(config), DetectionSetup.aggregateLimits(config));
    }

    /** The second warm-up ({@link ScanWarmUp}); one that cannot run is skipped, not fatal. */
    private void warmUpForScans(DetectionWarmUp.Settings detection) {
        try {
            ScanWarmUp.Result scan = ScanWarmUp.run(detection, predicates.get(), clock);
            LOG.info("detection path warmed up for worms and scanners in {} ms on a private store: {} synthetic"
                    + " outbound SMB flows from {} sources, {} early and {} window rows written and deleted",
                    scan.millis(), scan.flows(), scan.sources(), scan.earlyRows(), scan.windowRows());
        } catch (IOException | RuntimeException e) {
            LOG.warn("worm and scanner warm-up skipped ({}): a worm's first flows meet a detection path compiled"
                    + " for the synthetic exports only", e.toString());
        }
    }

    /** {@code 127.0.0.1:41000, 127.0.0.1:41001}: the warm-up's own sockets, which its log line names. */
    private static String listenerList(List<Integer> ports) {
        return ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(", "));
    }

    private static ListenerSettings listenerSettings(FlowsentryConfig c) {
        List<ListenAddress> addresses = new ArrayList<>();
        for (HostPort hp : c.listeners()) {
            addresses.add(new ListenAddress(hp.host(), hp.port()));
        }
        List<String> allow = new ArrayList<>();
        c.exportersAllow().forEach(cidr -> allow.add(cidr.toString()));
        int loops = c.eventLoops() > 0 ? c.eventLoops() : Runtime.getRuntime().availableProcessors();
        int rcvbuf = (int) Math.min(Integer.MAX_VALUE, c.receiveBuffer());
        ExporterAllowlist allowlist = allow.isEmpty() ? ExporterAllowlist.allowAll() : ExporterAllowlist.of(allow);
        return ListenerSettings.defaults().withAddresses(addresses).withEventLoops(loops)
                .withReceiveBufferBytes(rcvbuf).withAllowlist(allowlist);
    }

    /**
     * SIGHUP and {@code flowsentry reload}: re-reads the configuration file for the suppression rules and
     * the assets table, each built aside and swapped atomically. Other keys need a restart (logged).
     *
     * @throws RuntimeException naming what could not be loaded; the running rules stay in force
     */
    public void reload() {
        FlowsentryConfig next = configFile == null ? config : ConfigLoader.load(configFile);
        AssetTable table = assetsOrEmpty(next);
        SuppressionRules rules = DetectionSetup.suppressionRules(next);
        assets.swap(table);
        if (engine != null) {
            engine.replaceSuppressionRules(rules);
        }
        LOG.info("reloaded: {} assets entries, {} suppression rule(s)", table.size(), rules.size());
    }

    SmbPredicate predicate() {
        return predicate;
    }

    FlowsentryConfig config() {
        return config;
    }

    List<NetworkConsumer> consumers() {
        return consumers;
    }

    List<FlowCounters> producerCounters() {
        return producerCounters;
    }

    List<WebhookPublisher> webhooks() {
        return webhooks;
    }

    DetectionEngine engine() {
        return engine;
    }

    DetectionLoop detection() {
        return detection;
    }

    MatchHandoff handoff() {
        return handoff;
    }

    KafkaForwardLoop forwarder() {
        return forwarder;
    }

    KafkaMatchFeed kafkaFeed() {
        return kafkaFeed;
    }

    UdpListeners listeners() {
        return listeners;
    }

    ChronicleSourceAggregates store() {
        return store;
    }

    /** The status {@code flowsentry status} shows. */
    public CollectorStatus status() {
        return statusView.status();
    }

    /** The admin endpoint's port, for tests. */
    public int adminPort() {
        return admin.port();
    }

    /** The UDP ports bound, in listener order (useful with port 0). */
    public List<Integer> boundPorts() {
        return listeners == null ? List.of() : listeners.boundPorts();
    }

    /** Stops everything in reverse start order; safe to call twice. */
    @Override
    public synchronized void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            AutoCloseable c = started.get(i);
            try {
                c.close();
            } catch (Exception e) {
                LOG.error("stopping {} failed: {}", c, e.toString(), e);
            }
        }
        started.clear();
    }
}
