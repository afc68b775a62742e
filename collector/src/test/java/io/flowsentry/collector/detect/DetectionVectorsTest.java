package io.flowsentry.collector.detect;

import io.flowsentry.collector.config.ConfigDefaults;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowsentry.collector.publish.PublishedRow;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.store.aggregate.InMemorySourceAggregates;
import io.flowsentry.store.assets.AssetsCsvLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine over ../shared/docs/vectors/events.jsonl, with vectors/assets.csv, gives exactly
 * vectors/expected.jsonl (rows produced by an independent implementation of DETECTION.md): the contract
 * keys in their order with equal values; flowsentry's extra keys follow them.
 */
class DetectionVectorsTest {

    private static final List<String> CONTRACT_KEYS = List.of("rule_id", "rule_name", "window_start",
            "window_end", "src_ip", "start_time", "end_time", "action", "app", "dest_ip", "dest_port",
            "sourcetype", "count", "risk_score", "risk_object", "mitre_attack");

    @Test
    void vectorsGiveTheExpectedRows() throws Exception {
        Path dir = VectorEvents.vectorsDir();
        EngineSettings settings = ConfigDefaults.config().engineSettings().withMaxFuture(Duration.ZERO);
        CollectingPublisher publisher = new CollectingPublisher();
        DetectionEngine engine = new DetectionEngine(settings,
                new SmbPredicate(DetectionProfile.ESCU_V3, AssetsCsvLoader.load(dir.resolve("assets.csv"))),
                SuppressionRules.NONE, new InMemorySourceAggregates(1000), publisher, () -> 0L, null);

        List<FlowRecord> events = VectorEvents.read(dir.resolve("events.jsonl"));
        FlowRecord reused = new FlowRecord();
        for (FlowRecord e : events) {
            engine.onFlow(reused.reset().copyFrom(e));
        }
        engine.closeAll();

        List<String> expected = Files.readAllLines(dir.resolve("expected.jsonl")).stream()
                .filter(l -> !l.isBlank()).toList();
        List<PublishedRow> rows = publisher.ofKind("window");
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode want = VectorEvents.JSON.readTree(expected.get(i));
            JsonNode got = VectorEvents.JSON.readTree(rows.get(i).json());
            assertThat(fieldNames(got).subList(0, CONTRACT_KEYS.size())).isEqualTo(CONTRACT_KEYS);
            for (String key : CONTRACT_KEYS) {
                assertThat(got.get(key)).as("row %d (%s) key %s", i, want.get("src_ip"), key).isEqualTo(want.get(key));
            }
            assertThat(got.get("kind").asText()).isEqualTo("window");
            assertThat(rows.get(i).srcIp()).isEqualTo(want.get("src_ip").asText());
        }
        // Every event is one flow; the matched ones are exactly those counted in the expected rows.
        assertThat(engine.counters().flowsSeen()).isEqualTo(36);
        assertThat(engine.counters().flowsMatched()).isEqualTo(expected.stream()
                .mapToLong(l -> readCount(l)).sum());
        assertThat(engine.counters().rows(RowKind.WINDOW)).isEqualTo(expected.size());
    }

    private static long readCount(String line) {
        try {
            return VectorEvents.JSON.readTree(line).get("count").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
