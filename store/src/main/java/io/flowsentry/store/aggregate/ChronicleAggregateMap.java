package io.flowsentry.store.aggregate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import net.openhft.chronicle.bytes.BytesStore;
import net.openhft.chronicle.bytes.Byteable;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapAbsentEntry;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;

/**
 * The persisted Chronicle map of aggregates: fixed-size keys ({@link AggregateKey}) and values
 * ({@link AggregateValue}), updated in place through {@code queryContext}: a native value reference is
 * bound to the entry's own bytes under the write lock, and the merge writes only the fields that change,
 * with the value's own checksum ({@link ValueChecksum}) last. (Chronicle Map's {@code acquireContext}
 * did the same, then on close wrote the referenced value over itself, a copy of all 1,536 bytes per
 * update: {@code AcquireHandle.close} calls {@code replaceValue}, whose {@code writeValue} copies, its
 * same-address shortcut being commented out in 2026.1.)
 * With {@link EntryPrefetch}, the only class that touches Chronicle Map; nothing Chronicle leaves this package. Not thread-safe
 * (one instance per thread); several processes may open the same file.
 */
final class ChronicleAggregateMap implements AutoCloseable {

    private final ChronicleMap<AggregateKey, AggregateValue> map;
    /**
     * The query key lives in 24 bytes of native memory: Chronicle Map then hashes and compares it where it
     * is, instead of copying a heap instance into a buffer of its own for every query.
     */
    private final BytesStore<?, Void> keyBytes;
    private final AggregateKey key = Values.newNativeReference(AggregateKey.class);
    private final AggregateValue valueRef = Values.newNativeReference(AggregateValue.class);
    private final EntryPrefetch prefetch;
    private int tornRemoved;

    private ChronicleAggregateMap(ChronicleMap<AggregateKey, AggregateValue> map) {
        this.map = map;
        Byteable keyRef = (Byteable) key;
        this.keyBytes = BytesStore.nativeStoreWithFixedCapacity(keyRef.maxSize());
        keyRef.bytesStore(keyBytes, 0, keyRef.maxSize());
        this.prefetch = EntryPrefetch.of(map, key);
    }

