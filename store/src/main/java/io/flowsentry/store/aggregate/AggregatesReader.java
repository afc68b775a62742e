package io.flowsentry.store.aggregate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the aggregates of a store another process may be writing ({@link ChronicleSourceAggregates}):
 * Chronicle Map lets several processes map the same file, each entry read under its segment's lock. The
 * reader never writes an entry, the open marker or the app dictionary. It sees what the writer has
 * merged into the map (at least every flush interval), not the writer's front aggregation.
 */
public final class AggregatesReader {

    private AggregatesReader() {
    }

    /** True when {@code directory} holds a map file. */
    public static boolean exists(Path directory) {
        return Files.exists(directory.resolve(ChronicleSourceAggregates.MAP_FILE));
    }

    /** A snapshot of every aggregate in the store of {@code directory}; empty when it has no map file. */
    public static List<SourceAggregate> readAll(Path directory) throws IOException {
        if (!exists(directory)) {
            return List.of();
        }
        List<MutableAggregate> raw = new ArrayList<>();
        try (ChronicleAggregateMap map = ChronicleAggregateMap.open(
                directory.resolve(ChronicleSourceAggregates.MAP_FILE), 1, false)) {
            map.forEach(null, raw::add);
        }
        // Read after the map: the writer appends an app before storing its id, so every id seen is here.
        AppDictionary apps = AppDictionary.of(AppDictionary.readFile(directory.resolve(ChronicleSourceAggregates.APPS_FILE)));
        List<SourceAggregate> out = new ArrayList<>(raw.size());
        for (MutableAggregate a : raw) {
            out.add(a.snapshot(apps));
        }
        return out;
    }
}
