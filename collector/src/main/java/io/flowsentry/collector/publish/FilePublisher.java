package io.flowsentry.collector.publish;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Publishes rows as JSON lines in {@code <data-dir>/detections/detections-YYYY-MM-DD.jsonl}, one file per
 * UTC day of publishing (from the injected clock). Each {@link #publish} appends its rows and fsyncs
 * ({@link FileChannel#force}) before returning. Files are created with mode 0640 (owner read-write, group
 * read: a SIEM forwarder in the group can read them, others cannot).
 *
 * <p>Each line is the row's JSON with {@code kind}, {@code row_id} and {@code published_at} added (see {@link PublishedLine}).
 * <b>Restart:</b> on opening a day's file the publisher reads the {@code row_id}s it holds (the most recent
 * {@code maxRememberedIds}, default {@value #DEFAULT_MAX_REMEMBERED_IDS}) and skips a row whose id is
 * already there, so rows re-published after a crash are not written twice. A torn last line (a crash in
 * the middle of a write, before the fsync that would have acknowledged it) is cut off at open. Beyond
 * the remembered ids, or across a UTC midnight, a re-published row may appear a second time.
 */
public final class FilePublisher implements RowPublisher {

    /** 100,000 ids of ~40 characters: about 10 MB of heap at most, far above a day's detections. */
    public static final int DEFAULT_MAX_REMEMBERED_IDS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(FilePublisher.class);
    private static final Set<PosixFilePermission> MODE_0640 = PosixFilePermissions.fromString("rw-r-----");

    private final Path directory;
    private final Clock clock;
    private final int maxRememberedIds;
    private final LinkedHashSet<String> idsToday = new LinkedHashSet<>();

    private LocalDate day;
    private FileChannel channel;
    private long rowsWritten;
    private long duplicatesSkipped;

    /**
     * @param directory the {@code detections/} directory of the data directory; created if missing
     */
    public FilePublisher(Path directory, Clock clock, int maxRememberedIds) {
        if (maxRememberedIds < 1) {
            throw new IllegalArgumentException("maxRememberedIds: " + maxRememberedIds + " (expected: >= 1)");
        }
        this.directory = directory;
        this.clock = clock;
        this.maxRememberedIds = maxRememberedIds;
    }

    public FilePublisher(Path directory, Clock clock) {
        this(directory, clock, DEFAULT_MAX_REMEMBERED_IDS);
    }

    /** The file of a UTC day: {@code detections-YYYY-MM-DD.jsonl}. */
    public static String fileName(LocalDate day) {
        return "detections-" + day + ".jsonl";
    }

    @Override
    public synchronized void publish(List<PublishedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try {
            Instant now = clock.instant();
            openFor(LocalDate.ofInstant(now, ZoneOffset.UTC));
            StringBuilder batch = new StringBuilder(rows.size() * 768);
            String publishedAt = PublishedLine.publishedAt(now);
            Set<String> inBatch = new LinkedHashSet<>();
            for (PublishedRow row : rows) {
                if (idsToday.contains(row.id()) || !inBatch.add(row.id())) {
                    duplicatesSkipped++;
                    continue;
                }
                PublishedLine.appendTo(batch, row, publishedAt).append('\n');
            }
            if (inBatch.isEmpty()) {
                return;
            }
            // String.getBytes: the JDK's intrinsic for an all-ASCII string, where Charset.encode went char by char
            ByteBuffer bytes = ByteBuffer.wrap(batch.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(false);
            for (String id : inBatch) {
                remember(id);
            }
            rowsWritten += inBatch.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + directory.resolve(fileName(day)) + ": " + e.getMessage(), e);
        }
    }

    public synchronized long rowsWritten() {
        return rowsWritten;
    }

    public synchronized long duplicatesSkipped() {
        return duplicatesSkipped;
    }

    @Override
    public String toString() {
        return "FilePublisher[" + directory + "]";
    }

    @Override
    public synchronized void close() {
        closeChannel();
    }

    private void openFor(LocalDate today) throws IOException {
        if (today.equals(day) && channel != null) {
            return;
        }
        closeChannel();
        Files.createDirectories(directory);
        Path file = directory.resolve(fileName(today));
        idsToday.clear();
        if (Files.exists(file)) {
            cutTornTail(file);
            readIds(file);
        }
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(MODE_0640);
        channel = FileChannel.open(file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND), mode);
        day = today;
    }

    /** Cuts the bytes after the last newline: a line whose write was not acknowledged by an fsync. */
    private static void cutTornTail(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long end = size;
            ByteBuffer one = ByteBuffer.allocate(1);
            while (end > 0) {
                one.clear();
                ch.read(one, end - 1);
                if (one.get(0) == '\n') {
                    break;
                }
                end--;
            }
            if (end < size) {
                LOG.warn("{}: cut {} bytes of an unfinished last line (a write interrupted before its fsync)", file, size - end);
                ch.truncate(end);
                ch.force(true);
            }
        }
    }

    private void readIds(Path file) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = PublishedLine.parse(line);
                if (node != null && node.hasNonNull(PublishedLine.ROW_ID)) {
                    remember(node.get(PublishedLine.ROW_ID).asText());
                }
            }
        }
    }

    private void remember(String id) {
        idsToday.remove(id);
        idsToday.add(id);
        if (idsToday.size() > maxRememberedIds) {
            var it = idsToday.iterator();
            it.next();
            it.remove();
        }
    }

    private void closeChannel() {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("closing {}: {}", directory.resolve(fileName(day)), e.toString());
        }
        channel = null;
    }
}
