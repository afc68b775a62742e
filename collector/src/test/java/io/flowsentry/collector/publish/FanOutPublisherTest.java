package io.flowsentry.collector.publish;

import io.flowsentry.collector.metrics.Metrics;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FanOutPublisherTest {

    /** Records batches; fails when told to. */
    private static final class Recording implements RowPublisher {
        final List<List<PublishedRow>> batches = new ArrayList<>();
        boolean fail;
        boolean closed;

        @Override
        public void publish(List<PublishedRow> rows) {
            if (fail) {
                throw new IllegalStateException("disk full");
            }
            batches.add(rows);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static PublishedRow row(String id, String kind) {
        return new PublishedRow(id, kind, 0, "10.0.0.1", "{}");
    }

    @Test
    void everyPublisherGetsTheBatchAndRowsAreCountedByKind() {
        Recording file = new Recording();
        Recording hook = new Recording();
        Metrics metrics = Metrics.create();
        try (FanOutPublisher fanOut = new FanOutPublisher(List.of(file, hook))) {
            fanOut.registerMetrics(metrics);
            fanOut.publish(List.of(row("a", "early"), row("b", "window"), row("c", "window")));
            fanOut.publish(List.of(row("d", "late")));
            assertThat(file.batches).hasSize(2).isEqualTo(hook.batches);
            assertThat(metrics.scrapeText())
                    .contains("flowsentry_rows_published_total{kind=\"early\"} 1")
                    .contains("flowsentry_rows_published_total{kind=\"window\"} 2")
                    .contains("flowsentry_rows_published_total{kind=\"late\"} 1");
        }
        assertThat(file.closed && hook.closed).isTrue();
    }

    @Test
    void aFailingPublisherDoesNotStarveTheOthersAndIsReported() {
        Recording file = new Recording();
        Recording hook = new Recording();
        file.fail = true;
        FanOutPublisher fanOut = new FanOutPublisher(List.of(file, hook));
        assertThatThrownBy(() -> fanOut.publish(List.of(row("a", "window")))).hasMessage("disk full");
        assertThat(hook.batches).hasSize(1);
        assertThat(fanOut.published("window")).as("not counted as published everywhere").isZero();
    }
}
