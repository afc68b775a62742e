package io.flowsentry.reliability.kill;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowsentry.reliability.ChildCollector;
import io.flowsentry.reliability.SoftflowdReplay;
import io.flowsentry.reliability.WebhookReceiver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of {@code flowsentry run} (a child JVM) under a steady stream of softflowd's SMB export over
 * loopback, at random moments, {@code reliability.kills} times (3 in the test command, 10 in the long
 * version of RELIABILITY.md), each time restarted on the same data directory. Every restart must come
 * up and answer {@code status}, report the aggregate map recovered (the open marker of the unclean stop),
 * decode again, and let {@code sources} read the live map; after a final SIGTERM (exit 0) the detection
 * files hold no row id twice and every row written there reached the webhook, each post carrying
 * its row's Idempotency-Key.
 */
class KillUnderLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofSeconds(120);
    /** A kill lands 0.3 to 3 s after status first answers: in start-up work, mid-stream, mid-publish. */
    private static final int KILL_DELAY_MIN_MS = 300;
    private static final int KILL_DELAY_SPREAD_MS = 2_700;
    private static final String RECOVERED = "was recovered";

    @Test
    void restartsAfterSigkillUnderLoad(@TempDir Path dir) throws Exception {
        int kills = Integer.getInteger("reliability.kills", 3);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        Random random = new Random(seed);
        Path data = dir.resolve("data");
        Path config = ChildCollector.writeTestConfig(dir);
        Path log = dir.resolve("collector.log");
        int port = SoftflowdReplay.freeUdpPort();
        AtomicBoolean streaming = new AtomicBoolean(true);
        List<Integer> killDelays = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver();
             SoftflowdReplay replay = new SoftflowdReplay(SoftflowdReplay.SMB_MIX_V9, port)) {
            Thread sender = new Thread(() -> stream(replay, streaming), "softflowd-replay");
            sender.start();
            try {
                for (int k = 0; k <= kills; k++) {
                    long logBefore = Files.exists(log) ? Files.size(log) : 0;
                    ChildCollector child = ChildCollector.start(List.of(), data, config, port, log, "--webhook", receiver.url());
                    try {
                        child.awaitStatus(START);
                        String startLog = Files.readString(log).substring((int) logBefore);
                        if (k > 0) {
                            assertThat(startLog).as("start %d (seed %d) after SIGKILL recovers the map", k, seed)
                                    .contains(RECOVERED);
                        } else {
                            assertThat(startLog).doesNotContain(RECOVERED);
                        }
                        awaitRecords(data, child);
                        ChildCollector.Cli.Result sources = ChildCollector.Cli.run("sources", "--data-dir", data.toString(), "--json");
                        assertThat(sources.exitCode()).as("sources after start %d: %s", k, sources.err()).isZero();
                        if (k < kills) {
                            int delay = KILL_DELAY_MIN_MS + random.nextInt(KILL_DELAY_SPREAD_MS);
                            killDelays.add(delay);
                            Thread.sleep(delay);
                            child.kill();
                        } else {
                            awaitOutboxEmpty(data, child);
                            assertThat(child.stop(Duration.ofSeconds(60))).as("exit code after SIGTERM").isZero();
                        }
                    } finally {
                        child.process().destroyForcibly();
                    }
                }
            } finally {
                streaming.set(false);
                sender.join();
            }
            List<String> rowIds = detectionRowIds(data.resolve("detections"));
            assertThat(rowIds).as("rows published (seed %d, kill delays %s ms)", seed, killDelays).isNotEmpty();
            assertThat(new HashSet<>(rowIds)).as("row ids in the detection files are unique").hasSize(rowIds.size());
            assertThat(receiver.postsWithoutKey()).isZero();
            assertThat(receiver.keys()).as("every row in the files reached the webhook").containsAll(rowIds);
            System.out.printf("kill under load: %d SIGKILLs (seed %d, delays %s ms), %d datagrams sent, %d rows, "
                    + "%d webhook posts%n", kills, seed, killDelays, replay.datagramsSent(), rowIds.size(), receiver.posts());
        }
    }

    /** Datagrams every 2 ms or so while the test runs: the collector is never idle when killed. */
    private static void stream(SoftflowdReplay replay, AtomicBoolean streaming) {
        try {
            while (streaming.get()) {
                replay.sendOnce();
                Thread.sleep(2);
            }
        } catch (IOException e) {
            throw new IllegalStateException("replay over loopback failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitRecords(Path data, ChildCollector child) throws Exception {
        awaitStatusField(data, child, "records_total", n -> n > 0, "records decoded after start");
    }

    private static void awaitOutboxEmpty(Path data, ChildCollector child) throws Exception {
        awaitStatusField(data, child, "outbox_depth", n -> n == 0, "outbox drained");
    }

    private static void awaitStatusField(Path data, ChildCollector child, String field,
                                         java.util.function.LongPredicate done, String what) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = child.awaitStatus(START);
            JsonNode n = JSON.readTree(last).get(field);
            if (n != null && done.test(n.asLong())) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(what + ": not within 60 s; last status " + last);
    }

    private static List<String> detectionRowIds(Path detections) throws IOException {
        List<String> ids = new ArrayList<>();
        if (!Files.isDirectory(detections)) {
            return ids;
        }
        try (Stream<Path> files = Files.list(detections)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank()) {
                        ids.add(JSON.readTree(line).get("row_id").asText());
                    }
                }
            }
        }
        return ids;
    }
}
