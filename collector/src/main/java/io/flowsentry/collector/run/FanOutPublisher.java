package io.flowsentry.collector.run;

import io.flowsentry.collector.publish.PublishedRow;
import io.flowsentry.collector.publish.RowPublisher;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each batch of rows to every configured publisher (the daily files, each webhook's outbox).
 * One failing publisher does not keep the rows from the others; the first failure is rethrown after all
 * were tried, so the engine can count it.
 */
final class FanOutPublisher implements RowPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(FanOutPublisher.class);

    private final List<RowPublisher> publishers;

    FanOutPublisher(List<RowPublisher> publishers) {
        this.publishers = List.copyOf(publishers);
    }

    @Override
    public void publish(List<PublishedRow> rows) {
        RuntimeException first = null;
        for (RowPublisher p : publishers) {
            try {
                p.publish(rows);
            } catch (RuntimeException e) {
                LOG.error("publishing {} row(s) to {} failed: {}", rows.size(), p, e.toString());
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void close() {
        for (RowPublisher p : publishers) {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.error("closing {} failed: {}", p, e.toString());
            }
        }
    }
}
