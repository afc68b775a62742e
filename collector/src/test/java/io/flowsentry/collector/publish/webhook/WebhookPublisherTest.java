package io.flowsentry.collector.publish.webhook;

import io.flowsentry.collector.metrics.Metrics;
import io.flowsentry.collector.publish.PublishedRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookPublisherTest {

    private static final String KEY = "whsec_test_key";

    @TempDir
    Path dataDir;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private Path outboxRoot() {
        return dataDir.resolve("outbox");
    }

    /** Short timeouts and backoff (1..20 ms, full jitter from a fixed 0.5) keep the test fast. */
    private static WebhookSettings settings(Receiver receiver) {
        return WebhookSettings.builder("soc", receiver.url())
                .timeouts(Duration.ofMillis(1000), Duration.ofMillis(1000))
                .backoff(Duration.ofMillis(1), Duration.ofMillis(20))
                .secret(Secret.fromEnv("FS_KEY", Map.of("FS_KEY", KEY)))
                .headers(Map.of("X-Team", "blue"))
                .build();
    }

    private WebhookPublisher open(WebhookSettings settings, boolean startSender) {
        WebhookPublisher publisher = new WebhookPublisher(settings, outboxRoot(), Clock.systemUTC(), Sleeper.REAL, () -> 0.5, startSender);
        toClose.add(0, publisher);
        return publisher;
    }

    private Receiver receiver() throws Exception {
        Receiver receiver = Receiver.onFreePort();
        toClose.add(receiver);
        return receiver;
    }

    /** Waits for a condition of the system under test; 30 s is a hang detector, not a speed requirement. */
    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static List<PublishedRow> rows(String prefix, int n) {
        List<PublishedRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(new PublishedRow(prefix + "-" + i, "window", 1_795_773_600_000L, "10.0.0." + i,
                    "{\"src_ip\":\"10.0.0." + i + "\",\"dest_port\":[445],\"app\":[\"smb \\\"x\\\"\"],\"count\":" + (i + 1) + "}"));
        }
        return rows;
    }

    /** HMAC-SHA256 computed here with javax.crypto, independently of PayloadSigner. */
    private static String expectedSignature(String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }

    /** Every row was taken by the receiver, each id with one body only, and nothing else was taken. */
    private static void assertDeliveredOncePerId(Receiver receiver, List<PublishedRow> rows) throws Exception {
        Map<String, Set<String>> bodiesById = new LinkedHashMap<>();
        for (Receiver.Request r : receiver.accepted()) {
            bodiesById.computeIfAbsent(r.idempotencyKey(), k -> new LinkedHashSet<>()).add(r.body());
        }
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        for (PublishedRow row : rows) {
            expected.put(row.id(), Set.of(row.json()));
        }
        assertThat(bodiesById).isEqualTo(expected);
        assertThat(new ArrayList<>(bodiesById.keySet())).as("delivery order").containsExactlyElementsOf(expected.keySet());
        for (Receiver.Request r : receiver.seen()) {
            assertThat(r.signature()).isEqualTo(expectedSignature(r.timestamp(), r.body()));
            assertThat(r.contentType()).isEqualTo("application/json");
            assertThat(r.extraHeader()).isEqualTo("blue");
        }
    }

    @Test
    void receiverThatRefusesThenFailsThenStallsThenRecoversGetsEveryRowOncePerId() throws Exception {
        Receiver receiver = receiver();
        WebhookPublisher publisher = open(settings(receiver), true);
        List<PublishedRow> rows = rows("r", 12);
        publisher.publish(rows.subList(0, 5));
        publisher.publish(rows.subList(5, 12));

        await("3 refused attempts", () -> publisher.failures() >= 3);
        assertThat(receiver.seen()).isEmpty();
        assertThat(publisher.outboxDepth()).isEqualTo(12);

        AtomicInteger requests = new AtomicInteger();
        receiver.behaviour = r -> switch (requests.incrementAndGet()) {
            case 1, 2, 3 -> Receiver.Answer.FAIL_500;
            case 4, 5 -> Receiver.Answer.STALL_THEN_OK;
            default -> Receiver.Answer.OK;
        };
        receiver.stallMillis = 2500;
        long failuresWhileRefused = publisher.failures();
        receiver.start();

        await("outbox empty", () -> publisher.outboxDepth() == 0);
        assertDeliveredOncePerId(receiver, rows);
        // 3 answers of 500 and 2 stalls beyond the 1 s read timeout were failures, retried with the same key.
        assertThat(publisher.failures()).isGreaterThanOrEqualTo(failuresWhileRefused + 5);
        assertThat(receiver.seen()).hasSize(5 + 12);
        assertThat(receiver.seen().subList(0, 6)).extracting(Receiver.Request::idempotencyKey).containsOnly("r-0");
        assertThat(publisher.delivered()).isEqualTo(12);
        assertThat(publisher.deadLettered()).isZero();
    }

    @Test
    void restartAndCrashLoseNothing() throws Exception {
        Receiver receiver = receiver();
        receiver.behaviour = r -> Receiver.Answer.FAIL_500;
        receiver.start();
        List<PublishedRow> rows = rows("r", 10);

        WebhookPublisher first = open(settings(receiver), true);
        first.publish(rows.subList(0, 4));
        await("2 failed attempts", () -> first.failures() >= 2);
        first.close();

        // A crash: rows published (publish returned), never delivered, the publisher never closed.
        WebhookPublisher crashed = open(settings(receiver), false);
        assertThat(crashed.outboxDepth()).isEqualTo(4);
        crashed.publish(rows.subList(4, 10));
        // ... and an append the crash interrupted before it returned.
        Files.writeString(outboxRoot().resolve("soc").resolve(".tmp-99"), "{\"id\":\"tor");

        receiver.behaviour = r -> Receiver.Answer.OK;
        WebhookPublisher restarted = open(settings(receiver), true);
        await("outbox empty", () -> restarted.outboxDepth() == 0);
        assertDeliveredOncePerId(receiver, rows);
        assertThat(outboxRoot().resolve("soc").resolve(".tmp-99")).doesNotExist();
        try (var files = Files.list(outboxRoot().resolve("soc"))) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("position");
        }
    }

    @Test
    void permanentRefusalIsParkedInTheDeadLetterFileAnd429IsRetried() throws Exception {
        Receiver receiver = receiver();
        AtomicInteger tooMany = new AtomicInteger();
        receiver.behaviour = r -> {
            if (r.idempotencyKey().equals("r-1")) {
                return Receiver.Answer.BAD_REQUEST_400;
            }
            if (r.idempotencyKey().equals("r-2") && tooMany.getAndIncrement() < 2) {
                return Receiver.Answer.TOO_MANY_429;
            }
            return Receiver.Answer.OK;
        };
        receiver.start();
        WebhookPublisher publisher = open(settings(receiver), true);
        Metrics metrics = Metrics.create();
        publisher.registerMetrics(metrics);
        List<PublishedRow> rows = rows("r", 4);
        publisher.publish(rows);
        await("outbox empty", () -> publisher.outboxDepth() == 0);
        assertThat(metrics.scrapeText()).contains("flowsentry_webhook_failures_total{webhook=\"soc\"} 3")
                .contains("flowsentry_outbox_depth{webhook=\"soc\"} 0");

        assertDeliveredOncePerId(receiver, List.of(rows.get(0), rows.get(2), rows.get(3)));
        assertThat(receiver.seen()).filteredOn(r -> r.idempotencyKey().equals("r-1")).hasSize(1);
        assertThat(receiver.seen()).filteredOn(r -> r.idempotencyKey().equals("r-2")).hasSize(3);
        assertThat(publisher.deadLettered()).isEqualTo(1);
        assertThat(publisher.failures()).isEqualTo(3);
        List<String> dead = Files.readAllLines(outboxRoot().resolve("soc").resolve("dead-letter.jsonl"));
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0)).contains("\"reason\":\"HTTP 400\"").contains("\"id\":\"r-1\"");
    }

    @Test
    void aFullOutboxDropsTheOldestRowsAndCountsThem() throws Exception {
        Receiver receiver = receiver();
        receiver.start();
        WebhookPublisher publisher = open(settings(receiver).toBuilder().outboxLimits(3, 1 << 20).build(), false);
        List<PublishedRow> rows = rows("r", 5);
        publisher.publish(rows);
        assertThat(publisher.outboxDepth()).isEqualTo(3);
        assertThat(publisher.droppedFull()).isEqualTo(2);
        assertThat(open(settings(receiver), false).outboxDepth()).as("the drop is durable").isEqualTo(3);
        publisher.start();
        await("outbox empty", () -> publisher.outboxDepth() == 0);
        assertDeliveredOncePerId(receiver, rows.subList(2, 5));
    }

    @Test
    void theReadPositionSurvivesARestartAndALostPositionOnlyCausesResendsWithTheSameKey() throws Exception {
        Receiver receiver = receiver();
        receiver.behaviour = r -> r.idempotencyKey().equals("r-2") ? Receiver.Answer.FAIL_500 : Receiver.Answer.OK;
        receiver.start();
        List<PublishedRow> rows = rows("r", 4);
        WebhookPublisher first = open(settings(receiver), true);
        first.publish(rows);
        await("2 delivered", () -> first.delivered() == 2 && first.failures() >= 1);
        first.close();
        assertThat(open(settings(receiver), false).outboxDepth()).isEqualTo(2);

        // A torn or lost position file: the outbox starts again from its oldest segment.
        Files.write(outboxRoot().resolve("soc").resolve("position"), new byte[] {1, 2, 3});
        WebhookPublisher reopened = open(settings(receiver), false);
        assertThat(reopened.outboxDepth()).isEqualTo(4);
        receiver.behaviour = r -> Receiver.Answer.OK;
        reopened.start();
        await("outbox empty", () -> reopened.outboxDepth() == 0);
        assertDeliveredOncePerId(receiver, rows);
        assertThat(receiver.accepted()).extracting(Receiver.Request::idempotencyKey)
                .containsExactly("r-0", "r-1", "r-0", "r-1", "r-2", "r-3");
    }
}
