package io.flowsentry.collector.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The metrics facade: metric families backed by Prometheus {@link CounterWithCallback} and
 * {@link GaugeWithCallback}, read at scrape time. {@link #create()} predefines the names of
 * {@link FlowsentryMetrics}; components register their counters with, for example,
 * {@code metrics.family(FlowsentryMetrics.RECORDS).register(() -> decoder.records, "ipfix")}.
 */
public final class Metrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Map<String, MetricFamily> families = new ConcurrentHashMap<>();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();

    /** A facade with the flowsentry metric names of {@link FlowsentryMetrics} already defined. */
    public static Metrics create() {
        Metrics metrics = new Metrics();
        FlowsentryMetrics.defineAll(metrics);
        return metrics;
    }

    /** An empty facade (tests, or a component measured alone). */
    public Metrics() {
    }

    /**
     * Defines a counter family, or returns the one already defined under this name.
     *
     * @param name a Prometheus name ending in {@code _total}
     */
    public MetricFamily counter(String name, String help, String... labelNames) {
        return define(name, help, true, labelNames);
    }

    /** Defines a gauge family, or returns the one already defined under this name. */
    public MetricFamily gauge(String name, String help, String... labelNames) {
        return define(name, help, false, labelNames);
    }

    /** Shortcut: defines (or finds) a counter and registers one supplier for the given label values. */
    public SampleSource counter(String name, String help, String[] labelNames, LongSupplier value, String... labelValues) {
        return counter(name, help, labelNames).register(value, labelValues);
    }

    /** Shortcut: defines (or finds) a gauge and registers one supplier for the given label values. */
    public SampleSource gauge(String name, String help, String[] labelNames, LongSupplier value, String... labelValues) {
        return gauge(name, help, labelNames).register(value, labelValues);
    }

    /**
     * The family defined under {@code name}.
     *
     * @throws IllegalArgumentException when no such family was defined
     */
    public MetricFamily family(String name) {
        MetricFamily family = families.get(name);
        if (family == null) {
            throw new IllegalArgumentException("metric " + name + " is not defined (defined: " + families.keySet() + ")");
        }
        return family;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Writes every family in the Prometheus text format 0.0.4. */
    public void writeText(OutputStream out) throws IOException {
        writer.write(out, registry.scrape(), EscapingScheme.UNDERSCORE_ESCAPING);
    }

    public String scrapeText() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writeText(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    public static String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    private synchronized MetricFamily define(String name, String help, boolean counter, String... labelNames) {
        MetricFamily existing = families.get(name);
        if (existing != null) {
            if (existing.isCounter() != counter || !existing.labelNames().equals(java.util.List.of(labelNames))) {
                throw new IllegalArgumentException("metric " + name + " already defined as "
                        + (existing.isCounter() ? "counter" : "gauge") + existing.labelNames());
            }
            return existing;
        }
        MetricFamily family = new MetricFamily(name, help, counter, labelNames);
        if (counter) {
            CounterWithCallback.builder().name(name).help(help).labelNames(labelNames)
                    .callback(cb -> family.collect(cb::call)).register(registry);
        } else {
            GaugeWithCallback.builder().name(name).help(help).labelNames(labelNames)
                    .callback(cb -> family.collect(cb::call)).register(registry);
        }
        families.put(name, family);
        return family;
    }
}
