package io.flowsentry.store.aggregate;

import net.openhft.chronicle.algo.bytes.Access;
import net.openhft.chronicle.algo.hashing.LongHashFunction;
import net.openhft.chronicle.bytes.Byteable;
import net.openhft.chronicle.core.Memory;
import net.openhft.chronicle.core.OS;
import net.openhft.chronicle.hash.impl.CompactOffHeapLinearHashTable;
import net.openhft.chronicle.hash.impl.HashSplitting;
import net.openhft.chronicle.hash.impl.VanillaChronicleHash;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Brings the map entries of keys about to be merged into the cache while earlier keys are merged, so
 * that their memory accesses overlap instead of following one another.
 *
 * <p>Why: an update of an entry that is not in the cache (a cold set: 1,000,000 sources in a 1.8 GB
 * mapping) waits for memory twice in a row, each wait with a TLB miss: the segment's hash lookup slot,
 * then the entry the slot points to (the key, then the value's lines). Chronicle Map's query reads them
 * one after the other. Java has no prefetch instruction; a plain load does the same if nothing waits for
 * its result soon, except that the core retires nothing past a load still waiting for memory, so one
 * such load per merge only hides what fits in the reorder buffer. Loads started together wait together:
 * the caller takes keys in groups of {@link #GROUP}, and before merging a group reads the {@link #slot}s
 * of the group after next and the {@link #entry entries} of the next group (whose slots are in cache by
 * then). One wait for memory then covers a group's slots and the next group's entries.
 *
 * <p>How the addresses are found is Chronicle Map 2026.1's own arithmetic, read from its source
 * ({@code InputKeyHashCode}, {@code HashSplitting}, {@code QueryHashLookupSearch}, {@code KeySearch},
 * {@code SegmentStages.initSegment}): the key's hash is xxHash r39 of its 24 bytes; the segment is
 * {@code hashSplitting.segmentIndex(hash)}; the search key {@code maskUnsetKey(segmentHash(hash))}; the
 * slot chain starts at {@code hlPos(searchKey)} in the segment's first tier; a slot holding the search
 * key gives the entry's chunk, at {@code tierBase + hashLookup + counters + free list + entry space
 * offset + chunk * chunkSize}. A prefetch only reads, never past the segment's first tier, and is checked
 * once against the entry Chronicle itself returns ({@link #learnValueOffset}); if that check fails the
 * prefetch turns itself off and merges go on as before. A wrong guess costs a cache line, nothing else.
 *
 * <p>Not thread-safe; one per {@link ChronicleAggregateMap}, which must {@link #disable} it before the
 * map's memory is unmapped.
 */
final class EntryPrefetch {

    /**
     * Keys whose loads are started together, so that one wait for memory covers all of them (16, 32 and
     * 64 measured; 32 was best). A power of two.
     */
    static final int GROUP = 32;
    /** Places for keys in flight: three groups (slots read, entries read, being merged), and room. */
    static final int RING = 8 * GROUP;
    private static final int RING_MASK = RING - 1;
    /** Slots of a chain followed at most: 64 four-byte slots, four cache lines (with 20,000 keys one chain was longer than 8). */
    private static final int MAX_PROBES = 64;
    /**
     * The value's lines a merge of IPv4 traffic reads: counters and checksum (bytes 0-71), ports and apps
     * (72-231), the first destinations' low halves (from 232): see {@code AggregateValue$$Native}.
     */
    private static final int VALUE_BYTES_TOUCHED = 384;

    private static final Memory MEMORY = OS.memory();
    private static final LongHashFunction KEY_HASH = LongHashFunction.xx_r39();

    private final CompactOffHeapLinearHashTable lookup;
    private final HashSplitting splitting;
    private final long firstTierBase;
    private final long tierSize;
    private final long entrySpace;
    private final long chunkSize;
    private final long chunks;
    /** The map's query key, whose native bytes this class hashes and compares. */
    private final AggregateKey key;
    private final int keySize;
    private final long keyAddress;

    private final long[] tierBase = new long[RING];
    private final long[] searchKey = new long[RING];
    private final long[] startPos = new long[RING];
    /** Bytes from an entry's start to its value; negative until learnt. */
    private long valueOffset = -1;
    private boolean enabled = true;
    /** Every prefetched word is folded in here, so that the loads are not optimised away. */
    private long sink;

    private EntryPrefetch(VanillaChronicleHash<?, ?, ?, ?> h, AggregateKey key) {
        this.lookup = h.hashLookup;
        this.splitting = h.hashSplitting;
        this.firstTierBase = h.segmentBaseAddr(0);
        this.tierSize = h.tierSize;
        this.entrySpace = h.tierHashLookupOuterSize + VanillaChronicleHash.TIER_COUNTERS_AREA_SIZE
                + h.tierFreeListOuterSize + h.tierEntrySpaceInnerOffset;
        this.chunkSize = h.chunkSize;
        this.chunks = h.actualChunksPerSegmentTier;
        Byteable keyRef = (Byteable) key;
        this.key = key;
        this.keySize = Math.toIntExact(keyRef.maxSize());
        this.keyAddress = keyRef.bytesStore().addressForRead(keyRef.offset());
    }

    /**
     * A prefetch for the map, or null when the map is not the implementation whose layout this reads.
     * {@code key} is the caller's native query key: this class writes the keys it hashes into it, so the
     * caller sets it again before each query (as {@link ChronicleAggregateMap} does).
     */
    static EntryPrefetch of(ChronicleMap<?, ?> map, AggregateKey key) {
        if (!(map instanceof VanillaChronicleHash<?, ?, ?, ?> h) || h.hashLookup == null) {
            return null;
        }
        return new EntryPrefetch(h, key);
    }

    /**
     * Stage one for the key with this tag (any int; tags {@link #RING} apart share a place): computes
     * where its hash lookup slot is and reads it.
     */
    void slot(int tag, long window, long hi, long lo) {
        if (!enabled) {
            return;
        }
        int i = tag & RING_MASK;
        long hash = hash(window, hi, lo);
        long base = tierOf(hash);
        long search = searchKeyOf(hash);
        long pos = lookup.hlPos(search);
        tierBase[i] = base;
        searchKey[i] = search;
        startPos[i] = pos;
        sink += lookup.readEntry(base, pos);
    }

    /** Stage two for the key with this tag, whose slot was read before: reads its entry's lines. */
    void entry(int tag) {
        int j = tag & RING_MASK;
        if (!enabled || searchKey[j] == 0 || valueOffset < 0) {
            return;
        }
        long entry = entryAddress(tierBase[j], searchKey[j], startPos[j], false);
        if (entry != 0) {
            long end = Math.min(entry + valueOffset + VALUE_BYTES_TOUCHED, tierBase[j] + tierSize);
            for (long a = entry; a < end; a += 64) {
                sink += MEMORY.readLong(a);
            }
        }
        searchKey[j] = 0;
    }

    /** True until the arithmetic was checked once ({@link #learnValueOffset}). */
    boolean learning() {
        return enabled && valueOffset < 0;
    }

    /**
     * Checks the arithmetic against a merge Chronicle Map has just done, its key still in the query key:
     * the entry this class finds for the key must hold it, and the value must follow it within a cache
     * line or two. Turns the prefetch off when not.
     */
    void learnValueOffset(long valueAddress) {
        if (!learning()) {
            return;
        }
        long entry = locate(hashOfKey());
        long offset = valueAddress - entry;
        if (entry == 0 || offset < keySize || offset > 2L * 64) {
            enabled = false;
            return;
        }
        valueOffset = offset;
    }

    /** True once the arithmetic was checked against a merge and found right (the prefetch is working). */
    boolean checked() {
        return enabled && valueOffset >= 0;
    }

    /** True when the arithmetic finds an entry holding this key (for tests: it must, for every key present). */
    boolean locates(long window, long hi, long lo) {
        return locate(hash(window, hi, lo)) != 0;
    }

    /** Stops for good: the map's memory is about to go. */
    void disable() {
        enabled = false;
    }

    /** The entry holding the key in the query key, whose hash this is, or 0. */
    private long locate(long hash) {
        long search = searchKeyOf(hash);
        return entryAddress(tierOf(hash), search, lookup.hlPos(search), true);
    }

    private long hash(long window, long hi, long lo) {
        key.setWindowStart(window);
        key.setSrcHi(hi);
        key.setSrcLo(lo);
        return hashOfKey();
    }

    private long hashOfKey() {
        return KEY_HASH.hash((Object) null, Access.nativeAccess(), keyAddress, keySize);
    }

    /** The first tier of the key's segment. */
    private long tierOf(long hash) {
        return firstTierBase + splitting.segmentIndex(hash) * tierSize;
    }

    private long searchKeyOf(long hash) {
        return lookup.maskUnsetKey(splitting.segmentHash(hash));
    }

    /**
     * The address of the first entry whose slot holds the search key (and, with {@code holdingKey}, whose
     * bytes hold the query key), or 0.
     */
    private long entryAddress(long base, long search, long pos, boolean holdingKey) {
        for (int probe = 0; probe < MAX_PROBES; probe++) {
            long slot = lookup.readEntry(base, pos);
            if (lookup.empty(slot)) {
                return 0;
            }
            long chunk = lookup.value(slot);
            if (lookup.key(slot) == search && chunk < chunks) {
                long entry = base + entrySpace + chunk * chunkSize;
                if (!holdingKey || holdsKey(entry)) {
                    return entry;
                }
            }
            pos = lookup.step(pos);
        }
        return 0;
    }

    private boolean holdsKey(long entry) {
        for (int i = 0; i < keySize; i += 8) {
            if (MEMORY.readLong(entry + i) != MEMORY.readLong(keyAddress + i)) {
                return false;
            }
        }
        return true;
    }
}
