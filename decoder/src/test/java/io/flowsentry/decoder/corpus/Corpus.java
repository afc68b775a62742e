package io.flowsentry.decoder.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The shared corpus (../shared/corpus) and its tab-separated MANIFEST files. */
final class Corpus {

    private Corpus() {
    }

    static Path root() {
        String shared = System.getProperty("flowsentry.shared.dir", "../../shared");
        return Path.of(shared, "corpus");
    }

    static Path source(String name) {
        return root().resolve(name);
    }

    /** Rows of a TSV with a header line, as column-name maps (lines starting with '#' are headers too). */
    static List<Map<String, String>> tsv(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            String[] header = lines.get(0).replaceFirst("^#", "").split("\t", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length && i < cols.length; i++) {
                    row.put(header[i], cols[i]);
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The oracle base name of a pcap: {@code pcap/x.pcap} and {@code exports/x.pcap} give {@code x};
     * pmacct's {@code raw/DIR/traffic-00.pcap} gives {@code DIR__traffic-00}.
     */
    static String oracleName(String pcapPath) {
        String[] parts = pcapPath.replaceFirst("\\.pcap$", "").split("/");
        if (parts[0].equals("raw") && parts.length == 3) {
            return parts[1] + "__" + parts[2];
        }
        return parts[parts.length - 1];
    }
}
