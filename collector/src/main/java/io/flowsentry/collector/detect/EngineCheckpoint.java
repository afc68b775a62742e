package io.flowsentry.collector.detect;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The engine's progress in event time, saved to {@code <data-dir>/engine/checkpoint.properties} after each
 * publish: the watermark and the end of the last window published, so that after a restart a flow for an
 * already published window becomes a late row instead of reopening the window.
 *
 * <p>The watermark is only ever event time (a flow's start), never the clock. When the idle rule closed
 * windows on the clock ({@code detection.idle_after}), {@code publishedThrough} can lie past
 * {@code watermark - lateness}, but only as far as the end of the last window it published: those windows
 * are out, so a flow for one of them is late whatever event time says; later windows, empty when the rule
 * ran, still open and close on event time.
 *
 * @param watermark        highest event time accepted, epoch ms ({@link Long#MIN_VALUE}: none yet)
 * @param publishedThrough windows ending at or before this instant are published, epoch ms
 */
record EngineCheckpoint(long watermark, long publishedThrough) {

    static final String FILE_NAME = "checkpoint.properties";
    static final EngineCheckpoint EMPTY = new EngineCheckpoint(Long.MIN_VALUE, Long.MIN_VALUE);

    void save(Path dir) throws IOException {
        String text = "# flowsentry detection engine progress (epoch ms)\n"
                + "watermark=" + watermark + "\n"
                + "published_through=" + publishedThrough + "\n";
        AtomicFiles.write(dir.resolve(FILE_NAME), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The checkpoint saved in {@code dir}, or {@link #EMPTY} when there is none.
     *
     * @throws IOException when the file exists but cannot be read or holds no valid numbers
     */
    static EngineCheckpoint load(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return EMPTY;
        }
        Properties p = new Properties();
        p.load(new StringReader(text));
        try {
            return new EngineCheckpoint(Long.parseLong(p.getProperty("watermark", "").strip()),
                    Long.parseLong(p.getProperty("published_through", "").strip()));
        } catch (NumberFormatException e) {
            throw new IOException(file + ": watermark and published_through must be epoch ms integers", e);
        }
    }
}
