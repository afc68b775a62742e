package io.flowsentry.collector.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongSupplier;

/**
 * One metric name with its label names, fed by any number of sources that are read at scrape time.
 * Components keep plain {@code long} counters and register a supplier here; nothing is incremented on
 * the hot path on the metrics' behalf.
 */
public final class MetricFamily {

    private final String name;
    private final String help;
    private final boolean counter;
    private final List<String> labelNames;
    private final List<SampleSource> sources = new CopyOnWriteArrayList<>();

    MetricFamily(String name, String help, boolean counter, String... labelNames) {
        this.name = name;
        this.help = help;
        this.counter = counter;
        this.labelNames = List.of(labelNames);
    }

    public String name() {
        return name;
    }

    public String help() {
        return help;
    }

    public boolean isCounter() {
        return counter;
    }

    public List<String> labelNames() {
        return labelNames;
    }

    /**
     * Adds one sample read from {@code value} at each scrape.
     *
     * @param labelValues one per label name, in order
     * @return the source, to pass to {@link #remove} when the component goes away
     * @throws IllegalArgumentException when the number of label values differs from the label names
     */
    public SampleSource register(LongSupplier value, String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException("metric " + name + ": " + labelValues.length
                    + " label values " + Arrays.toString(labelValues) + " (expected: " + labelNames.size()
                    + " for " + labelNames + ")");
        }
        String[] values = labelValues.clone();
        SampleSource source = sink -> sink.sample(value.getAsLong(), values);
        sources.add(source);
        return source;
    }

    /** Adds a source producing any number of samples (for example one per exporter seen). */
    public SampleSource register(SampleSource source) {
        sources.add(source);
        return source;
    }

    public void remove(SampleSource source) {
        sources.remove(source);
    }

    void collect(SampleSource.SampleSink sink) {
        for (SampleSource source : sources) {
            source.collect(sink);
        }
    }
}
