package io.flowsentry.collector.detect;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each source last raised an early row, so that a source alerts at most once per suppression period
 * (the original detection's 28,800 s throttle per {@code src_ip}). Persisted to
 * {@code <data-dir>/engine/early-alerts.bin} so a restart does not re-alert.
 *
 * <p>An open-addressing table of (source hi, source lo, alert time) slots in one {@code long[]}, linear
 * probing, deletion by rebuilding the table: a lookup allocates nothing, so a source that is throttled costs
 * one probe sequence per matching flow, and a probe reads one cache line (a worm's 100,000 sources make the
 * table 8 MiB; with the three fields in three arrays, each lookup missed the cache three times). Bounded:
 * past {@code capacity} sources, expired entries are dropped, then the oldest sixteenth of the rest (counted
 * in {@link #evicted()}; at worst those sources alert again).
 *
 * <p>File layout (big-endian): magic {@code "FSEA"} (4), version 1 (4), entry count n (4), then n entries
 * of 24 bytes: source hi (8), source lo (8), alert time epoch ms (8).
 */
final class EarlyAlertLedger {

    static final String FILE_NAME = "early-alerts.bin";
    static final long NONE = Long.MIN_VALUE;
    private static final int MAGIC = 0x46534541;
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = 12;
    private static final int ENTRY_BYTES = 24;
    private static final int INITIAL_SLOTS = 1024;
    /** Evict the oldest 1/16 when full: one sort of the times per capacity/16 new sources. */
    private static final int EVICT_SHIFT = 4;
    private static final Logger LOG = LoggerFactory.getLogger(EarlyAlertLedger.class);

    private final int capacity;
    private final long suppressionMillis;
    /** Longs per slot: source hi, source lo, alert time ({@link #NONE} in a free slot), and one unused. */
    private static final int STRIDE = 4;
    private static final int HI = 0;
    private static final int LO = 1;
    private static final int TIME = 2;
    /**
     * Where slot 0 starts. G1 places an array larger than half a heap region at the start of a region, its
     * elements 16 bytes (the array header) further on; starting at element 6 (16 + 48 = 64 bytes) puts every
     * 32-byte slot of such a table inside one 64-byte cache line.
     */
    private static final int FIRST = 6;

    private long[] table;
    private int slots;
    private int size;
    /** At most the earliest alert time held (exact after a rebuild): while it has not expired, nothing has. */
    private long oldest = Long.MAX_VALUE;
    private long evicted;
    private boolean dirty;

    EarlyAlertLedger(int capacity, long suppressionMillis) {
        this.capacity = capacity;
        this.suppressionMillis = suppressionMillis;
        allocate(INITIAL_SLOTS);
    }

    private void allocate(int slotCount) {
        slots = slotCount;
        table = new long[FIRST + slotCount * STRIDE];
        for (int k = FIRST; k < table.length; k += STRIDE) {
            table[k + TIME] = NONE;
        }
        size = 0;
    }

    private int slotOf(long hi, long lo) {
        long h = hi * 0x9E37_79B9_7F4A_7C15L ^ lo;
        h ^= h >>> 29;
        h *= 0xBF58_476D_1CE4_E5B9L;
        h ^= h >>> 32;
        return (int) h & (slots - 1);
    }

    /** The array index of the slot holding the source, or of the free slot where it would go. */
    private int find(long hi, long lo) {
        int mask = slots - 1;
        int i = slotOf(hi, lo);
        while (true) {
            int k = FIRST + i * STRIDE;
            if (table[k + TIME] == NONE || (table[k + HI] == hi && table[k + LO] == lo)) {
                return k;
            }
            i = (i + 1) & mask;
        }
    }

    /** The source's last alert time, epoch ms, or {@link #NONE}. Allocates nothing. */
    long lastAlert(long hi, long lo) {
        return table[find(hi, lo) + TIME];
    }

    /** True when the source has not alerted within the suppression period before {@code nowMillis}. */
    boolean due(long hi, long lo, long nowMillis) {
        long last = lastAlert(hi, lo);
        return last == NONE || nowMillis - last >= suppressionMillis;
    }

    void record(long hi, long lo, long nowMillis) {
        int k = find(hi, lo);
        if (table[k + TIME] == NONE) {
            if (size >= capacity) {
                makeRoom(nowMillis);
            }
            if (2 * (size + 1) > slots) {
                rehash(slots * 2);
            }
            k = find(hi, lo);
            table[k + HI] = hi;
            table[k + LO] = lo;
            size++;
        }
        table[k + TIME] = nowMillis;
        oldest = Math.min(oldest, nowMillis);
        dirty = true;
    }

    private void makeRoom(long nowMillis) {
        pruneExpired(nowMillis);
        if (size < capacity) {
            return;
        }
        long[] live = new long[size];
        int n = 0;
        for (int k = FIRST; k < table.length; k += STRIDE) {
            if (table[k + TIME] != NONE) {
                live[n++] = table[k + TIME];
            }
        }
        Arrays.sort(live);
        long threshold = live[Math.max(0, (size >> EVICT_SHIFT) - 1)];
        removeIf(t -> t <= threshold, true);
    }

    /**
     * Forgets sources whose suppression period has passed. Rebuilds the table only when the earliest alert
     * held has expired: the engine calls this after every publish, and a rebuild per call cost a worm's
     * 100,000 new sources a full rewrite of the table four times a second.
     */
    void pruneExpired(long nowMillis) {
        if (size == 0 || nowMillis - oldest < suppressionMillis) {
            return;
        }
        removeIf(t -> nowMillis - t >= suppressionMillis, false);
    }

    private interface TimeTest {
        boolean test(long time);
    }

    /** Removes the matching entries by rebuilding the table (no tombstones, probe runs stay short). */
    private void removeIf(TimeTest drop, boolean countAsEvicted) {
        int before = size;
        rebuild(slots, drop);
        if (size != before) {
            dirty = true;
            if (countAsEvicted) {
                evicted += before - size;
            }
        }
    }

    private void rehash(int slots) {
        rebuild(slots, t -> false);
    }

    /** Re-inserts every entry that {@code drop} keeps into a table of {@code slots} slots. */
    private void rebuild(int slotCount, TimeTest drop) {
        long[] old = table;
        allocate(slotCount);
        oldest = Long.MAX_VALUE;
        for (int j = FIRST; j < old.length; j += STRIDE) {
            long time = old[j + TIME];
            if (time != NONE && !drop.test(time)) {
                int k = find(old[j + HI], old[j + LO]);
                System.arraycopy(old, j, table, k, STRIDE);
                oldest = Math.min(oldest, time);
                size++;
            }
        }
    }

    int size() {
        return size;
    }

    long evicted() {
        return evicted;
    }

    boolean dirty() {
        return dirty;
    }

    void save(Path dir) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(HEADER_BYTES + ENTRY_BYTES * size);
        buf.putInt(MAGIC).putInt(VERSION).putInt(size);
        for (int k = FIRST; k < table.length; k += STRIDE) {
            if (table[k + TIME] != NONE) {
                buf.putLong(table[k + HI]).putLong(table[k + LO]).putLong(table[k + TIME]);
            }
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
            long hi = buf.getLong();
            long lo = buf.getLong();
            long time = buf.getLong();
            if (time != NONE) {
                record(hi, lo, time);
            }
        }
        dirty = false;
    }
}
