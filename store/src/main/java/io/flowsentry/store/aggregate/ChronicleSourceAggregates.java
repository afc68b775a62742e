package io.flowsentry.store.aggregate;

import io.flowsentry.flow.FlowRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SourceAggregates} persisted in a Chronicle map under {@code <data-dir>/aggregates/}, with a
 * front aggregation on the heap.
 *
 * <p><b>Front aggregation.</b> A flow first updates a heap aggregate of its (window, source) in one of
 * {@link Options#frontSlots()} slots ({@link FrontAggregates}: flat arrays, destinations and ports in hash
 * tables shared by all slots), in groups of {@link #FRONT_GROUP} flows whose memory loads overlap
 * ({@link #waiting}). The front is merged into the map when its slots or tables are full, every
 * {@link Options#flushIntervalMillis()} of the injected clock (checked every 1,024 adds), on
 * {@link #flush()}, {@link #removeWindow}, {@link #size()}, {@link #forEach} and {@link #close()}. A
 * slot whose distinct set would overflow is merged at once and restarted, and it carries the number of
 * flows per value, so merging gives exactly what adding flow by flow to the map would give. Until a merge,
 * other processes reading the map do not see the flows of the front. When the front fills up and under a
 * quarter of the adds since the last merge found their source in it (many sources, none repeating soon: a
 * cold set), flows go straight to the map (in groups whose entries are loaded ahead: {@link EntryPrefetch}),
 * without the front's key rows and tables, for the next 65,536 adds
 * (doubled while the set stays cold, up to 1,048,576), and then the front is tried again. A front of one slot always goes straight to the map.
 *
 * <p><b>Capacity.</b> At most {@link Options#capacity()} (window, source) entries. A flow of a new source
 * when full is dropped and counted; existing sources keep updating. While the map's entries plus every
 * front key (as if all were new) stay below the capacity nothing is checked; past that, each front key
 * is looked up in the map once, so the decision is exact, costs at most one map lookup per front key
 * and never one per flow.
 *
 * <p><b>Crash safety.</b> {@code sources.open} is written at open and deleted at clean close. Found at
 * open, the map is opened with Chronicle's recovery, and entries torn by the crash (their
 * {@link ValueChecksum} does not match) are removed; otherwise the plain way. Flushed aggregates are in the
 * shared memory mapping of the file, which outlives a killed process.
 *
 * <p>Not thread-safe: one writer thread; one writer process per directory.
 */
public final class ChronicleSourceAggregates implements SourceAggregates {

    private static final Logger LOG = LoggerFactory.getLogger(ChronicleSourceAggregates.class);

    /**
     * The map file inside the aggregates directory; "v3" is the value layout of {@link AggregateValue} with
     * the counters first and the value's own checksum (files of the earlier layouts, {@code sources.dat} and
     * {@code sources-v2.dat}, are not opened).
     */
    public static final String MAP_FILE = "sources-v3.dat";
    /** Map files of the earlier layouts: left alone, and named in a warning at open. */
    static final List<String> EARLIER_MAP_FILES = List.of("sources.dat", "sources-v2.dat");
    /** The app dictionary file: one app per line, the line number being the id. */
    public static final String APPS_FILE = "apps.txt";
    /** Present while a writer has the map open. */
    public static final String OPEN_MARKER = "sources.open";

    private static final byte UNKNOWN = 0;
    private static final byte NEW = 1;
    private static final byte EXISTING = 2;
    private static final int TICK_MASK = 1023;
    /**
     * Adds that go straight to the map after a fill of the front in which under a quarter of the adds hit
     * it; doubled after each such fill in a row, up to {@link #MAX_DIRECT_ADDS} (about a second of a cold
     * set at map speed), so that a set that stays cold spends about 1/64 of its adds refilling a front
     * that does not pay, and back to this after a fill or interval in which the front paid.
     */
    private static final int MIN_DIRECT_ADDS = 1 << 16;
    private static final int MAX_DIRECT_ADDS = 1 << 20;
    private static final int GROUP = EntryPrefetch.GROUP;
    private static final int QUEUE_SIZE = 4 * GROUP;
    private static final int QUEUE_MASK = QUEUE_SIZE - 1;
    /**
     * Flows of a front group (see {@link #waiting}). Hot JMH, 10,000 sources, three forks a size, sizes
     * alternated: 8 flows 7.8-8.4 M updates/s, 16 8.9-9.1, 32 8.3-9.2, 64 8.0-8.4. At 32 the first pass
     * issues 96 loads, more than a core keeps in flight at once, and the adds still find their lines in cache.
     */
    private static final int FRONT_GROUP = 32;
    /** The most front slots ({@link Options#frontSlots()}): about 2 KiB of heap each, so 4 GiB of heap. */
    public static final int MAX_FRONT_SLOTS = FrontAggregates.MAX_SLOTS;
    /** Below this many used slots a merge removes the front's keys one by one rather than clearing its tables. */
    private static final int SMALL_FLUSH = 64;

    /**
     * @param capacity            (window, source) entries the map holds
     * @param limits              bounds of the distinct sets
     * @param frontSlots          heap aggregates before the map; 16,384 holds a hot set of 10,000 sources
     * @param flushIntervalMillis the front is merged at least this often while flows arrive
     * @param clock               epoch milliseconds, for the flush interval and the drop log
     */
    public record Options(long capacity, AggregateLimits limits, int frontSlots, long flushIntervalMillis,
                          LongSupplier clock) {

        /** 1,000,000 entries (about 1.5 GiB of map file), 16,384 front slots, merged every second. */
        public static Options defaults() {
            return new Options(1_000_000, AggregateLimits.DEFAULTS, 16_384, 1_000, System::currentTimeMillis);
        }

        public Options {
            if (capacity < 1) {
                throw new IllegalArgumentException("invalid capacity: " + capacity + " (expected: at least 1 source)");
            }
            if (frontSlots < 1 || frontSlots > FrontAggregates.MAX_SLOTS) {
                throw new IllegalArgumentException("invalid frontSlots: " + frontSlots + " (expected: 1 ~ "
                        + FrontAggregates.MAX_SLOTS + ")");
            }
        }

        public Options withCapacity(long entries) {
            return new Options(entries, limits, frontSlots, flushIntervalMillis, clock);
        }

        public Options withLimits(AggregateLimits l) {
            return new Options(capacity, l, frontSlots, flushIntervalMillis, clock);
        }

        public Options withFrontSlots(int slots) {
            return new Options(capacity, limits, slots, flushIntervalMillis, clock);
        }

        public Options withFlushInterval(long millis, LongSupplier c) {
            return new Options(capacity, limits, frontSlots, millis, c);
        }
    }

    private final Options options;
    private final AggregateLimits limits;
    private final ChronicleAggregateMap map;
    private final AppDictionary dictionary;
    private final OpenMarker marker;
    private final boolean recovered;

    private final FrontAggregates front;
    /**
     * Flows added straight to the map wait here in groups of {@link #GROUP}: when a group fills, its keys'
     * hash lookup slots and the previous group's entries are loaded, and the group before that is merged,
     * its entries in cache by then ({@link EntryPrefetch}). At most {@code 3 * GROUP} flows wait; every
     * merge of the front, read of the store and close merges them first.
     */
    private final MutableAggregate[] queued = new MutableAggregate[QUEUE_SIZE];
    private long queuedHead;
    private long queuedTail;
    /**
     * Flows for the front wait here (copied: the caller reuses its record) until {@link #FRONT_GROUP} have
     * come; the group is then added in two passes: the first loads the places each flow's add starts at
     * ({@link FrontAggregates#touch}), so that their waits for memory overlap, the second adds them in
     * order. A flow waits only while the store is far enough below its capacity that no waiting flow can be
     * dropped (each could at most open one new source); every read of the store and close add them first.
     */
    private final FlowRecord[] waiting = new FlowRecord[FRONT_GROUP];
    private final long[] waitingWindow = new long[FRONT_GROUP];
    private final long[] waitingHash = new long[FRONT_GROUP];
    private int waitingCount;
    /** The sum of what {@link FrontAggregates#touch} read, kept so that its loads are. */
    private long touched;
    /** A front slot as a heap aggregate, for merging it into the map. */
    private final MutableAggregate partial;
    private final byte[] states;
    private int frontUsed;
    /** Slots in use before the front is merged: all of them, or 1 while the front does not pay. */
    private int frontLimit;
    private long fillAdds;
    private long fillHits;
    private long directUntil;
    private int directAdds = MIN_DIRECT_ADDS;
    private long pendingNew;
    private long unknownSlots;

    private long mapCount;
    private final TreeMap<Long, Long> windowCounts = new TreeMap<>();
    private final MutableAggregate scratch = new MutableAggregate(AggregateLimits.DEFAULTS, MutableAggregate.Mode.FINAL);
    private final DropLog dropLog;
    private long dropped;
    private long adds;
    private long lastFlush;
    private boolean closed;

    private ChronicleSourceAggregates(Options options, ChronicleAggregateMap map, AppDictionary dictionary,
            OpenMarker marker, boolean recovered) {
        this.options = options;
        this.limits = options.limits();
        this.map = map;
        this.dictionary = dictionary;
        this.marker = marker;
        this.recovered = recovered;
        this.front = new FrontAggregates(options.frontSlots(), limits);
        this.partial = new MutableAggregate(limits, MutableAggregate.Mode.PARTIAL);
        for (int i = 0; i < QUEUE_SIZE; i++) {
            queued[i] = new MutableAggregate(limits, MutableAggregate.Mode.PARTIAL);
        }
        for (int i = 0; i < FRONT_GROUP; i++) {
            waiting[i] = new FlowRecord();
        }
        this.states = new byte[options.frontSlots()];
        this.frontLimit = options.frontSlots();
        this.dropLog = new DropLog(LOG, options.clock());
        long[][] counts = map.windowCounts();
        for (int i = 0; i < counts[0].length; i++) {
            windowCounts.put(counts[0][i], counts[1][i]);
            mapCount += counts[1][i];
        }
        this.lastFlush = options.clock().getAsLong();
    }

    /**
     * Opens the store in {@code directory} (created if needed): recovers the map when the open marker
     * says the last writer did not close it, opens it plainly otherwise.
     */
    public static ChronicleSourceAggregates open(Path directory, Options options) throws IOException {
        Files.createDirectories(directory);
        for (String earlier : EARLIER_MAP_FILES) {
            Path file = directory.resolve(earlier);
            if (Files.exists(file)) {
                LOG.warn("{}: a map file of an earlier value layout, not read; delete it to free its {} bytes",
                        file, Files.size(file));
            }
        }
        OpenMarker marker = new OpenMarker(directory.resolve(OPEN_MARKER));
        boolean unclean = marker.present();
        if (unclean) {
            LOG.warn("{}: the last writer did not close the aggregates; recovering the map", directory);
        }
        ChronicleAggregateMap map = ChronicleAggregateMap.open(directory.resolve(MAP_FILE), options.capacity(), unclean);
        if (map.tornRemoved() > 0) {
            LOG.warn("{}: recovery removed {} aggregates torn by the crash (a merge cut short: their checksum did not match)",
                    directory, map.tornRemoved());
        }
        AppDictionary dictionary;
        try {
            dictionary = AppDictionary.persisted(directory.resolve(APPS_FILE), options.limits().maxDictionary());
            marker.write();
        } catch (IOException | RuntimeException e) {
            map.close();
            throw e;
        }
        return new ChronicleSourceAggregates(options, map, dictionary, marker, unclean);
    }

    /** True when this open found the marker of an unclean stop and recovered the map. */
    public boolean recovered() {
        return recovered;
    }

    @Override
    public boolean add(long windowStart, FlowRecord flow) {
        if (frontLimit == 1) {
            return addDirect(windowStart, flow);
        }
        long sourceHash = FrontAggregates.sourceHash(windowStart, flow.srcHi(), flow.srcLo());
        if (mapCount + pendingNew + unknownSlots + waitingCount + 1 >= options.capacity()) {
            // Near the capacity: this flow's outcome depends on every earlier one.
            addWaitingGroup();
            return addNow(windowStart, flow, sourceHash);
        }
        int i = waitingCount++;
        waiting[i].copyFrom(flow);
        waitingWindow[i] = windowStart;
        waitingHash[i] = sourceHash;
        if (waitingCount == FRONT_GROUP) {
            addWaitingGroup();
        }
        return true;
    }

    /** Adds the waiting front group: first the loads of every flow's places, then the adds, in order. */
    private void addWaitingGroup() {
        int n = waitingCount;
        waitingCount = 0;
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += front.touch(waitingHash[i], waiting[i]);
        }
        touched += sum;
        for (int i = 0; i < n; i++) {
            addNow(waitingWindow[i], waiting[i], waitingHash[i]);
        }
    }

    /** One flow through the front, or straight to the map when a merge of the front has just sent flows there. */
    private boolean addNow(long windowStart, FlowRecord flow, long sourceHash) {
        return frontLimit == 1 ? addDirect(windowStart, flow) : addToFront(windowStart, flow, sourceHash);
    }

    private boolean addToFront(long windowStart, FlowRecord flow, long sourceHash) {
        long hi = flow.srcHi();
        long lo = flow.srcLo();
        if (front.crowded()) {
            flushFront();
        }
        int row = front.find(windowStart, hi, lo, sourceHash);
        fillAdds++;
        if (row < 0) {
            if (frontUsed >= frontLimit) {
                boolean cold = fillHits * 4 < fillAdds;
                flushFront();
                if (cold) {
                    // Sources too many and too random for the front to merge anything (a cold set):
                    // go straight to the map for a while, then try the front again.
                    frontLimit = 1;
                    directUntil = adds + directAdds;
                    directAdds = Math.min(directAdds * 2, MAX_DIRECT_ADDS);
                    return addDirect(windowStart, flow);
                }
            }
            byte state = UNKNOWN;
            if (mapCount + pendingNew + unknownSlots >= options.capacity()) {
                if (unknownSlots > 0) {
                    resolveUnknownSlots(); // which front keys are new, before deciding on this one
                }
                if (map.contains(windowStart, hi, lo)) {
                    state = EXISTING;
                } else if (mapCount + pendingNew >= options.capacity()) {
                    dropped++;
                    dropLog.dropped(dropped, options.capacity());
                    return false;
                } else {
                    state = NEW;
                }
            }
            int slot = frontUsed++;
            row = front.open(slot, windowStart, hi, lo, sourceHash);
            states[slot] = state;
            if (state == NEW) {
                pendingNew++;
            } else if (state == UNKNOWN) {
                unknownSlots++;
            }
        } else {
            fillHits++;
        }
        int appId = dictionary.idOf(flow.app());
        if (!front.add(row, sourceHash, flow, appId)) {
            // A distinct set is full, or the flow count: merge what the slot holds, then start it again.
            int slot = front.slotAt(row);
            mergeSlot(slot);
            front.restart(slot);
            front.add(row, sourceHash, flow, appId);
        }
        tick();
        return true;
    }

    /**
     * One flow straight into the map, the front being empty (a cold set, or a front of one slot): the same
     * capacity decision as through the front, without its key rows and tables. The flow waits in the
     * direct queue for its group's merge (see {@link #queued}).
     */
    private boolean addDirect(long windowStart, FlowRecord flow) {
        long hi = flow.srcHi();
        long lo = flow.srcLo();
        if (mapCount + (queuedTail - queuedHead) >= options.capacity()) {
            drainQueue(); // the decision needs every earlier flow in the map
            if (mapCount >= options.capacity() && !map.contains(windowStart, hi, lo)) {
                dropped++;
                dropLog.dropped(dropped, options.capacity());
                return false;
            }
        }
        long index = queuedTail++;
        queued[(int) index & QUEUE_MASK].reset(windowStart, hi, lo)
                .add(flow, dictionary.idOf(flow.app())); // an empty partial refuses nothing
        if (queuedTail % GROUP == 0) {
            // A group is full: load its slots and the previous group's entries, merge the group before that.
            for (long i = index + 1 - GROUP; i <= index; i++) {
                MutableAggregate p = queued[(int) i & QUEUE_MASK];
                map.prefetchSlot((int) i, p.windowStart, p.srcHi, p.srcLo);
            }
            for (long i = Math.max(queuedHead, index + 1 - 2 * GROUP); i <= index - GROUP; i++) {
                map.prefetchEntry((int) i);
            }
            while (queuedTail - queuedHead > 2 * GROUP) {
                mergePartial(queued[(int) queuedHead++ & QUEUE_MASK]);
            }
        }
        tick();
        return true;
    }

    /** Merges every flow of the direct queue, oldest first. */
    private void drainQueue() {
        while (queuedHead < queuedTail) {
            mergePartial(queued[(int) queuedHead++ & QUEUE_MASK]);
        }
    }

    /** Every 1,024 adds: back to the full front after a direct period, and the interval flush. */
    private void tick() {
        if ((++adds & TICK_MASK) == 0) {
            if (frontLimit < front.slots() && adds >= directUntil) {
                drainQueue(); // its flows are older than any the front will take
                frontLimit = front.slots();
            }
            long now = options.clock().getAsLong();
            if (now - lastFlush >= options.flushIntervalMillis()) {
                flushFront();
            }
        }
    }

    /** Looks every front key of unknown state up in the map: each is looked up at most once. */
    private void resolveUnknownSlots() {
        for (int slot = 0; slot < frontUsed; slot++) {
            if (states[slot] == UNKNOWN) {
                if (map.contains(front.window(slot), front.srcHi(slot), front.srcLo(slot))) {
                    states[slot] = EXISTING;
                } else {
                    states[slot] = NEW;
                    pendingNew++;
                }
            }
        }
        unknownSlots = 0;
    }

    private void mergeSlot(int slot) {
        front.load(slot, partial);
        mergePartial(partial);
        if (states[slot] == NEW) {
            pendingNew--;
        } else if (states[slot] == UNKNOWN) {
            unknownSlots--;
        }
        states[slot] = EXISTING;
    }

    private void mergePartial(MutableAggregate p) {
        try {
            if (map.merge(p, limits)) {
                mapCount++;
                windowCounts.merge(p.windowStart, 1L, Long::sum);
            }
        } catch (IllegalStateException full) {
            // The file was created with fewer entries than this capacity: Chronicle Map refuses.
            dropped += p.count;
            dropLog.dropped(dropped, options.capacity());
        }
    }

    private void flushFront() {
        drainQueue();
        // In groups: the slots of the group after next and the entries of the next group are loaded
        // before this group is merged, so their waits for memory overlap (EntryPrefetch).
        prefetchSlots(0, GROUP);
        prefetchSlots(GROUP, GROUP);
        prefetchEntries(0, GROUP);
        for (int first = 0; first < frontUsed; first += GROUP) {
            prefetchSlots(first + 2 * GROUP, GROUP);
            prefetchEntries(first + GROUP, GROUP);
            int end = Math.min(first + GROUP, frontUsed);
            for (int slot = first; slot < end; slot++) {
                mergeSlot(slot);
            }
        }
        if (frontUsed <= SMALL_FLUSH && !front.crowded()) {
            for (int slot = 0; slot < frontUsed; slot++) {
                front.remove(slot);
            }
        } else {
            front.clearAll(frontUsed);
        }
        frontUsed = 0;
        if (fillAdds >= front.slots() && fillHits * 4 >= fillAdds) {
            directAdds = MIN_DIRECT_ADDS;
        }
        fillAdds = 0;
        fillHits = 0;
        lastFlush = options.clock().getAsLong();
    }

    private void prefetchSlots(int first, int count) {
        int end = Math.min(first + count, frontUsed);
        for (int slot = first; slot < end; slot++) {
            map.prefetchSlot(slot, front.window(slot), front.srcHi(slot), front.srcLo(slot));
        }
    }

    private void prefetchEntries(int first, int count) {
        int end = Math.min(first + count, frontUsed);
        for (int slot = first; slot < end; slot++) {
            map.prefetchEntry(slot);
        }
    }

    @Override
    public List<SourceAggregate> removeWindow(long windowStart) {
        addWaitingGroup();
        flushFront();
        List<SourceAggregate> out = new ArrayList<>();
        int removed = map.removeWindow(windowStart, scratch, a -> out.add(a.snapshot(dictionary)));
        mapCount -= removed;
        windowCounts.remove(windowStart);
        out.sort(InMemorySourceAggregates.BY_SOURCE_TEXT);
        return out;
    }

    @Override
    public long[] windows() {
        addWaitingGroup();
        drainQueue();
        TreeSet<Long> all = new TreeSet<>(windowCounts.keySet());
        for (int slot = 0; slot < frontUsed; slot++) {
            all.add(front.window(slot));
        }
        return all.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void forEach(Consumer<SourceAggregate> visitor) {
        addWaitingGroup();
        flushFront();
        map.forEach(scratch, a -> visitor.accept(a.snapshot(dictionary)));
    }

    @Override
    public long size() {
        addWaitingGroup();
        flushFront();
        return mapCount;
    }

    @Override
    public long droppedSources() {
        return dropped;
    }

    /** Bytes of the map's memory mapping: its file size once every page is touched. */
    public long mapBytes() {
        return map.offHeapBytes();
    }

    @Override
    public void flush() {
        addWaitingGroup();
        flushFront();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        addWaitingGroup();
        flushFront();
        map.close();
        dictionary.close();
        try {
            marker.delete();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the open marker; the next open will recover", e);
        }
    }
}
