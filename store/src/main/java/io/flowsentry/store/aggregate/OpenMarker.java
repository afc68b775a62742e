package io.flowsentry.store.aggregate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that exists while a writer has the aggregates open: written at open, deleted at clean close. Found
 * at open, it says the last writer stopped without closing (killed, crashed, power lost), so the map
 * must be opened with recovery.
 */
final class OpenMarker {

    private final Path path;

    OpenMarker(Path path) {
        this.path = path;
    }

    /** True when the previous writer did not close cleanly. */
    boolean present() {
        return Files.exists(path);
    }

    /** Writes the marker with this process's pid (for people reading the directory). */
    void write() throws IOException {
        Files.writeString(path, ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
    }

    void delete() throws IOException {
        Files.deleteIfExists(path);
    }
}
