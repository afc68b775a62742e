package io.flowsentry.reliability.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowsentry.reliability.ChildCollector;
import io.flowsentry.reliability.ExportPackets;
import io.flowsentry.reliability.SoftflowdReplay;
import io.flowsentry.reliability.webhook.ChaosReceiver.Mode;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long webhook chaos run of issue 7, end to end through {@code flowsentry run} (a child JVM with
 * the production webhook defaults: backoff 1 s to 5 min, 10 s read timeout): the receiver refuses
 * connections for 5 minutes, then answers 500 for 2, then stalls for 2, then recovers. Throughout,
 * NetFlow v9 datagrams bring a new outbound-SMB source every second, each giving an early row. After
 * recovery the outbox must drain, and every row in the detection files must have been accepted by
 * the receiver under its Idempotency-Key.
 *
 * <p>Not in the test command (the collector module's WebhookReliabilityTest covers the same phases in
 * seconds); run with {@code -Dreliability.webhook.stretch=1} (the durations; 0.1 gives a
 * 54-second version). Command and last result: RELIABILITY.md.
 */
@EnabledIfSystemProperty(named = "reliability.webhook.stretch", matches = "[0-9.]*[1-9][0-9.]*")
class WebhookChaosTest {

    private static final Duration REFUSE = Duration.ofMinutes(5);
    private static final Duration FAIL = Duration.ofMinutes(2);
    private static final Duration STALL = Duration.ofMinutes(2);
    /** Past the sender's 10 s default read timeout. */
    private static final long STALL_MILLIS = 25_000;
    /** Recovery: the 5 min maximum backoff, twice, plus the read timeout: a hang detector, not a speed goal. */
    private static final Duration DRAIN = Duration.ofMinutes(11);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyRowIsDeliveredAfterTheReceiverRecovers(@TempDir Path dir) throws Exception {
        double stretch = Double.parseDouble(System.getProperty("reliability.webhook.stretch"));
        Path data = dir.resolve("data");
        int port = SoftflowdReplay.freeUdpPort();
        try (ChaosReceiver receiver = new ChaosReceiver(STALL_MILLIS);
             DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            ChildCollector child = ChildCollector.start(List.of(), data, ChildCollector.writeTestConfig(dir), port,
                    dir.resolve("collector.log"), "--webhook", receiver.url());
            try {
                child.awaitStatus(Duration.ofMinutes(2));
                Sources sources = new Sources(socket, port);
                long start = System.nanoTime();
                sources.during(scaled(REFUSE, stretch));
                receiver.mode(Mode.FAIL_500);
                sources.during(scaled(FAIL, stretch));
                receiver.mode(Mode.STALL);
                sources.during(scaled(STALL, stretch));
                receiver.mode(Mode.ACCEPT);
                long recovered = System.nanoTime();
                awaitOutboxEmpty(data, child);
                long drainSeconds = (System.nanoTime() - recovered) / 1_000_000_000L;
                assertThat(child.stop(Duration.ofSeconds(60))).isZero();
                List<String> rowIds = rowIds(data.resolve("detections"));
                assertThat(rowIds).as("rows published during the outage").isNotEmpty();
                assertThat(new HashSet<>(rowIds)).hasSize(rowIds.size());
                assertThat(receiver.acceptedKeys()).as("every row accepted by the receiver").containsAll(rowIds);
                System.out.printf("webhook chaos (stretch %s): %d sources sent, %d rows, %d attempts at the receiver, "
                                + "outbox drained %d s after recovery, %d s in all%n", stretch, sources.sent,
                        rowIds.size(), receiver.attempts(), drainSeconds, (System.nanoTime() - start) / 1_000_000_000L);
            } finally {
                child.process().destroyForcibly();
            }
        }
    }

    private static Duration scaled(Duration d, double stretch) {
        return Duration.ofMillis(Math.max(1_000, (long) (d.toMillis() * stretch)));
    }

    private static void awaitOutboxEmpty(Path data, ChildCollector child) throws Exception {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = child.awaitStatus(Duration.ofSeconds(60));
            if (JSON.readTree(last).path("outbox_depth").asLong(-1) == 0) {
                return;
            }
            Thread.sleep(1_000);
        }
        throw new AssertionError("outbox not drained " + DRAIN + " after recovery; last status " + last);
    }

    private static List<String> rowIds(Path detections) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(detections)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        ids.add(JSON.readTree(line).get("row_id").asText());
                    }
                }
            }
        }
        return ids;
    }

    /** One new source a second (10.77.x.y) sending SMB to 198.51.100.10 in a NetFlow v9 packet. */
    private static final class Sources {
        private static final int TEMPLATE = 256;
        private final DatagramSocket socket;
        private final InetSocketAddress target;
        private long sequence;
        private int sent;

        Sources(DatagramSocket socket, int port) {
            this.socket = socket;
            this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        }

        void during(Duration phase) throws Exception {
            long end = System.nanoTime() + phase.toNanos();
            while (System.nanoTime() < end) {
                int source = 0x0A4D_0000 + sent;
                byte[] p = ExportPackets.v9(sequence++, 1, System.currentTimeMillis() / 1000).templateSet().template(TEMPLATE)
                        .dataSet(TEMPLATE).flow(source, 0xC633_640A, 49_152, 445, 2_000, 10).build();
                socket.send(new DatagramPacket(p, p.length, target));
                sent++;
                Thread.sleep(1_000);
            }
        }
    }
}
