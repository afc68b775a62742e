package io.flowsentry.collector.publish.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowsentry.collector.publish.PublishedRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A webhook's durable queue: one file per row in {@code outbox/<webhook>/}, named by a 20-digit sequence
 * number ({@code 00000000000000000042.row}), holding one JSON object {@code {id, kind, window_start,
 * src_ip, json}}.
 *
 * <p>Crash safety: a row is written to {@code .tmp-<seq>}, fsync'd, renamed atomically to {@code <seq>.row},
 * and the directory is fsync'd before {@link #append} returns, so after a crash a row file is either
 * complete or absent; leftover {@code .tmp-*} files (appends that never returned) are deleted at open.
 * A row leaves the outbox only by {@link #remove} (after a 2xx answer), {@link #deadLetter} (appended and
 * fsync'd to {@code dead-letter.jsonl} first), or by the bound below.
 *
 * <p>Bound: at most {@code maxRows} rows and {@code maxBytes} bytes of row files. When an append would
 * exceed either, the <b>oldest</b> rows are deleted and counted ({@link #droppedFull()}), with a warning:
 * the newest detections are the ones an analyst acts on. The order of delivery is the order of append.
 */
final class Outbox implements AutoCloseable {

    static final String SUFFIX = ".row";
    static final String TEMP_PREFIX = ".tmp-";
    static final String DEAD_LETTER_FILE = "dead-letter.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One waiting row: its sequence number and file size; the row itself stays on disk until delivery. */
    record Entry(long seq, long bytes) {
    }

    private final Path dir;
    private final int maxRows;
    private final long maxBytes;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final TreeMap<Long, Entry> entries = new TreeMap<>();

    private long nextSeq;
    private long totalBytes;
    private volatile long droppedFull;
    private volatile long deadLettered;
    private volatile int depth;

    private Outbox(Path dir, int maxRows, long maxBytes, Clock clock) {
        this.dir = dir;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** Opens (creating if needed) the outbox in {@code dir}, recovering the rows a previous run left. */
    static Outbox open(Path dir, int maxRows, long maxBytes, Clock clock) throws IOException {
        Files.createDirectories(dir);
        Outbox outbox = new Outbox(dir, maxRows, maxBytes, clock);
        outbox.recover();
        return outbox;
    }

    private void recover() throws IOException {
        long maxSeq = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX)) {
                    LOG.warn("outbox {}: deleting {}, an append interrupted before it was acknowledged", dir, name);
                    Files.deleteIfExists(file);
                    continue;
                }
                long seq = parseSeq(name);
                if (seq < 0) {
                    continue;
                }
                long size = Files.size(file);
                entries.put(seq, new Entry(seq, size));
                totalBytes += size;
                maxSeq = Math.max(maxSeq, seq);
            }
        }
        nextSeq = maxSeq + 1;
        depth = entries.size();
        if (!entries.isEmpty()) {
            LOG.info("outbox {}: {} rows ({} bytes) waiting from the previous run", dir, entries.size(), totalBytes);
        }
    }

    private static long parseSeq(String name) {
        if (!name.endsWith(SUFFIX) || name.length() != 20 + SUFFIX.length()) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(name.substring(0, 20));
    }

    private Path fileOf(long seq) {
        return dir.resolve(String.format("%020d", seq) + SUFFIX);
    }

    /** Makes the rows durable in order; returns after the directory fsync. */
    void append(List<PublishedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            for (PublishedRow row : rows) {
                byte[] bytes = encode(row);
                long seq = nextSeq++;
                Path temp = dir.resolve(TEMP_PREFIX + seq);
                writeDurably(temp, bytes);
                Files.move(temp, fileOf(seq), StandardCopyOption.ATOMIC_MOVE);
                entries.put(seq, new Entry(seq, bytes.length));
                totalBytes += bytes.length;
            }
            enforceBound();
            syncDirectory();
            depth = entries.size();
            notEmpty.signalAll();
        } catch (IOException e) {
            throw new UncheckedIOException("outbox " + dir + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void enforceBound() throws IOException {
        while (entries.size() > 1 && (entries.size() > maxRows || totalBytes > maxBytes)) {
            Entry oldest = entries.pollFirstEntry().getValue();
            totalBytes -= oldest.bytes();
            Files.deleteIfExists(fileOf(oldest.seq()));
            droppedFull++;
            if (droppedFull == 1 || droppedFull % 1000 == 0) {
                LOG.warn("outbox {} full (max {} rows, {} bytes): dropped the oldest row; {} dropped so far",
                        dir, maxRows, maxBytes, droppedFull);
            }
        }
    }

    /** The oldest waiting row, waiting up to {@code timeoutMillis} for one; null on timeout. */
    Entry awaitHead(long timeoutMillis) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (entries.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return entries.firstEntry().getValue();
        } finally {
            lock.unlock();
        }
    }

    /** The row of {@code entry}, or null when its file is gone (dropped by the bound) or unreadable. */
    PublishedRow read(Entry entry) {
        try {
            JsonNode node = MAPPER.readTree(Files.readAllBytes(fileOf(entry.seq())));
            return new PublishedRow(node.get("id").asText(), node.get("kind").asText(),
                    node.get("window_start").asLong(), node.get("src_ip").asText(), node.get("json").asText());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | RuntimeException e) {
            LOG.error("outbox {}: row file {} is unreadable: {}", dir, fileOf(entry.seq()).getFileName(), e.toString());
            return null;
        }
    }

    boolean contains(Entry entry) {
        lock.lock();
        try {
            return entries.containsKey(entry.seq());
        } finally {
            lock.unlock();
        }
    }

    /** Removes a delivered row. */
    void remove(Entry entry) {
        lock.lock();
        try {
            if (entries.remove(entry.seq()) != null) {
                totalBytes -= entry.bytes();
            }
            Files.deleteIfExists(fileOf(entry.seq()));
            syncDirectory();
            depth = entries.size();
        } catch (IOException e) {
            throw new UncheckedIOException("outbox " + dir + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parks a row the receiver refused for good: appends {@code {time, reason, row file content}} to
     * {@code dead-letter.jsonl} (fsync'd), then removes it.
     */
    void deadLetter(Entry entry, PublishedRow row, String reason) {
        lock.lock();
        try {
            ObjectNode line = MAPPER.createObjectNode();
            line.put("time", clock.instant().toString());
            line.put("reason", reason);
            line.put("seq", entry.seq());
            if (row != null) {
                line.set("row", MAPPER.readTree(encode(row)));
            }
            byte[] bytes = (MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(dir.resolve(DEAD_LETTER_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                writeFully(ch, bytes);
                ch.force(false);
            }
            deadLettered++;
        } catch (IOException e) {
            throw new UncheckedIOException("outbox " + dir + ": dead letter: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
        remove(entry);
    }

    int depth() {
        return depth;
    }

    long droppedFull() {
        return droppedFull;
    }

    long deadLettered() {
        return deadLettered;
    }

    Path directory() {
        return dir;
    }

    private static byte[] encode(PublishedRow row) throws IOException {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", row.id());
        node.put("kind", row.kind());
        node.put("window_start", row.windowStart());
        node.put("src_ip", row.srcIp());
        node.put("json", row.json());
        return MAPPER.writeValueAsBytes(node);
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            writeFully(ch, bytes);
            ch.force(true);
        }
    }

    private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }

    /** fsync of the directory makes the renames and deletions durable (POSIX: the entry lives in the directory). */
    private void syncDirectory() throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
