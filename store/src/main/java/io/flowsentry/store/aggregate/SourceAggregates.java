package io.flowsentry.store.aggregate;

import io.flowsentry.flow.FlowRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * The detection's aggregate per (window, source address): earliest and latest time, count, bytes,
 * packets and the distinct actions, apps, destination addresses, destination ports and source types
 * of the matching flows (../shared/docs/DETECTION.md, "The aggregation").
 *
 * <p>The store decides nothing: the caller has already applied the detection's predicate and chosen
 * the window. Implementations are not required to be thread-safe unless they say so.
 */
public interface SourceAggregates extends AutoCloseable {

    /**
     * Adds one matching flow to the aggregate of ({@code windowStart}, the flow's source address). Uses
     * the flow's {@code timeStart} as event time.
     *
     * @return {@code false} when the store is full and this flow opened a new source that was dropped
     *         (counted in {@link #droppedSources()}); existing sources always update
     */
    boolean add(long windowStart, FlowRecord flow);

    /** A snapshot of every aggregate of one window, sorted by source address text; then removes them. */
    List<SourceAggregate> removeWindow(long windowStart);

    /** The start of every window that holds at least one aggregate, ascending. */
    long[] windows();

    /** Visits a snapshot of every aggregate held, in no particular order. */
    void forEach(Consumer<SourceAggregate> visitor);

    /** Number of (window, source) aggregates held. */
    long size();

    /** Flows that would have opened a new source while the store was full. */
    long droppedSources();

    /** Makes every update so far visible to other readers and durable against a crash of this process. */
    void flush();

    @Override
    void close();
}
