package io.flowsentry.collector.publish.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowsentry.collector.publish.PublishedRow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A webhook's durable queue in {@code outbox/<webhook>/}: one segment file per {@link #append} call, named
 * by a 20-digit sequence number ({@code 00000000000000000042.seg}), holding its rows as JSON lines
 * {@code {id, kind, window_start, src_ip, json}}, and an {@link OutboxPosition} naming the first row not
 * yet done. Rows are taken in order, one at a time, from the head.
 *
 * <p>Crash safety: a segment is written to {@code .tmp-<seq>}, fsync'd, renamed atomically, and the
 * directory fsync'd before {@link #append} returns (one batch costs two fsyncs, whatever its size); after
 * a crash a segment is complete or absent, and leftover {@code .tmp-*} files (appends that never returned)
 * are deleted at open. A row is done by {@link #complete} (after a 2xx answer), {@link #deadLetter}
 * (appended and fsync'd to {@code dead-letter.jsonl} first), or by the bound below; the position is then
 * fsync'd, and segments wholly before it are deleted.
 *
 * <p>Bound: at most {@code maxRows} rows and {@code maxBytes} bytes waiting. When an append would exceed
 * either, the <b>oldest</b> rows are dropped and counted ({@link #droppedFull()}), with a warning: the
 * newest detections are the ones an analyst acts on.
 */
final class Outbox implements AutoCloseable {

    static final String SUFFIX = ".seg";
    static final String TEMP_PREFIX = ".tmp-";
    static final String DEAD_LETTER_FILE = "dead-letter.jsonl";

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One waiting row: where its line lies; the row itself stays on disk until delivery. */
    record Entry(long segment, int index, long offset, int length) {
    }

    private final Path dir;
    private final int maxRows;
    private final long maxBytes;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final TreeSet<Long> segments = new TreeSet<>();
    private final OutboxPosition position;

    private long nextSegment;
    private long totalBytes;
    private volatile long droppedFull;
    private volatile long deadLettered;
    private volatile int depth;

    private Outbox(Path dir, int maxRows, long maxBytes, Clock clock, OutboxPosition position) {
        this.dir = dir;
        this.maxRows = maxRows;
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.position = position;
    }

    /** Opens (creating if needed) the outbox in {@code dir}, recovering the rows a previous run left. */
    static Outbox open(Path dir, int maxRows, long maxBytes, Clock clock) throws IOException {
        Files.createDirectories(dir);
        Outbox outbox = new Outbox(dir, maxRows, maxBytes, clock, OutboxPosition.open(dir));
        outbox.recover();
        return outbox;
    }

    private void recover() throws IOException {
        TreeSet<Long> found = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX)) {
                    LOG.warn("outbox {}: deleting {}, an append interrupted before it was acknowledged", dir, name);
                    Files.deleteIfExists(file);
                } else if (parseSeq(name) >= 0) {
                    found.add(parseSeq(name));
                }
            }
        }
        for (long seq : found) {
            if (seq < position.segment()) {
                Files.deleteIfExists(segmentFile(seq));
                continue;
            }
            int skip = seq == position.segment() ? position.index() : 0;
            loadSegment(seq, skip);
        }
        nextSegment = Math.max(found.isEmpty() ? 0 : found.last() + 1, position.segment());
        settle();
        depth = entries.size();
        if (!entries.isEmpty()) {
            LOG.info("outbox {}: {} rows ({} bytes) waiting from the previous run", dir, entries.size(), totalBytes);
        }
    }

    private void loadSegment(long seq, int skip) throws IOException {
        byte[] bytes = Files.readAllBytes(segmentFile(seq));
        int index = 0;
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                if (index >= skip) {
                    entries.addLast(new Entry(seq, index, start, i - start));
                    totalBytes += i - start;
                }
                index++;
                start = i + 1;
            }
        }
        segments.add(seq);
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

    private Path segmentFile(long seq) {
        return dir.resolve(String.format("%020d", seq) + SUFFIX);
    }

    /** Makes the rows durable, in order, as one segment; returns after the directory fsync. */
    void append(List<PublishedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            long seq = nextSegment++;
            ByteArrayOutputStream segment = new ByteArrayOutputStream(rows.size() * 768);
            List<Entry> added = new ArrayList<>(rows.size());
            for (PublishedRow row : rows) {
                byte[] line = encode(row);
                added.add(new Entry(seq, added.size(), segment.size(), line.length));
                segment.write(line);
                segment.write('\n');
            }
            Path temp = dir.resolve(TEMP_PREFIX + seq);
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                writeFully(ch, segment.toByteArray());
                ch.force(true);
            }
            Files.move(temp, segmentFile(seq), StandardCopyOption.ATOMIC_MOVE);
            syncDirectory();
            segments.add(seq);
            for (Entry entry : added) {
                entries.addLast(entry);
                totalBytes += entry.length();
            }
            enforceBound();
            depth = entries.size();
            notEmpty.signalAll();
        } catch (IOException e) {
            throw new UncheckedIOException("outbox " + dir + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void enforceBound() throws IOException {
        long dropped = 0;
        while (entries.size() > 1 && (entries.size() > maxRows || totalBytes > maxBytes)) {
            totalBytes -= entries.pollFirst().length();
            dropped++;
        }
        if (dropped > 0) {
            long before = droppedFull;
            droppedFull = before + dropped;
            if (before == 0 || before / 1000 != droppedFull / 1000) {
                LOG.warn("outbox {} full (max {} rows, {} bytes): dropped the oldest rows; {} dropped so far",
                        dir, maxRows, maxBytes, droppedFull);
            }
            settle();
        }
    }

    /** Records the head as the durable position, and deletes the segments wholly before it. */
    private void settle() throws IOException {
        Entry head = entries.peekFirst();
        long segment = head == null ? nextSegment : head.segment();
        position.set(segment, head == null ? 0 : head.index());
        while (!segments.isEmpty() && segments.first() < segment) {
            Files.deleteIfExists(segmentFile(segments.pollFirst()));
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
            return entries.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The row of {@code entry}, or null when its segment is gone (dropped by the bound) or the line is unreadable.
     *
     * @throws InterruptedException when the reading thread was interrupted (the sender stopping): the
     *                              channel closed under the read, which says nothing about the row
     */
    PublishedRow read(Entry entry) throws InterruptedException {
        try (FileChannel ch = FileChannel.open(segmentFile(entry.segment()), StandardOpenOption.READ)) {
            ByteBuffer line = ByteBuffer.allocate(entry.length());
            while (line.hasRemaining() && ch.read(line, entry.offset() + line.position()) > 0) {
                // positional reads until the line is complete
            }
            JsonNode node = MAPPER.readTree(line.array());
            return new PublishedRow(node.get("id").asText(), node.get("kind").asText(),
                    node.get("window_start").asLong(), node.get("src_ip").asText(), node.get("json").asText());
        } catch (NoSuchFileException e) {
            return null;
        } catch (ClosedByInterruptException e) {
            throw new InterruptedException("outbox " + dir + ": read of row " + entry.index() + " interrupted");
        } catch (IOException | RuntimeException e) {
            LOG.error("outbox {}: row {} of segment {} is unreadable: {}", dir, entry.index(), entry.segment(), e.toString());
            return null;
        }
    }

    /** Whether {@code entry} is still the head (not dropped by the bound while it was in flight). */
    boolean isHead(Entry entry) {
        lock.lock();
        try {
            return entry.equals(entries.peekFirst());
        } finally {
            lock.unlock();
        }
    }

    /** Marks the head row done (delivered); nothing happens when it was dropped meanwhile. */
    void complete(Entry entry) {
        lock.lock();
        try {
            if (!entry.equals(entries.peekFirst())) {
                return;
            }
            entries.pollFirst();
            totalBytes -= entry.length();
            settle();
            depth = entries.size();
        } catch (IOException e) {
            throw new UncheckedIOException("outbox " + dir + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Parks a row the receiver refused for good: appends {@code {time, reason, row}} to
     * {@code dead-letter.jsonl} (fsync'd), then completes it.
     */
    void deadLetter(Entry entry, PublishedRow row, String reason) {
        lock.lock();
        try {
            ObjectNode line = MAPPER.createObjectNode();
            line.put("time", clock.instant().toString());
            line.put("reason", reason);
            if (row != null) {
                line.set("row", MAPPER.readTree(encode(row)));
            } else {
                line.put("segment", entry.segment()).put("index", entry.index());
            }
            byte[] bytes = (MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(dir.resolve(DEAD_LETTER_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                writeFully(ch, bytes);
                ch.force(false);
            }
            deadLettered++;
            complete(entry);
        } catch (IOException e) {
            throw new UncheckedIOException("outbox " + dir + ": dead letter: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
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

    private static void writeFully(FileChannel ch, byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            ch.write(buffer);
        }
    }

    /** fsync of the directory makes the rename durable (POSIX: the name lives in the directory). */
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
            position.close();
        } catch (IOException e) {
            LOG.warn("outbox {}: closing the position file: {}", dir, e.toString());
        } finally {
            lock.unlock();
        }
    }
}
