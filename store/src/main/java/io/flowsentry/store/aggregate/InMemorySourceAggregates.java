package io.flowsentry.store.aggregate;

import io.flowsentry.flow.FlowRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link SourceAggregates} on the heap, bounded the same way as the Chronicle store: at most
 * {@code capacity} (window, source) aggregates, bounded distinct sets ({@link AggregateLimits}). Nothing
 * survives the process. Not thread-safe.
 *
 * <p>Per flow it allocates nothing once an aggregate exists; a new source reuses a freed aggregate when
 * one is available.
 */
public final class InMemorySourceAggregates implements SourceAggregates {

    private static final Logger LOG = LoggerFactory.getLogger(InMemorySourceAggregates.class);

    private final long capacity;
    private final AggregateLimits limits;
    private final AppDictionary dictionary;
    private final AggregateKeyIndex index;
    private final List<MutableAggregate> aggregates = new ArrayList<>();
    private final List<Integer> free = new ArrayList<>();
    private final TreeMap<Long, Integer> windowSizes = new TreeMap<>();
    private final DropLog dropLog;
    private long dropped;

    public InMemorySourceAggregates(int capacity, AggregateLimits limits) {
        if (capacity < 1) {
            throw new IllegalArgumentException("invalid capacity: " + capacity + " (expected: at least 1 source)");
        }
        this.capacity = capacity;
        this.limits = limits;
        this.dictionary = AppDictionary.inMemory(limits.maxDictionary());
        this.index = new AggregateKeyIndex(Math.min(capacity, 1 << 16));
        this.dropLog = new DropLog(LOG, System::currentTimeMillis);
    }

    public InMemorySourceAggregates(int capacity) {
        this(capacity, AggregateLimits.DEFAULTS);
    }

    @Override
    public boolean add(long windowStart, FlowRecord flow) {
        long hi = flow.srcHi();
        long lo = flow.srcLo();
        int at = index.get(windowStart, hi, lo);
        MutableAggregate agg;
        if (at == AggregateKeyIndex.ABSENT) {
            if (index.size() >= capacity) {
                dropped++;
                dropLog.dropped(dropped, capacity);
                return false;
            }
            if (free.isEmpty()) {
                at = aggregates.size();
                aggregates.add(new MutableAggregate(limits, MutableAggregate.Mode.FINAL));
            } else {
                at = free.remove(free.size() - 1);
            }
            agg = aggregates.get(at).reset(windowStart, hi, lo);
            index.put(windowStart, hi, lo, at);
            windowSizes.merge(windowStart, 1, Integer::sum);
        } else {
            agg = aggregates.get(at);
        }
        agg.add(flow, dictionary.idOf(flow.app()));
        return true;
    }

    @Override
    public List<SourceAggregate> removeWindow(long windowStart) {
        List<SourceAggregate> out = new ArrayList<>();
        if (windowSizes.remove(windowStart) == null) {
            return out;
        }
        for (int i = 0; i < aggregates.size(); i++) {
            MutableAggregate agg = aggregates.get(i);
            if (agg.windowStart == windowStart && index.get(agg.windowStart, agg.srcHi, agg.srcLo) == i) {
                out.add(agg.snapshot(dictionary));
                index.remove(agg.windowStart, agg.srcHi, agg.srcLo);
                free.add(i);
            }
        }
        out.sort(BY_SOURCE_TEXT);
        return out;
    }

    /** The order of {@link #removeWindow}: source address text. */
    static final Comparator<SourceAggregate> BY_SOURCE_TEXT = Comparator.comparing(SourceAggregate::srcIp);

    @Override
    public long[] windows() {
        return windowSizes.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void forEach(Consumer<SourceAggregate> visitor) {
        for (int i = 0; i < aggregates.size(); i++) {
            MutableAggregate agg = aggregates.get(i);
            if (index.get(agg.windowStart, agg.srcHi, agg.srcLo) == i) {
                visitor.accept(agg.snapshot(dictionary));
            }
        }
    }

    @Override
    public long size() {
        return index.size();
    }

    @Override
    public long droppedSources() {
        return dropped;
    }

    @Override
    public void flush() {
        // Nothing to make durable: the heap is all there is.
    }

    @Override
    public void close() {
        dictionary.close();
    }
}
