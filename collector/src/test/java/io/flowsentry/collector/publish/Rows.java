package io.flowsentry.collector.publish;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Detection rows for tests: the expected rows of ../shared/docs/vectors, with ids derived from their fields. */
final class Rows {

    private Rows() {
    }

    static List<String> vectorJson() {
        Path expected = Path.of(System.getProperty("flowsentry.shared.dir"), "docs", "vectors", "expected.jsonl");
        try {
            return Files.readAllLines(expected).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code n} rows cycling over the vector rows, each with a distinct id. */
    static List<PublishedRow> rows(String prefix, int n) {
        List<String> json = vectorJson();
        List<PublishedRow> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String j = json.get(i % json.size());
            rows.add(new PublishedRow(prefix + "-" + i, "window", 1_795_773_600_000L, "10.0.0." + i, j));
        }
        return rows;
    }
}
