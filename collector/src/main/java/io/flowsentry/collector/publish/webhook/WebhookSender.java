package io.flowsentry.collector.publish.webhook;

import io.flowsentry.collector.publish.PublishedRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The delivery loop of one webhook: takes the oldest row of the outbox, POSTs it, and removes it only after
 * a 2xx answer; retries with {@link Backoff} on what may pass ({@link DeliveryOutcome#RETRY}), parks in the
 * dead-letter file what will not. One row at a time, in outbox order.
 */
final class WebhookSender implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    /** How long the loop waits for a row before checking whether it should stop. */
    private static final long IDLE_POLL_MILLIS = 1000;

    private final WebhookSettings settings;
    private final WebhookTemplate template;
    private final PayloadSigner signer;
    private final Outbox outbox;
    private final HttpClient client;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final Map<String, String> templateFields;

    private volatile boolean running = true;
    private volatile long delivered;
    private volatile long failures;
    private volatile String lastFailure;
    private int consecutiveFailures;

    WebhookSender(WebhookSettings settings, Outbox outbox, HttpClient client, Clock clock, Sleeper sleeper, Backoff backoff) {
        this.settings = settings;
        this.template = WebhookTemplate.resolve(settings.template());
        this.signer = settings.secret() == null ? null : new PayloadSigner(settings.secret());
        this.outbox = outbox;
        this.client = client;
        this.clock = clock;
        this.sleeper = sleeper;
        this.backoff = backoff;
        Map<String, String> fields = new HashMap<>();
        fields.put("jira_project", settings.jiraProject());
        fields.put("jira_issue_type", settings.jiraIssueType());
        this.templateFields = fields;
        // Fails now, not at the first detection, on a header value the HTTP client rejects.
        request(new PublishedRow("check", "window", 0, "0.0.0.0", "{}"));
    }

    @Override
    public void run() {
        while (running) {
            try {
                Outbox.Entry head = outbox.awaitHead(IDLE_POLL_MILLIS);
                if (head != null) {
                    deliver(head);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // An outbox I/O error: keep the row, wait like a failed attempt, try again.
                LOG.error("webhook {}: {}", settings.name(), e.toString());
                try {
                    sleeper.sleep(backoff.delayMillis(++consecutiveFailures, 0));
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    void stop() {
        running = false;
    }

    long delivered() {
        return delivered;
    }

    long failures() {
        return failures;
    }

    String lastFailure() {
        return lastFailure;
    }

    private void deliver(Outbox.Entry head) throws InterruptedException {
        PublishedRow row = outbox.read(head);
        if (row == null) {
            if (outbox.isHead(head)) {
                outbox.deadLetter(head, null, "unreadable outbox row");
            }
            return;
        }
        Attempt attempt = attempt(row);
        switch (attempt.outcome) {
            case DELIVERED -> {
                outbox.complete(head);
                delivered++;
                if (consecutiveFailures > 0) {
                    LOG.info("webhook {}: delivering again after {} failed attempts", settings.name(), consecutiveFailures);
                }
                consecutiveFailures = 0;
            }
            case DEAD_LETTER -> {
                failures++;
                lastFailure = attempt.detail;
                LOG.warn("webhook {}: row {} refused ({}), parked in {}/{}", settings.name(), row.id(), attempt.detail,
                        outbox.directory(), Outbox.DEAD_LETTER_FILE);
                outbox.deadLetter(head, row, attempt.detail);
                consecutiveFailures = 0;
            }
            case RETRY -> {
                failures++;
                lastFailure = attempt.detail;
                consecutiveFailures++;
                long wait = backoff.delayMillis(consecutiveFailures, attempt.retryAfterMillis);
                if (consecutiveFailures == 1 || consecutiveFailures % 10 == 0) {
                    LOG.warn("webhook {} ({}): {}; attempt {} failed, {} rows waiting, next try in {} ms", settings.name(),
                            WebhookSettings.redact(settings.url()), attempt.detail, consecutiveFailures, outbox.depth(), wait);
                }
                sleeper.sleep(wait);
            }
            default -> throw new IllegalStateException(attempt.outcome.name());
        }
    }

    private record Attempt(DeliveryOutcome outcome, String detail, long retryAfterMillis) {
    }

    private Attempt attempt(PublishedRow row) throws InterruptedException {
        HttpRequest request = request(row);
        CompletableFuture<HttpResponse<Void>> future = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            // The request timeout bounds the wait for the answer's headers; this bounds the whole exchange.
            HttpResponse<Void> response = future.get(settings.readTimeout().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
            int status = response.statusCode();
            return new Attempt(DeliveryOutcome.of(status), "HTTP " + status, retryAfterMillis(response));
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Attempt(DeliveryOutcome.RETRY, "no complete answer within " + settings.readTimeout(), 0);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String detail = cause instanceof IOException ? cause.getClass().getSimpleName() + ": " + cause.getMessage() : cause.toString();
            return new Attempt(DeliveryOutcome.RETRY, detail, 0);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        }
    }

    /** Retry-After in seconds (RFC 9110 §10.2.3); the HTTP-date form is not honoured. */
    private static long retryAfterMillis(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isEmpty() || value.length() > 9 || !value.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Long.parseLong(value) * 1000;
    }

    HttpRequest request(PublishedRow row) {
        byte[] body = template.render(row, settings.name(), templateFields).getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder builder = HttpRequest.newBuilder(settings.url())
                .timeout(settings.readTimeout())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", row.id())
                .header("User-Agent", "flowsentry");
        settings.headers().forEach(builder::header);
        if (signer != null) {
            long timestamp = clock.instant().getEpochSecond();
            builder.header(PayloadSigner.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(PayloadSigner.SIGNATURE_HEADER, signer.signature(timestamp, body));
        }
        return builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }
}
