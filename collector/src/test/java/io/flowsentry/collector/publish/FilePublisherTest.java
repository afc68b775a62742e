package io.flowsentry.collector.publish;

import io.flowsentry.flow.SettableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilePublisherTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant LATE_EVENING = Instant.parse("2026-11-27T23:59:58Z");

    @TempDir
    Path dataDir;

    private Path detections() {
        return dataDir.resolve("detections");
    }

    private List<JsonNode> lines(String day) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(detections().resolve("detections-" + day + ".jsonl"))) {
            nodes.add(MAPPER.readTree(line));
        }
        return nodes;
    }

    private static List<String> ids(List<JsonNode> lines) {
        return lines.stream().map(n -> n.get("row_id").asText()).toList();
    }

    @Test
    void rowsAreAppendedAsJsonLinesInTheFileOfTheUtcDayWithMode0640() throws Exception {
        SettableClock clock = new SettableClock(LATE_EVENING);
        List<PublishedRow> rows = Rows.rows("r", 3);
        try (FilePublisher publisher = new FilePublisher(detections(), clock)) {
            publisher.publish(rows.subList(0, 2));
            clock.advance(Duration.ofSeconds(3));
            publisher.publish(rows.subList(2, 3));
        }
        Path first = detections().resolve("detections-2026-11-27.jsonl");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first))).isEqualTo("rw-r-----");
        List<JsonNode> day1 = lines("2026-11-27");
        assertThat(ids(day1)).containsExactly("r-0", "r-1");
        assertThat(ids(lines("2026-11-28"))).containsExactly("r-2");

        // The row's own keys are written as given; kind and row_id are added.
        JsonNode original = MAPPER.readTree(rows.get(0).json());
        JsonNode written = day1.get(0);
        original.fieldNames().forEachRemaining(k -> assertThat(written.get(k)).as(k).isEqualTo(original.get(k)));
        assertThat(written.get("kind").asText()).isEqualTo("window");
        assertThat(written.get("published_at").asText()).isEqualTo("2026-11-27T23:59:58");
        assertThat(Files.readString(first)).startsWith(rows.get(0).json().substring(0, rows.get(0).json().length() - 1) + ",\"kind\"");
    }

    @Test
    void aRowAlreadyInTodaysFileIsNotWrittenAgainAfterARestart() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-27T10:00:00Z"));
        List<PublishedRow> rows = Rows.rows("r", 4);
        FilePublisher crashed = new FilePublisher(detections(), clock);
        crashed.publish(rows.subList(0, 2));
        // no close: the process died; a new publisher opens the same file
        try (FilePublisher restarted = new FilePublisher(detections(), clock)) {
            restarted.publish(rows.subList(1, 4));
            restarted.publish(List.of(rows.get(3), rows.get(3)));
            assertThat(restarted.duplicatesSkipped()).isEqualTo(3);
            assertThat(restarted.rowsWritten()).isEqualTo(2);
        }
        crashed.close();
        assertThat(ids(lines("2026-11-27"))).containsExactly("r-0", "r-1", "r-2", "r-3");
    }

    @Test
    void aTornLastLineIsCutAtOpen() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-27T10:00:00Z"));
        List<PublishedRow> rows = Rows.rows("r", 2);
        try (FilePublisher publisher = new FilePublisher(detections(), clock)) {
            publisher.publish(rows.subList(0, 1));
        }
        Path file = detections().resolve("detections-2026-11-27.jsonl");
        String torn = PublishedLine.of(rows.get(1), Instant.EPOCH).substring(0, 50);
        Files.write(file, torn.getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        try (FilePublisher publisher = new FilePublisher(detections(), clock)) {
            publisher.publish(rows.subList(1, 2));
        }
        assertThat(ids(lines("2026-11-27"))).containsExactly("r-0", "r-1");
    }

    @Test
    void rememberedIdsAreBoundedSoOnlyTheMostRecentAreDeduplicated() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-27T10:00:00Z"));
        List<PublishedRow> rows = Rows.rows("r", 3);
        try (FilePublisher publisher = new FilePublisher(detections(), clock, 2)) {
            publisher.publish(rows);
        }
        try (FilePublisher publisher = new FilePublisher(detections(), clock, 2)) {
            publisher.publish(List.of(rows.get(2), rows.get(0)));
        }
        // r-2 was remembered (one of the 2 most recent); r-0 was beyond the bound and is written again.
        assertThat(ids(lines("2026-11-27"))).containsExactly("r-0", "r-1", "r-2", "r-0");
    }

    @Test
    void keysTheRowAlreadyCarriesAreNotDuplicated() {
        Instant at = Instant.parse("2026-11-27T11:10:00.250Z");
        PublishedRow row = new PublishedRow("id-1", "early", 0, "10.0.0.1", "{\"kind\":\"early\",\"src_ip\":\"10.0.0.1\"}");
        assertThat(PublishedLine.of(row, at))
                .isEqualTo("{\"kind\":\"early\",\"src_ip\":\"10.0.0.1\",\"row_id\":\"id-1\",\"published_at\":\"2026-11-27T11:10:00\"}");
        PublishedRow empty = new PublishedRow("a\"b", "late", 0, "10.0.0.1", "{}");
        assertThat(PublishedLine.of(empty, at)).isEqualTo("{\"kind\":\"late\",\"row_id\":\"a\\\"b\",\"published_at\":\"2026-11-27T11:10:00\"}");
    }

    @Test
    void onlyTopLevelKeysCountAsAlreadyCarried() {
        Instant at = Instant.parse("2026-11-27T11:10:00Z");
        PublishedRow row = new PublishedRow("id-2", "window", 0, "10.0.0.1", "{\"x\":{\"kind\":1,\"row_id\":[\"published_at\"]}}");
        assertThat(PublishedLine.of(row, at)).isEqualTo(
                "{\"x\":{\"kind\":1,\"row_id\":[\"published_at\"]},\"kind\":\"window\",\"row_id\":\"id-2\",\"published_at\":\"2026-11-27T11:10:00\"}");
    }

    @Test
    void aRowWhoseJsonIsNotExactlyOneObjectIsRefused() {
        for (String json : List.of("{\"a\":}", "{\"a\":1} {\"b\":2}", "{\"a\":1,}", "[{}]", "{\"a\":\"1}")) {
            PublishedRow row = new PublishedRow("id-3", "early", 0, "10.0.0.1", json);
            assertThatThrownBy(() -> PublishedLine.of(row, Instant.EPOCH)).as(json)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one object");
        }
    }
}
