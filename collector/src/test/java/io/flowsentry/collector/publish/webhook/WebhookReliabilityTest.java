package io.flowsentry.collector.publish.webhook;

import io.flowsentry.collector.publish.PublishedRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7, webhook reliability: the receiver refuses connections, then answers 500, then stalls; rows keep
 * being published during the outage and the publisher is restarted in the middle of it; once the receiver
 * recovers, every row arrives, each id with one body, none lost.
 *
 * <p>In the test command the phases last seconds, with millisecond backoff. The long run uses the
 * production defaults (backoff 1 s to 5 min, 10 s read timeout) and the durations of the issue:
 * <pre>
 *   mvn -B -q -pl collector -am verify -Dtest=WebhookReliabilityTest -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dflowsentry.reliability.long=true
 * </pre>
 * (refuse 5 min, 500 for 2 min, stall 2 min; last results in BENCHMARKS.md, "Webhook reliability").
 */
class WebhookReliabilityTest {

    private static final boolean LONG = Boolean.getBoolean("flowsentry.reliability.long");

    @TempDir
    Path dataDir;

    private record Plan(Duration refuse, Duration fail, Duration stall, Duration publishEvery, Settings settings) {
    }

    private record Settings(Duration connect, Duration read, Duration initialBackoff, Duration maxBackoff, long stallMillis) {
    }

    private static Plan plan() {
        if (LONG) {
            return new Plan(Duration.ofMinutes(5), Duration.ofMinutes(2), Duration.ofMinutes(2), Duration.ofSeconds(10),
                    new Settings(WebhookSettings.DEFAULT_CONNECT_TIMEOUT, WebhookSettings.DEFAULT_READ_TIMEOUT,
                            WebhookSettings.DEFAULT_INITIAL_BACKOFF, WebhookSettings.DEFAULT_MAX_BACKOFF, 30_000));
        }
        return new Plan(Duration.ofMillis(1500), Duration.ofMillis(800), Duration.ofMillis(2500), Duration.ofMillis(100),
                new Settings(Duration.ofMillis(500), Duration.ofMillis(700), Duration.ofMillis(1), Duration.ofMillis(50), 1500));
    }

    private WebhookPublisher open(Receiver receiver, Settings s) {
        WebhookSettings settings = WebhookSettings.builder("soc", receiver.url())
                .timeouts(s.connect(), s.read())
                .backoff(s.initialBackoff(), s.maxBackoff())
                .secret(Secret.fromEnv("K", Map.of("K", "reliability")))
                .build();
        return new WebhookPublisher(settings, dataDir.resolve("outbox"), Clock.systemUTC(), Sleeper.REAL,
                () -> ThreadLocalRandom.current().nextDouble(), true);
    }

    /** Publishes one row every {@code every} for {@code phase}; returns the rows. */
    private static List<PublishedRow> publishDuring(WebhookPublisher publisher, Duration phase, Duration every, String prefix)
            throws InterruptedException {
        List<PublishedRow> rows = new ArrayList<>();
        long end = System.nanoTime() + phase.toNanos();
        while (System.nanoTime() < end) {
            PublishedRow row = new PublishedRow(prefix + "-" + rows.size(), "early", 0, "10.0.0.1",
                    "{\"src_ip\":\"10.0.0.1\",\"n\":" + rows.size() + "}");
            publisher.publish(List.of(row));
            rows.add(row);
            Thread.sleep(every.toMillis());
        }
        return rows;
    }

    @Test
    void everyRowPublishedDuringAnOutageIsDeliveredAfterRecovery() throws Exception {
        Plan plan = plan();
        try (Receiver receiver = Receiver.onFreePort()) {
            receiver.stallMillis = plan.settings().stallMillis();
            List<PublishedRow> rows = new ArrayList<>();

            WebhookPublisher publisher = open(receiver, plan.settings());
            rows.addAll(publishDuring(publisher, plan.refuse(), plan.publishEvery(), "refused"));

            receiver.behaviour = r -> Receiver.Answer.FAIL_500;
            receiver.start();
            rows.addAll(publishDuring(publisher, plan.fail().dividedBy(2), plan.publishEvery(), "failing-a"));
            publisher.close();
            publisher = open(receiver, plan.settings());
            rows.addAll(publishDuring(publisher, plan.fail().dividedBy(2), plan.publishEvery(), "failing-b"));

            receiver.behaviour = r -> Receiver.Answer.STALL_THEN_OK;
            rows.addAll(publishDuring(publisher, plan.stall(), plan.publishEvery(), "stalled"));

            receiver.behaviour = r -> Receiver.Answer.OK;
            long recovered = System.nanoTime();
            // A hang detector, not a speed requirement: the last backoff before recovery is at most maxBackoff.
            long deadline = recovered + plan.settings().maxBackoff().plus(plan.settings().read()).multipliedBy(3)
                    .plusSeconds(30).toNanos();
            while (publisher.outboxDepth() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            long drainMillis = (System.nanoTime() - recovered) / 1_000_000;
            long failures = publisher.failures();
            publisher.close();

            assertThat(publisher.outboxDepth()).isZero();
            Set<String> published = new LinkedHashSet<>();
            rows.forEach(r -> published.add(r.id()));
            Map<String, Set<String>> bodies = new HashMap<>();
            for (Receiver.Request request : receiver.accepted()) {
                bodies.computeIfAbsent(request.idempotencyKey(), k -> new LinkedHashSet<>()).add(request.body());
            }
            assertThat(bodies.keySet()).containsExactlyInAnyOrderElementsOf(published);
            for (PublishedRow row : rows) {
                assertThat(bodies.get(row.id())).containsExactly(row.json());
            }
            System.out.printf("webhook reliability (%s): %d rows published during the outage, %d requests seen, "
                            + "%d accepted (%d distinct ids), %d failed attempts, outbox drained %d ms after recovery%n",
                    LONG ? "long" : "short", rows.size(), receiver.seen().size(), receiver.accepted().size(),
                    bodies.size(), failures, drainMillis);
        }
    }
}
