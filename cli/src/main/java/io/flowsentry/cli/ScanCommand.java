package io.flowsentry.cli;

import io.flowsentry.collector.config.ConfigException;
import io.flowsentry.collector.config.ConfigLoader;
import io.flowsentry.collector.config.ConfigOverrides;
import io.flowsentry.collector.config.DetectionSetup;
import io.flowsentry.collector.config.FlowsentryConfig;
import io.flowsentry.collector.detect.DetectionEngine;
import io.flowsentry.collector.detect.DetectionRowJson;
import io.flowsentry.collector.detect.RowKind;
import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.collector.publish.PublishedRow;
import io.flowsentry.collector.publish.RowPublisher;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.store.aggregate.InMemorySourceAggregates;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flowsentry scan PATH...}: the detection of {@code run}, offline, over captures and conn.logs.
 * Event time is the only clock: windows close as the input's time passes their end plus the lateness,
 * and every window still open is closed at the end of the input.
 */
@Command(
        name = "scan",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the Outbound SMB detection over pcap/pcapng captures of NetFlow v5/v9/IPFIX exports and "
                        + "Zeek conn.log files (TSV or JSON; plain or gzip; files or directories), and prints "
                        + "the rows as JSON lines on stdout, ordered by window_start then src_ip.",
                "",
                "The engine is the one of `run`, with its configuration: windows close when the input's event "
                        + "time passes their end plus the lateness, and at the end of the input. Inputs are read "
                        + "in the order given, directories in name order. A flow for a window that closed "
                        + "earlier in the input is reported in a \"late\" row, as `run` would report it; for "
                        + "inputs out of time order, a long --lateness (e.g. 3650d) gives one row per window.",
                "A summary of what was read goes to stderr."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:ok (also when nothing matched)",
                "1:failure",
                "2:bad usage or bad input (configuration, assets file, a path that is no capture or conn.log)"},
        footerHeading = "%nExamples:%n",
        footer = {
                "  flowsentry scan exports.pcap",
                "  flowsentry scan --assets assets.csv /var/log/zeek/2026-11-27/",
                "  flowsentry scan --config /etc/flowsentry/flowsentry.yaml --early captures/ conn.log.gz",
                "  flowsentry scan --window 15m --lateness 3650d --profile extended history/ | jq -r .src_ip"})
public final class ScanCommand implements Callable<Integer> {

    /** Early rows leave on the next tick; one second of event time is the tick of {@code run}. */
    private static final long TICK_MILLIS = 1000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Capture or conn.log files, or directories of them.")
    List<Path> paths;

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (default: built-in defaults).")
    Path configFile;

    @Option(names = "--assets", paramLabel = "FILE",
            description = "Assets CSV (Splunk ES asset list or cidr,category); replaces the configuration's assets.file.")
    Path assets;

    @Option(names = "--window", paramLabel = "DURATION", description = "Window length, e.g. 1h, 15m (default: 1h).")
    String window;

    @Option(names = "--lateness", paramLabel = "DURATION", description = "Lateness, e.g. 10m, 3650d (default: 10m).")
    String lateness;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "escu-v3 (default) or extended.")
    String profile;

    @Option(names = "--early", description = "Also print the early rows: the first matching flow of a source, then one per source per detection.early.suppression (8h).")
    boolean early;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        FlowsentryConfig config;
        SmbPredicate predicate;
        try {
            config = configFile == null ? ConfigLoader.defaults() : ConfigLoader.load(configFile);
            config = new ConfigOverrides(List.of(), null, assets, null, window, lateness, profile).applyTo(config);
            predicate = DetectionSetup.predicate(config);
        } catch (ConfigException e) {
            err.println("flowsentry scan: " + e.getMessage());
            return FlowsentryCommand.EXIT_USAGE;
        }
        List<PublishedRow> rows = new ArrayList<>();
        RowPublisher collect = new RowPublisher() {
            @Override
            public void publish(List<PublishedRow> batch) {
                rows.addAll(batch);
            }

            @Override
            public void close() {
            }
        };
        int capacity = (int) Math.min(Integer.MAX_VALUE, config.store().capacitySources());
        try (InMemorySourceAggregates store = new InMemorySourceAggregates(capacity,
                DetectionSetup.aggregateLimits(config))) {
            DetectionEngine engine = new DetectionEngine(config.engineSettings().withEarly(early), predicate,
                    DetectionSetup.suppressionRules(config), store, collect, null, null);
            ScanInputs inputs = new ScanInputs(config.decoder().limits(), new Ticking(engine));
            Progress progress = Progress.forConsole(err, "scan", () -> engine.counters().flowsSeen());
            inputs.progress(progress);
            try {
                for (Path p : paths) {
                    inputs.read(p);
                }
                progress.done();
            } catch (ScanInputs.BadInputException e) {
                err.println("flowsentry scan: " + e.getMessage());
                return FlowsentryCommand.EXIT_USAGE;
            } catch (IOException e) {
                err.println("flowsentry scan: cannot read: " + e.getMessage());
                return FlowsentryCommand.EXIT_USAGE;
            }
            engine.closeAll();
            rows.sort(Comparator.comparingLong(PublishedRow::windowStart)
                    .thenComparing(PublishedRow::srcIp, DetectionRowJson.BYTE_ORDER));
            for (PublishedRow r : rows) {
                out.println(r.json());
            }
            out.flush();
            err.println("flowsentry scan: " + inputs.summary() + "; " + engine.counters().flowsMatched()
                    + " matched, " + engine.counters().flowsSuppressed() + " suppressed; rows: "
                    + engine.counters().rows(RowKind.WINDOW) + " window, " + engine.counters().rows(RowKind.LATE)
                    + " late, " + engine.counters().rows(RowKind.EARLY) + " early"
                    + (engine.droppedSources() > 0 ? "; " + engine.droppedSources()
                    + " flows of new sources dropped (store.capacity_sources reached)" : ""));
            return 0;
        }
    }

    /** Feeds the engine and ticks it each time event time has moved on by a second. */
    private static final class Ticking implements io.flowsentry.flow.FlowSink {
        private final DetectionEngine engine;
        private long nextTick = Long.MIN_VALUE;

        Ticking(DetectionEngine engine) {
            this.engine = engine;
        }

        @Override
        public void accept(FlowRecord record) {
            engine.onFlow(record);
            long watermark = engine.watermark();
            if (watermark >= nextTick) {
                engine.tick();
                nextTick = watermark + TICK_MILLIS;
            }
        }
    }
}
