package io.flowsentry.collector.detect;

import io.flowsentry.collector.publish.PublishedRow;
import io.flowsentry.collector.publish.RowPublisher;
import java.util.ArrayList;
import java.util.List;

/** Keeps every published row, in publish order. */
class CollectingPublisher implements RowPublisher {

    final List<PublishedRow> rows = new ArrayList<>();
    int batches;

    @Override
    public void publish(List<PublishedRow> batch) {
        rows.addAll(batch);
        batches++;
    }

    List<PublishedRow> ofKind(String kind) {
        return rows.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    @Override
    public void close() {
    }
}
