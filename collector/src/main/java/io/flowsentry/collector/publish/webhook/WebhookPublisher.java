package io.flowsentry.collector.publish.webhook;

import io.flowsentry.collector.metrics.FlowsentryMetrics;
import io.flowsentry.collector.metrics.Metrics;
import io.flowsentry.collector.publish.PublishedRow;
import io.flowsentry.collector.publish.RowPublisher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Publishes rows to one webhook through its durable {@link Outbox} in {@code <data-dir>/outbox/<name>/}:
 * {@link #publish} returns once the rows are on disk; a sender thread POSTs them, one at a time in order,
 * and a row leaves the outbox only after a 2xx answer. Nothing is lost across a restart or a crash; a row
 * may be delivered twice (a timeout after the receiver took it, a crash between the 2xx and the removal),
 * always with the same {@code Idempotency-Key: <row id>}.
 *
 * <p>Requests: {@code POST} with {@code Content-Type: application/json}, {@code Idempotency-Key}, the
 * configured headers, and, with a secret, the signature of {@link PayloadSigner}. HTTPS verifies the
 * server's certificate and host name against the JDK trust store (the default SSLContext). Redirects are
 * not followed.
 */
public final class WebhookPublisher implements RowPublisher {

    private final WebhookSettings settings;
    private final Outbox outbox;
    private final WebhookSender sender;
    private Thread thread;

    /**
     * @param outboxRoot   {@code <data-dir>/outbox}; this webhook's rows go to {@code outboxRoot/<name>/}
     * @param startSender  false opens the outbox without delivering (tests of a crash before delivery)
     */
    public WebhookPublisher(WebhookSettings settings, Path outboxRoot, Clock clock, Sleeper sleeper,
                            DoubleSupplier random, boolean startSender) {
        this.settings = settings;
        try {
            this.outbox = Outbox.open(outboxRoot.resolve(settings.name()), settings.maxOutboxRows(),
                    settings.maxOutboxBytes(), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("webhook " + settings.name() + ": cannot open outbox in " + outboxRoot + ": " + e.getMessage(), e);
        }
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.sender = new WebhookSender(settings, outbox, client, clock,
                sleeper, new Backoff(settings.initialBackoff(), settings.maxBackoff(), random));
        if (startSender) {
            start();
        }
    }

    /** The production publisher: system clock, real sleeps, random jitter, sender started. */
    public static WebhookPublisher start(WebhookSettings settings, Path outboxRoot) {
        return new WebhookPublisher(settings, outboxRoot, Clock.systemUTC(), Sleeper.REAL,
                () -> ThreadLocalRandom.current().nextDouble(), true);
    }

    /** Starts the sender thread (once). */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(sender, "flowsentry-webhook-" + settings.name());
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void publish(List<PublishedRow> rows) {
        outbox.append(rows);
    }

    /** Registers this webhook's failure count and outbox depth under its name. */
    public void registerMetrics(Metrics metrics) {
        metrics.family(FlowsentryMetrics.WEBHOOK_FAILURES).register(sender::failures, settings.name());
        metrics.family(FlowsentryMetrics.OUTBOX_DEPTH).register(outbox::depth, settings.name());
    }

    public String name() {
        return settings.name();
    }

    /** Rows waiting in the outbox (including the one in flight). */
    public int outboxDepth() {
        return outbox.depth();
    }

    /** Rows answered with a 2xx. */
    public long delivered() {
        return sender.delivered();
    }

    /** Failed attempts: retried ones and refused ones. */
    public long failures() {
        return sender.failures();
    }

    /**
     * What the last failed attempt got ({@code HTTP 503}, {@code ConnectException: ...}), null before any;
     * it names no URL path, header value or secret.
     */
    public String lastFailure() {
        return sender.lastFailure();
    }

    /** Rows parked in {@code dead-letter.jsonl}. */
    public long deadLettered() {
        return outbox.deadLettered();
    }

    /** Rows dropped because the outbox was full. */
    public long droppedFull() {
        return outbox.droppedFull();
    }

    /**
     * Stops the sender (an attempt in flight is abandoned; its row stays in the outbox). Waits at most
     * the read timeout for the thread to end.
     */
    @Override
    public synchronized void close() {
        sender.stop();
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(settings.readTimeout().toMillis() + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread = null;
        }
        outbox.close();
    }

    @Override
    public String toString() {
        return "WebhookPublisher[" + settings + "]";
    }
}
