package io.flowsentry.bench.publish;

import io.flowsentry.collector.publish.FilePublisher;
import io.flowsentry.collector.publish.PublishedRow;
import io.flowsentry.collector.publish.webhook.Sleeper;
import io.flowsentry.collector.publish.webhook.WebhookPublisher;
import io.flowsentry.collector.publish.webhook.WebhookSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Durable publishing cost: rows per second into the daily file (one fsync per batch) and into a webhook
 * outbox (one fsync per row file plus one of the directory per batch), for batches of {@code batch} rows.
 * The sender is not started, so only the durable append is measured. Files go to {@code java.io.tmpdir}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PublishBenchmark {

    /** Rows per publish call; the engine publishes a closing window's rows in one call. */
    @Param({"1", "100"})
    int batch;

    private Path dir;
    private FilePublisher files;
    private WebhookPublisher outbox;
    private long next;

    private static final String ROW = "{\"rule_id\":\"1bed7774-304a-4e8f-9d72-d80e45ff492b\",\"rule_name\":\"Detect Outbound SMB Traffic\","
            + "\"window_start\":\"2026-11-27T10:00:00\",\"window_end\":\"2026-11-27T11:00:00\",\"src_ip\":\"10.1.2.3\","
            + "\"start_time\":\"2026-11-27T10:03:12\",\"end_time\":\"2026-11-27T10:41:07\",\"action\":[\"allowed\",\"unknown\"],"
            + "\"app\":[\"smb\"],\"dest_ip\":[\"198.51.100.7\",\"203.0.113.9\"],\"dest_port\":[139,445],"
            + "\"sourcetype\":[\"ipfix\",\"zeek:conn\"],\"count\":17,\"risk_score\":25,\"risk_object\":\"src_ip\","
            + "\"mitre_attack\":[\"T1071.002\",\"T1071\"]}";

    @Setup(Level.Trial)
    public void open() throws IOException {
        dir = Files.createTempDirectory("flowsentry-publish-bench");
        files = new FilePublisher(dir.resolve("detections"), Clock.systemUTC(), 1_000_000);
        WebhookSettings settings = WebhookSettings.builder("bench", URI.create("http://127.0.0.1:9/"))
                .outboxLimits(1_000_000, 1L << 30).build();
        outbox = new WebhookPublisher(settings, dir.resolve("outbox"), Clock.systemUTC(), Sleeper.REAL, () -> 0.5, false);
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
        files.close();
        outbox.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private List<PublishedRow> rows() {
        List<PublishedRow> rows = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            rows.add(new PublishedRow("row-" + next++, "window", 0, "10.1.2.3", ROW));
        }
        return rows;
    }

    /** Score: publish calls per second; multiply by {@code batch} for rows per second. */
    @Benchmark
    public void dailyFile() {
        files.publish(rows());
    }

    /** Score: publish calls per second; multiply by {@code batch} for rows per second. */
    @Benchmark
    public void webhookOutbox() {
        outbox.publish(rows());
    }
}
