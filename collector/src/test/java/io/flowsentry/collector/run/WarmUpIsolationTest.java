package io.flowsentry.collector.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.flowsentry.collector.admin.CollectorStatus;
import io.flowsentry.collector.config.ConfigDefaults;
import io.flowsentry.collector.config.ConfigLoader;
import io.flowsentry.collector.config.FlowsentryConfig;
import io.flowsentry.collector.config.HostPort;
import io.flowsentry.collector.detect.EngineCounters;
import io.flowsentry.collector.detect.RowKind;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The start-up warm-up runs synthetic outbound SMB through a private engine and store: none of it reaches
 * the collector's counters, map, engine, detection files, webhook outbox or webhook receiver, and its
 * private store is deleted before the listeners bind.
 */
class WarmUpIsolationTest {

    @TempDir
    Path dataDir;

    @Test
    void nothingOfTheWarmUpReachesTheCollectorsStateOrPublishers() throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger requests = new AtomicInteger();
        receiver.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            FlowsentryConfig config = ConfigLoader.parse("""
                            store: {capacity_sources: 10000}
                            metrics: {listen: null}
                            decoder: {warm_up: 500ms}
                            """, "test")
                    .withListeners(List.of(new HostPort("127.0.0.1", 0))).withDataDir(dataDir)
                    .withWebhook(ConfigDefaults.webhook("hook",
                            URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/rows")));
            try (Collector collector = Collector.start(config, null, Clock.systemUTC())) {
                // The warm-up is over once start returns: its store is gone and it touched nothing real.
                assertThat(dataDir.resolve(DetectionWarmUp.DIRECTORY)).doesNotExist();
                assertThat(dataDir.resolve(ScanWarmUp.DIRECTORY)).doesNotExist();
                CollectorStatus status = collector.status();
                assertThat(status.recordsTotal()).isZero();
                assertThat(status.datagramsTotal()).isZero();
                assertThat(collector.store().size()).isZero();
                assertThat(collector.store().windows()).isEmpty();
                EngineCounters engine = collector.engine().counters();
                assertThat(engine.flowsMatched()).isZero();
                for (RowKind kind : RowKind.values()) {
                    assertThat(engine.rows(kind)).as(kind.text()).isZero();
                }
                assertThat(collector.engine().watermark()).isEqualTo(Long.MIN_VALUE);
            }
            // After the stop (a final tick and flush of the real engine): still nothing anywhere.
            assertThat(filesUnder(dataDir.resolve("detections"))).isEmpty();
            assertThat(filesUnder(dataDir.resolve("outbox")).stream()
                    .filter(p -> p.getFileName().toString().endsWith(".seg"))).isEmpty();
            assertThat(dataDir.resolve(DetectionWarmUp.DIRECTORY)).doesNotExist();
            assertThat(dataDir.resolve(ScanWarmUp.DIRECTORY)).doesNotExist();
            assertThat(requests.get()).isZero();
        } finally {
            receiver.stop(0);
        }
    }

    private static List<Path> filesUnder(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).toList();
        }
    }
}
