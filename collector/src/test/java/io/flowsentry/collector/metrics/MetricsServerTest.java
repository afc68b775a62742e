package io.flowsentry.collector.metrics;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricsServerTest {

    /** Plain fields, as a component would keep them. */
    private long ipfixRecords;
    private long v5Records;

    private static HttpResponse<String> get(MetricsServer server, String path) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void scrapeOverLoopbackReadsTheCurrentValuesOfPlainCounters() throws Exception {
        Metrics metrics = Metrics.create();
        metrics.family(FlowsentryMetrics.RECORDS).register(() -> ipfixRecords, "ipfix");
        metrics.family(FlowsentryMetrics.RECORDS).register(() -> v5Records, "netflow:v5");
        Map<String, Long> gaps = new ConcurrentHashMap<>(Map.of("192.0.2.1", 3L, "2001:db8::1", 1L));
        metrics.family(FlowsentryMetrics.SEQUENCE_GAPS).register(sink -> gaps.forEach((k, v) -> sink.sample(v, k)));
        metrics.family(FlowsentryMetrics.OUTBOX_DEPTH).register(() -> 7, "soc");

        try (MetricsServer server = MetricsServer.start(metrics, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            ipfixRecords = 41;
            v5Records = 2;
            HttpResponse<String> first = get(server, "/metrics");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(first.body())
                    .contains("# TYPE flowsentry_records_total counter")
                    .contains("flowsentry_records_total{sourcetype=\"ipfix\"} 41")
                    .contains("flowsentry_records_total{sourcetype=\"netflow:v5\"} 2")
                    .contains("flowsentry_sequence_gaps_total{exporter=\"192.0.2.1\"} 3")
                    .contains("flowsentry_sequence_gaps_total{exporter=\"2001:db8::1\"} 1")
                    .contains("# TYPE flowsentry_outbox_depth gauge")
                    .contains("flowsentry_outbox_depth{webhook=\"soc\"} 7");

            ipfixRecords = 1_000_000;
            assertThat(get(server, "/metrics").body()).contains("flowsentry_records_total{sourcetype=\"ipfix\"} 1000000");
            assertThat(get(server, "/nothing").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void everyPredefinedNameIsExposedWithItsHelp() {
        Metrics metrics = Metrics.create();
        List<String> names = List.of(FlowsentryMetrics.DATAGRAMS, FlowsentryMetrics.RECORDS, FlowsentryMetrics.DECODE_ERRORS,
                FlowsentryMetrics.TEMPLATE_MISSES, FlowsentryMetrics.SEQUENCE_GAPS, FlowsentryMetrics.KERNEL_DROPS,
                FlowsentryMetrics.MATCHED_RECORDS, FlowsentryMetrics.ROWS_PUBLISHED, FlowsentryMetrics.WEBHOOK_FAILURES,
                FlowsentryMetrics.OUTBOX_DEPTH, FlowsentryMetrics.HANDOFF_WAITS, FlowsentryMetrics.HANDOFF_WAIT_MILLIS,
                FlowsentryMetrics.HANDOFF_BATCHES, FlowsentryMetrics.HANDOFF_PENDING);
        List<String> withSample = new ArrayList<>();
        for (String name : names) {
            MetricFamily family = metrics.family(name);
            String[] labels = family.labelNames().stream().map(l -> "x").toArray(String[]::new);
            family.register(() -> 5, labels);
            withSample.add(name);
        }
        String text = metrics.scrapeText();
        for (String name : withSample) {
            assertThat(text).contains("# HELP " + name + " ");
            assertThat(text).containsPattern("(?m)^" + name + "(\\{[a-z]+=\"x\"})? 5(\\.0)?$");
        }
    }

    @Test
    void wrongLabelCountOrRedefinitionIsRefused() {
        Metrics metrics = Metrics.create();
        assertThatThrownBy(() -> metrics.family(FlowsentryMetrics.RECORDS).register(() -> 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sourcetype");
        assertThatThrownBy(() -> metrics.gauge(FlowsentryMetrics.RECORDS, "x", "sourcetype"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> metrics.family("flowsentry_nothing_total")).isInstanceOf(IllegalArgumentException.class);
        assertThat(metrics.counter(FlowsentryMetrics.RECORDS, "again", "sourcetype")).isSameAs(metrics.family(FlowsentryMetrics.RECORDS));
    }

    @Test
    void removedSourceDisappearsFromTheScrape() {
        Metrics metrics = new Metrics();
        SampleSource source = metrics.counter("demo_total", "demo", new String[] {"k"}, () -> 9, "a");
        assertThat(metrics.scrapeText()).contains("demo_total{k=\"a\"} 9");
        metrics.family("demo_total").remove(source);
        assertThat(metrics.scrapeText()).doesNotContain("demo_total{k=\"a\"}");
    }
}
