package io.flowsentry.collector.publish;

import io.flowsentry.collector.metrics.FlowsentryMetrics;
import io.flowsentry.collector.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Hands each batch to every publisher in order (the daily file first, then each webhook outbox) and counts
 * the rows by kind for {@code flowsentry_rows_published_total{kind}}. One publisher failing (a full disk)
 * does not keep the batch from the others; the first failure is rethrown after all were tried, so the
 * caller knows the batch is not durable everywhere and can publish it again (ids make that harmless).
 *
 * <p>Batches matter: each {@code publish} costs one fsync in the daily file and two per webhook outbox,
 * whatever the number of rows, so a burst of early rows is best published as one batch (for example all
 * the early rows of the last second).
 */
public final class FanOutPublisher implements RowPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(FanOutPublisher.class);

    private final List<RowPublisher> publishers;
    private volatile long early;
    private volatile long window;
    private volatile long late;

    public FanOutPublisher(List<? extends RowPublisher> publishers) {
        this.publishers = List.copyOf(publishers);
    }

    @Override
    public synchronized void publish(List<PublishedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        RuntimeException first = null;
        for (RowPublisher publisher : publishers) {
            try {
                publisher.publish(rows);
            } catch (RuntimeException e) {
                LOG.error("publishing {} rows to {} failed: {}", rows.size(), publisher, e.toString());
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
        for (PublishedRow row : rows) {
            switch (row.kind()) {
                case "early" -> early++;
                case "late" -> late++;
                default -> window++;
            }
        }
    }

    /** Rows of {@code kind} published to every publisher ({@code window} also counts unknown kinds). */
    public long published(String kind) {
        return switch (kind) {
            case "early" -> early;
            case "late" -> late;
            default -> window;
        };
    }

    public void registerMetrics(Metrics metrics) {
        for (String kind : List.of("early", "window", "late")) {
            metrics.family(FlowsentryMetrics.ROWS_PUBLISHED).register(() -> published(kind), kind);
        }
    }

    /** Closes every publisher, the file first. */
    @Override
    public void close() {
        for (RowPublisher publisher : publishers) {
            try {
                publisher.close();
            } catch (RuntimeException e) {
                LOG.error("closing {}: {}", publisher, e.toString());
            }
        }
    }
}
