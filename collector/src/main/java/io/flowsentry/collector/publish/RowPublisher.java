package io.flowsentry.collector.publish;

import java.util.List;

/**
 * Where detection rows go: the daily JSON-lines files, the webhook outbox. {@link #publish} returns once
 * the rows are durable in this publisher (appended and fsync'd, or in the outbox on disk); delivery to a
 * remote receiver may happen later.
 */
public interface RowPublisher extends AutoCloseable {

    void publish(List<PublishedRow> rows);

    /** Flushes and releases; rows accepted by {@link #publish} are kept for the next start. */
    @Override
    void close();
}
