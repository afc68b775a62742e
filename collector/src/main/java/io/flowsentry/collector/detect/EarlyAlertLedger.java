package io.flowsentry.collector.detect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each source last raised an early row, so that a source alerts at most once per suppression period
 * (the original detection's 28,800 s throttle per {@code src_ip}). Bounded: past {@code capacity} sources
 * the one that alerted longest ago is forgotten (counted; at worst it alerts again). Persisted to
 * {@code <data-dir>/engine/early-alerts.bin} so a restart does not re-alert.
 *
 * <p>File layout (big-endian): magic {@code "FSEA"} (4), version 1 (4), entry count n (4), then n entries
 * of 24 bytes: source hi (8), source lo (8), alert time epoch ms (8), oldest first.
 */
final class EarlyAlertLedger {

    static final String FILE_NAME = "early-alerts.bin";
    private static final int MAGIC = 0x46534541;
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 12;
    private static final int ENTRY_BYTES = 24;
    private static final Logger LOG = LoggerFactory.getLogger(EarlyAlertLedger.class);

    /** Insertion order is alert order: {@link #record} re-inserts. */
    private final LinkedHashMap<SourceKey, Long> lastAlert = new LinkedHashMap<>();
    private final int capacity;
    private final long suppressionMillis;
    private long evicted;
    private boolean dirty;

    EarlyAlertLedger(int capacity, long suppressionMillis) {
        this.capacity = capacity;
        this.suppressionMillis = suppressionMillis;
    }

    /** True when the source has not alerted within the suppression period before {@code nowMillis}. */
    boolean due(SourceKey source, long nowMillis) {
        Long last = lastAlert.get(source);
        return last == null || nowMillis - last >= suppressionMillis;
    }

    void record(SourceKey source, long nowMillis) {
        lastAlert.remove(source);
        lastAlert.put(source, nowMillis);
        while (lastAlert.size() > capacity) {
            Iterator<SourceKey> eldest = lastAlert.keySet().iterator();
            eldest.next();
            eldest.remove();
            evicted++;
        }
        dirty = true;
    }

    /** Forgets sources whose suppression period has passed. */
    void pruneExpired(long nowMillis) {
        Iterator<Map.Entry<SourceKey, Long>> it = lastAlert.entrySet().iterator();
        while (it.hasNext()) {
            if (nowMillis - it.next().getValue() >= suppressionMillis) {
                it.remove();
                dirty = true;
            }
        }
    }

    int size() {
        return lastAlert.size();
    }

    long evicted() {
        return evicted;
    }

    boolean dirty() {
        return dirty;
    }

    void save(Path dir) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + ENTRY_BYTES * lastAlert.size());
        buf.putInt(MAGIC).putInt(VERSION).putInt(lastAlert.size());
        for (Map.Entry<SourceKey, Long> e : lastAlert.entrySet()) {
            buf.putLong(e.getKey().hi()).putLong(e.getKey().lo()).putLong(e.getValue());
        }
        AtomicFiles.write(dir.resolve(FILE_NAME), buf.array());
        dirty = false;
    }

    /**
     * Loads the ledger saved in {@code dir}; a missing file is an empty ledger, a damaged one is logged and
     * ignored (the cost is one repeated early row per source).
     */
    void load(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        if (bytes.length < HEADER_BYTES || buf.getInt() != MAGIC || buf.getInt() != VERSION) {
            LOG.warn("{}: not an early-alert ledger (bad header), starting empty", file);
            return;
        }
        int n = buf.getInt();
        if (n < 0 || (long) n * ENTRY_BYTES != bytes.length - HEADER_BYTES) {
            LOG.warn("{}: entry count {} does not match the file length {} ({} + {} per entry), starting empty",
                    file, n, bytes.length, HEADER_BYTES, ENTRY_BYTES);
            return;
        }
        for (int i = 0; i < n; i++) {
            record(new SourceKey(buf.getLong(), buf.getLong()), buf.getLong());
        }
        dirty = false;
    }
}
