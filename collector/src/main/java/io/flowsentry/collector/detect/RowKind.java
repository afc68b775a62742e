package io.flowsentry.collector.detect;

/** Why a detection row was published; written as the row's {@code kind}. */
public enum RowKind {
    /** The first matching flow of a source in a suppression period, published on the next tick. */
    EARLY("early"),
    /** A closed window's aggregate: what Splunk's hourly search returns. */
    WINDOW("window"),
    /** Flows that arrived for a window already published, batched per (window, source) and tick. */
    LATE("late");

    private final String text;

    RowKind(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}