    /**
     * Opens (or creates, with room for {@code entries}) the map file. {@code recover} runs Chronicle's
     * recovery, which is for a file whose last writer did not close it (the configuration is then read
     * from the file's header, not from this builder), then removes every entry that is not
     * {@link ValueChecksum#intact intact}: one torn by a crash in the middle of its merge, or inserted and
     * never merged. Without that check a SIGKILL left an aggregate whose count had the merge and whose
     * bytes did not (count 8, bytes 700 for flows of 100 bytes: {@code ChronicleMultiProcessTest}, one run in
     * a few), a row that states something never seen.
     *
     * <p>Chronicle Map's own entry checksums are off: they are recomputed over the whole entry after every
     * update, which reads all 24 cache lines of the entry where a merge touches a few (see
     * {@link ValueChecksum}); the value's checksum protects the same thing.
     */
    static ChronicleAggregateMap open(Path file, long entries, boolean recover) throws IOException {
        var builder = ChronicleMap.of(AggregateKey.class, AggregateValue.class)
                .name("flowsentry-aggregates")
                .entries(entries)
                .checksumEntries(false);
        ChronicleMap<AggregateKey, AggregateValue> map = recover
                ? builder.recoverPersistedTo(file.toFile(), false)
                : builder.createPersistedTo(file.toFile());
        ChronicleAggregateMap opened = new ChronicleAggregateMap(map);
        if (recover) {
            try {
                opened.tornRemoved = opened.removeTorn();
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }
        return opened;
    }

    /** Removes the entries that are not intact (see {@link #open}); returns how many. */
    private int removeTorn() {
        List<long[]> torn = new ArrayList<>();
        map.forEachEntry(e -> {
            if (!ValueChecksum.intact(e.value().getUsing(valueRef))) {
                AggregateKey k = e.key().get();
                torn.add(new long[] {k.getWindowStart(), k.getSrcHi(), k.getSrcLo()});
            }
        });
        for (long[] k : torn) {
            try (ExternalMapQueryContext<AggregateKey, AggregateValue, ?> c = map.queryContext(key(k[0], k[1], k[2]))) {
                c.updateLock().lock();
                MapEntry<AggregateKey, AggregateValue> e = c.entry();
                if (e != null) {
                    c.remove(e);
                }
            }
        }
        return torn.size();
    }

    /** Entries removed by the recovery of this open because a crash had torn them (0 without recovery). */
    int tornRemoved() {
        return tornRemoved;
    }

    private AggregateKey key(long window, long hi, long lo) {
        key.setWindowStart(window);
        key.setSrcHi(hi);
        key.setSrcLo(lo);
        return key;
    }

    boolean contains(long window, long hi, long lo) {
        return map.containsKey(key(window, hi, lo));
    }

    /**
     * Merges a partial aggregate into its entry, creating the entry when absent.
     *
     * @return true when the entry was created
     * @throws IllegalStateException from Chronicle Map when the file has no room for a new entry
     */
    boolean merge(MutableAggregate partial, AggregateLimits limits) {
        try (ExternalMapQueryContext<AggregateKey, AggregateValue, ?> c =
                     map.queryContext(key(partial.windowStart, partial.srcHi, partial.srcLo))) {
            c.writeLock().lock(); // readers of other processes take the read lock: none sees a half-merged value
            MapEntry<AggregateKey, AggregateValue> entry = c.entry();
            boolean created = entry == null;
            if (created) {
                MapAbsentEntry<AggregateKey, AggregateValue> absent = c.absentEntry();
                c.insert(absent, c.defaultValue(absent)); // all zero: count 0 is what merge takes for new
                entry = c.entry();
            }
            entry.value().getUsing(valueRef); // the reference now points at the entry's own bytes
            if (prefetch != null && prefetch.learning()) { // the query key still holds this merge's key
                Byteable ref = (Byteable) valueRef;
                prefetch.learnValueOffset(ref.bytesStore().addressForRead(ref.offset()));
            }
            AggregateValues.merge(partial, valueRef, limits); // its checksum included, under the write lock
            return created;
        }
    }

    /**
     * Starts loading the hash lookup slot of a key soon to be {@link #merge merged}; see {@link EntryPrefetch}.
     */
    void prefetchSlot(int tag, long window, long hi, long lo) {
        if (prefetch != null) {
            prefetch.slot(tag, window, hi, lo);
        }
    }

    /** Starts loading the entry of a key whose slot {@link #prefetchSlot} loaded. */
    void prefetchEntry(int tag) {
        if (prefetch != null) {
            prefetch.entry(tag);
        }
    }

    /** The map's prefetch, or null when the map is not of the layout it reads (for tests). */
    EntryPrefetch prefetch() {
        return prefetch;
    }

    /** Visits every entry, loaded into {@code scratch} (or a new aggregate each when it is null). */
    void forEach(MutableAggregate scratch, Consumer<MutableAggregate> visitor) {
        map.forEachEntry(e -> visitor.accept(load(e, scratch)));
    }

    private static MutableAggregate load(MapEntry<AggregateKey, AggregateValue> e, MutableAggregate into) {
        MutableAggregate scratch = into != null ? into
                : new MutableAggregate(AggregateLimits.DEFAULTS, MutableAggregate.Mode.FINAL);
        AggregateKey k = e.key().get();
        scratch.reset(k.getWindowStart(), k.getSrcHi(), k.getSrcLo());
        AggregateValues.read(e.value().get(), scratch);
        return scratch;
    }

    /** Every window start with at least one entry, and how many entries (parallel arrays in a holder). */
    long[][] windowCounts() {
        long[][] out = {new long[8], new long[8]};
        int[] n = {0};
        map.forEachEntry(e -> {
            long w = e.key().get().getWindowStart();
            int i = 0;
            while (i < n[0] && out[0][i] != w) {
                i++;
            }
            if (i == n[0]) {
                if (i == out[0].length) {
                    out[0] = Arrays.copyOf(out[0], i * 2);
                    out[1] = Arrays.copyOf(out[1], i * 2);
                }
                out[0][i] = w;
                n[0]++;
            }
            out[1][i]++;
        });
        return new long[][] {Arrays.copyOf(out[0], n[0]), Arrays.copyOf(out[1], n[0])};
    }

    /** Removes every entry of one window; each is passed to {@code removed} just before its removal. */
    int removeWindow(long window, MutableAggregate scratch, Consumer<MutableAggregate> removed) {
        List<long[]> keys = new ArrayList<>();
        map.forEachEntry(e -> {
            AggregateKey k = e.key().get();
            if (k.getWindowStart() == window) {
                keys.add(new long[] {k.getSrcHi(), k.getSrcLo()});
            }
        });
        int count = 0;
        for (long[] src : keys) {
            try (ExternalMapQueryContext<AggregateKey, AggregateValue, ?> c = map.queryContext(key(window, src[0], src[1]))) {
                c.updateLock().lock();
                MapEntry<AggregateKey, AggregateValue> e = c.entry();
                if (e != null) {
                    removed.accept(load(e, scratch));
                    c.remove(e);
                    count++;
                }
            }
        }
        return count;
    }

    long size() {
        return map.longSize();
    }

    /** Bytes of the map file's mapping (the space it takes on disk once every page is touched). */
    long offHeapBytes() {
        return map.offHeapMemoryUsed();
    }

    @Override
    public void close() {
        if (prefetch != null) {
            prefetch.disable();
        }
        map.close();
        keyBytes.releaseLast();
    }
}
