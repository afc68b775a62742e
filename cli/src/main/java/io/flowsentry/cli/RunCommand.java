package io.flowsentry.cli;

import io.flowsentry.collector.config.ConfigException;
import io.flowsentry.collector.config.ConfigLoader;
import io.flowsentry.collector.config.ConfigOverrides;
import io.flowsentry.collector.config.FlowsentryConfig;
import io.flowsentry.collector.run.Collector;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sun.misc.Signal;

/** {@code flowsentry run}: the collector daemon, in the foreground until SIGTERM or SIGINT. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {
                "Runs the collector: UDP listeners for NetFlow v5/v9 (2055) and IPFIX (4739), the Outbound SMB",
                "detection, and publishing to files and webhooks. Needs no configuration file.",
                "SIGTERM or SIGINT stops it cleanly (exit 0); SIGHUP or 'flowsentry reload' reloads the",
                "assets table and the suppression rules."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  flowsentry run",
                "  flowsentry run --listen 127.0.0.1:9995 --data-dir /tmp/fs --assets assets.csv",
                "  flowsentry run --config /etc/flowsentry/flowsentry.yaml",
                "  flowsentry run --webhook https://hooks.example.org/flowsentry"})
final class RunCommand implements Callable<Integer> {

    /** Read when present and no --config is given. */
    static final Path DEFAULT_CONFIG = Path.of("/etc/flowsentry/flowsentry.yaml");

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: " + "/etc/flowsentry/flowsentry.yaml when present, else built-in defaults).")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT",
            description = "UDP listener; repeatable; replaces the configured listeners (default 0.0.0.0:2055 and 0.0.0.0:4739).")
    List<String> listen = new ArrayList<>();

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Data directory (default: ./data, or data_dir of the configuration).")
    Path dataDir;

    @Option(names = "--assets", paramLabel = "FILE", description = "Assets CSV (Splunk ES asset list or cidr,category).")
    Path assets;

    @Option(names = "--webhook", paramLabel = "URL", description = "Adds a webhook receiving each row as JSON.")
    String webhook;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,HOST:PORT...]",
            description = "Kafka brokers of a scale-out (kafka.bootstrap_servers); with --kafka-role.")
    String kafkaBootstrap;

    @Option(names = "--kafka-role", paramLabel = "ROLE",
            description = "forward: receive and send the matching flows to Kafka, partitioned by source; detect: run the"
                    + " detection on the flows of this worker's partitions (kafka.role).")
    String kafkaRole;

    @Override
    public Integer call() throws Exception {
        FlowsentryConfig cfg;
        Path file = config != null ? config : (Files.isRegularFile(DEFAULT_CONFIG) ? DEFAULT_CONFIG : null);
        try {
            FlowsentryConfig base = file == null ? ConfigLoader.defaults() : ConfigLoader.load(file);
            cfg = new ConfigOverrides(listen, dataDir, assets, webhook, null, null, null).applyTo(base);
            cfg = ConfigOverrides.applyKafka(cfg, kafkaBootstrap, kafkaRole);
        } catch (ConfigException e) {
            spec.commandLine().getErr().println("flowsentry: " + e.getMessage());
            return FlowsentryCommand.EXIT_USAGE;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Collector collector;
        try {
            collector = Collector.start(cfg, file, Clock.systemUTC());
        } catch (ConfigException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("flowsentry: " + e.getMessage());
            return FlowsentryCommand.EXIT_USAGE;
        } catch (IOException | IllegalStateException e) {
            spec.commandLine().getErr().println("flowsentry: cannot start: " + e.getMessage());
            return 1;
        }
        // SIGTERM/SIGINT end the wait on this thread, so the process exits 0 after a clean stop; the
        // shutdown hook covers any other exit path.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        Thread hook = new Thread(collector::close, "flowsentry-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
        org.slf4j.LoggerFactory.getLogger(RunCommand.class).info("stopping");
        collector.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
        org.slf4j.LoggerFactory.getLogger(RunCommand.class).info("stopped cleanly; {}", heapPeaks());
        return 0;
    }

    /** The JVM's heap high-water marks: the peaks of its heap pools summed, and the largest committed. */
    static String heapPeaks() {
        long used = 0;
        long committed = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                used += pool.getPeakUsage().getUsed();
                committed += pool.getPeakUsage().getCommitted();
            }
        }
        return String.format(Locale.ROOT, "heap peak %d MiB used, %d MiB committed (sum of the heap pools' peaks)",
                used >> 20, committed >> 20);
    }
}
