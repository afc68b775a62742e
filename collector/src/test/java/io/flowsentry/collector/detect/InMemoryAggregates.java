package io.flowsentry.collector.detect;

import io.flowsentry.flow.FlowRecord;
import io.flowsentry.store.aggregate.SourceAggregate;
import io.flowsentry.store.aggregate.SourceAggregates;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** A test double of the store's aggregates, built on the engine's own accumulator; capacity in sources. */
final class InMemoryAggregates implements SourceAggregates {

    private final TreeMap<Long, Map<SourceKey, RowAccumulator>> windows = new TreeMap<>();
    private final int capacity;
    private long size;
    private long dropped;
    int flushes;

    InMemoryAggregates(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public boolean add(long windowStart, FlowRecord flow) {
        Map<SourceKey, RowAccumulator> w = windows.computeIfAbsent(windowStart, k -> new LinkedHashMap<>());
        SourceKey key = new SourceKey(flow.srcHi(), flow.srcLo());
        RowAccumulator acc = w.get(key);
        if (acc == null) {
            if (size >= capacity) {
                dropped++;
                return false;
            }
            acc = new RowAccumulator(windowStart, key.hi(), key.lo(), 64, 32);
            w.put(key, acc);
            size++;
        }
        acc.add(flow);
        return true;
    }

    @Override
    public List<SourceAggregate> removeWindow(long windowStart) {
        Map<SourceKey, RowAccumulator> w = windows.remove(windowStart);
        List<SourceAggregate> out = new ArrayList<>();
        if (w != null) {
            w.values().forEach(a -> out.add(a.snapshot()));
            size -= w.size();
        }
        out.sort((a, b) -> DetectionRowJson.BYTE_ORDER.compare(a.srcIp(), b.srcIp()));
        return out;
    }

    @Override
    public long[] windows() {
        return windows.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void forEach(Consumer<SourceAggregate> visitor) {
        windows.values().forEach(w -> w.values().forEach(a -> visitor.accept(a.snapshot())));
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long droppedSources() {
        return dropped;
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public void close() {
    }
}
