package io.flowsentry.collector.metrics;

/**
 * Produces the samples of one metric family at scrape time, for components whose label values are only
 * known at run time (one sample per exporter, per webhook). Called on the scrape thread: read plain fields,
 * take no lock the hot path holds.
 */
@FunctionalInterface
public interface SampleSource {

    void collect(SampleSink sink);

    /** Receives one sample: its value and the label values, in the order of the family's label names. */
    @FunctionalInterface
    interface SampleSink {
        void sample(double value, String... labelValues);
    }
}
