package io.flowsentry.collector.detect;

import io.flowsentry.collector.publish.PublishedRow;
import io.flowsentry.collector.publish.RowPublisher;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.store.aggregate.SourceAggregate;
import io.flowsentry.store.aggregate.SourceAggregates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Detect Outbound SMB Traffic over a stream of flow records (../shared/docs/DETECTION.md).
 *
 * <p><b>Threading.</b> Single-threaded: one detection thread calls {@link #onFlow}, {@link #onMatchedFlow},
 * {@link #tick} and {@link #closeAll}. Other threads may only read {@link #counters()} and {@link #idle()}, and call
 * {@link #replaceSuppressionRules} / {@link #replacePredicate}, which swap an immutable object atomically
 * (a reload). Network threads may run the same {@link SmbPredicate} themselves and hand over only
 * matches through {@link #onMatchedFlow}.
 *
 * <p><b>Per matching flow:</b> suppression rules (per flow, before aggregation) → window
 * {@code floor(timeStart / window) * window} → the store's aggregate of (window, source); or, when that
 * window is already published, a late batch of (window, source) published on the next tick. The first
 * matching flow of a source whose early alert is due opens an early row, which collects that source's
 * further flows of the same window until the next tick publishes it.
 *
 * <p><b>Event time.</b> The watermark is the highest flow start seen, of every flow and not only of the
 * matching ones ({@link #observeEventTime} for flows filtered elsewhere). A flow starting more than
 * {@code maxFuture} after the injected clock's now (an exporter with a wrong clock) is aggregated but does
 * not move the watermark, so one bad timestamp cannot close every open window. A window
 * {@code [w, w + window)} closes, and its rows are published, on the first tick at which
 * {@code watermark >= w + window + lateness}. {@link #closeAll} closes everything at the end of an offline
 * input. With a wall clock, the idle rule below adds liveness to this rule when the input goes quiet.
 *
 * <p><b>Idle input (live only; a liveness extension of DETECTION.md's rule, which it leaves as is while
 * flows arrive).</b> With a wall clock and {@code idleAfter > 0}, once no flow has arrived for
 * {@code idleAfter} of that clock, windows close as if event time were at least {@code now - idleAfter}: the
 * closing watermark is {@code max(watermark, now - idleAfter)}, so quiet exporters (a night, a dead router, the
 * end of a replay) still get their windows published, about {@code idleAfter} later than traffic would have;
 * flows that come later for those windows become late rows. An arrival is any flow handed to {@link #onFlow}
 * or {@link #onMatchedFlow}, an {@link #observeEventTime} that moves the watermark, or {@link #noteTraffic}.
 * A flow beyond the future guard is an arrival too: the rule asks whether the input went quiet, and while
 * anything is received it stays out of the way (such flows are counted in
 * {@link EngineCounters#futureIgnored()}). The closing watermark {@code now - idleAfter} is never ahead of
 * the clock, so the rule cannot do what the future guard prevents. Arrivals are stamped with the clock on
 * the next tick, so the hot path reads no clock ({@link QuietInputRule}). The saved watermark stays the
 * highest event time seen, never the wall clock; the published-through mark moves only to the end of the
 * last window the rule published, not over quiet time. After a restart the rule waits a full
 * {@code idleAfter} from the start before closing anything.
 * Early rows do not depend on it: they go out on the next tick, before the window rows that tick closes.
 *
 * <p><b>State.</b> The aggregates live in the store; the early-alert ledger and the published-through
 * mark are saved under {@code stateDir} ({@code <data-dir>/engine/}) after each publish, so a restart
 * neither re-alerts nor reopens a published window. Rows carry stable ids ({@link RowIds}).
 */
public final class DetectionEngine {

    /** Rows kept across failed publishes: 100,000 rows of about 700 bytes, some 70 MB. */
    static final int MAX_UNPUBLISHED = 100_000;

    private final EngineSettings settings;
    private final long windowMillis;
    private final long latenessMillis;
    private final long maxFutureMillis;
    /** Off offline or with {@code idle_after: 0}. */
    private final QuietInputRule quietInput;
    private final SourceAggregates store;
    private final RowPublisher publisher;
    private final LongSupplier clock;
    private final Path stateDir;
    private final EarlyAlertLedger ledger;
    private final EngineCounters counters = new EngineCounters();
    private final Map<SourceKey, RowAccumulator> pendingEarly = new LinkedHashMap<>();
    private final Map<WindowSourceKey, RowAccumulator> pendingLate = new LinkedHashMap<>();
    /** Rows a failed publish left behind, published first on the next tick. */
    private final List<PublishedRow> unpublished = new ArrayList<>();

    private volatile SmbPredicate predicate;
    private volatile SuppressionRules rules;
    private long watermark;
    private long publishedThrough;
    private boolean checkpointDirty;

    /**
     * @param clock    epoch ms, the wall clock of {@code run}; {@code null} for an offline scan, where the
     *                 watermark serves as the clock (suppression expiry, early throttle) and the future guard
     *                 is off
     * @param stateDir where the ledger and checkpoint live, or {@code null} to keep no state (scan)
     * @throws UncheckedIOException when saved state exists but cannot be read
     */
    public DetectionEngine(EngineSettings settings, SmbPredicate predicate, SuppressionRules rules,
                           SourceAggregates store, RowPublisher publisher, LongSupplier clock, Path stateDir) {
        this.settings = settings;
        this.windowMillis = settings.window().toMillis();
        this.latenessMillis = settings.lateness().toMillis();
        this.maxFutureMillis = clock == null ? 0 : settings.maxFuture().toMillis();
        this.quietInput = QuietInputRule.of(clock, settings.idleAfter().toMillis());
        this.predicate = predicate;
        this.rules = rules;
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.stateDir = stateDir;
        this.ledger = new EarlyAlertLedger(settings.earlyMaxSources(), settings.earlySuppression().toMillis());
        EngineCheckpoint checkpoint = EngineCheckpoint.EMPTY;
        if (stateDir != null) {
            try {
                checkpoint = EngineCheckpoint.load(stateDir);
                ledger.load(stateDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read detection engine state in " + stateDir, e);
            }
        }
        this.watermark = checkpoint.watermark();
        this.publishedThrough = checkpoint.publishedThrough();
    }

    /**
     * Every decoded flow: its start moves event time (so windows close on all traffic, not only on SMB),
     * then the predicate, then the steps of {@link #onMatchedFlow} for a match. The record is not kept.
     */
    public void onFlow(FlowRecord flow) {
        counters.flowsSeen++;
        arrived(flow.timeStart());
        if (predicate.matches(flow)) {
            counters.flowsMatched++;
            aggregate(flow);
        }
    }

    /**
     * A flow that already passed this engine's predicate (filtered on a network thread). Whoever filters
     * should also report the event time of the flows it drops, through {@link #observeEventTime}.
     */
    public void onMatchedFlow(FlowRecord flow) {
        counters.flowsMatched++;
        arrived(flow.timeStart());
        aggregate(flow);
    }

    /**
     * Event time seen (a flow start, epoch ms): moves the watermark unless it lies more than
     * {@code maxFuture} ahead of the clock (counted in {@link EngineCounters#futureIgnored()}). Only a time
     * that moves the watermark counts as an arrival for the idle rule: callers report running maxima.
     */
    public void observeEventTime(long time) {
        if (advance(time)) {
            quietInput.traffic();
        }
    }

    /**
     * Flows arrived whose times went through {@link #observeEventTime} as a running maximum that need not
     * have moved the watermark (an exporter lagging behind the others): they keep the idle rule from firing.
     */
    public void noteTraffic() {
        quietInput.traffic();
    }

    /** A flow's start: an arrival for the idle rule, and it moves the watermark unless beyond the guard. */
    private void arrived(long time) {
        quietInput.traffic();
        advance(time);
    }

    /**
     * Moves the watermark to {@code time} when it is later and not more than {@code maxFuture} ahead of the
     * clock (that case counted); true when it moved.
     */
    private boolean advance(long time) {
        if (maxFutureMillis > 0 && time > clock.getAsLong() + maxFutureMillis) {
            counters.futureIgnored++;
            return false;
        }
        if (time > watermark) {
            watermark = time;
            return true;
        }
        return false;
    }

    /** The clock's now, epoch ms; offline, the watermark. */
    private long now() {
        return clock == null ? watermark : clock.getAsLong();
    }

    private void aggregate(FlowRecord flow) {
        long now = now();
        if (rules.firstMatch(flow, now) >= 0) {
            counters.flowsSuppressed++;
            return;
        }
        long windowStart = Math.floorDiv(flow.timeStart(), windowMillis) * windowMillis;
        if (windowStart < publishedThrough) {
            counters.flowsLate++;
            pendingLate.computeIfAbsent(new WindowSourceKey(windowStart, flow.srcHi(), flow.srcLo()),
                    k -> newAccumulator(windowStart, k.hi(), k.lo())).add(flow);
            return;
        }
        store.add(windowStart, flow);
        if (settings.earlyEnabled()) {
            considerEarly(windowStart, flow, now);
        }
    }

    private void considerEarly(long windowStart, FlowRecord flow, long now) {
        long hi = flow.srcHi();
        long lo = flow.srcLo();
        if (!ledger.due(hi, lo, now)) {
            // Throttled, or triggered since the last tick: then its early row is still collecting.
            if (!pendingEarly.isEmpty()) {
                RowAccumulator pending = pendingEarly.get(new SourceKey(hi, lo));
                if (pending != null && pending.windowStart() == windowStart) {
                    pending.add(flow);
                }
            }
            return;
        }
        ledger.record(hi, lo, now);
        RowAccumulator pending = newAccumulator(windowStart, hi, lo);
        pending.add(flow);
        pendingEarly.put(new SourceKey(hi, lo), pending);
    }

    private RowAccumulator newAccumulator(long windowStart, long hi, long lo) {
        return new RowAccumulator(windowStart, hi, lo, settings.maxDestIps(), settings.maxDestPorts());
    }

    /**
     * Publishes pending early and late rows, then the rows of every window that event time has closed.
     * Call at least once a second (the early row's promise) and after the last flow of a batch.
     */
    public void tick() {
        List<PublishedRow> rows = new ArrayList<>();
        drainPending(rows);
        long byEventTime = closedThrough(watermark);
        closeWindowsThrough(closedThrough(quietInput.closingWatermark(watermark)), byEventTime, rows);
        finish(rows);
    }

    /** End of input: {@link #tick}, then closes every window still open, whatever the watermark. */
    public void closeAll() {
        List<PublishedRow> rows = new ArrayList<>();
        drainPending(rows);
        long through = closedThrough(watermark);
        for (long w : store.windows()) {
            through = Math.max(through, w + windowMillis);
        }
        closeWindowsThrough(through, through, rows);
        finish(rows);
    }

    private long closedThrough(long eventTime) {
        if (eventTime == Long.MIN_VALUE) {
            return Long.MIN_VALUE;
        }
        return Math.floorDiv(eventTime - latenessMillis, windowMillis) * windowMillis;
    }

    private void drainPending(List<PublishedRow> rows) {
        for (RowAccumulator early : pendingEarly.values()) {
            SourceAggregate a = early.snapshot();
            rows.add(row(RowKind.EARLY, a, RowIds.id(RowKind.EARLY, a.windowStart(), a.srcIp(),
                    early.firstAddedTime())));
        }
        pendingEarly.clear();
        for (RowAccumulator late : pendingLate.values()) {
            SourceAggregate a = late.snapshot();
            rows.add(row(RowKind.LATE, a, RowIds.id(RowKind.LATE, a.windowStart(), a.srcIp(),
                    late.firstTime(), late.lastTime(), late.count())));
        }
        pendingLate.clear();
    }

    /**
     * Publishes the windows ending at or before {@code through}, and moves the published-through mark to
     * {@code markAtLeast} or the end of the last window published, whichever is later. Event time moves
     * the mark over empty windows too; the idle rule (where {@code through} is past {@code markAtLeast}) only
     * over the windows it published, so quiet time is never declared published: a replay of older flows
     * after a quiet spell still aggregates them instead of making them late.
     */
    private void closeWindowsThrough(long through, long markAtLeast, List<PublishedRow> rows) {
        long mark = markAtLeast;
        for (long w : store.windows()) {
            if (w + windowMillis > through) {
                break;
            }
            for (SourceAggregate a : store.removeWindow(w)) {
                rows.add(row(RowKind.WINDOW, a, RowIds.id(RowKind.WINDOW, w, a.srcIp())));
            }
            mark = Math.max(mark, w + windowMillis);
        }
        if (mark > publishedThrough) {
            publishedThrough = mark;
            checkpointDirty = true;
        }
    }

    private PublishedRow row(RowKind kind, SourceAggregate a, String id) {
        String json = DetectionRowJson.toJson(a, windowMillis, kind, settings.profile());
        return new PublishedRow(id, kind.text(), a.windowStart(), IpAddress.toString(a.srcHi(), a.srcLo()), json);
    }

    /**
     * Publishes the rows, after any a failed publish left behind. When the publisher throws, the rows are
     * kept (they have left the store) and tried again first on the next tick, and the exception goes to the
     * caller; past {@link #MAX_UNPUBLISHED} kept rows the oldest are dropped and counted.
     */
    private void finish(List<PublishedRow> rows) {
        if (!unpublished.isEmpty()) {
            unpublished.addAll(rows);
            rows = new ArrayList<>(unpublished);
        }
        if (!rows.isEmpty()) {
            try {
                publisher.publish(rows);
            } catch (RuntimeException e) {
                unpublished.clear();
                int keep = Math.min(rows.size(), MAX_UNPUBLISHED);
                counters.rowsDropped += rows.size() - keep;
                unpublished.addAll(rows.subList(rows.size() - keep, rows.size()));
                throw e;
            }
            unpublished.clear();
            for (PublishedRow r : rows) {
                counters.countRow(kindOf(r));
            }
            store.flush();
        }
        if (checkpointDirty) {
            saveCheckpoint();
            checkpointDirty = false;
        }
        if (stateDir != null && ledger.dirty()) {
            ledger.pruneExpired(now());
            try {
                ledger.save(stateDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot save the early-alert ledger in " + stateDir, e);
            }
        }
    }

    private static RowKind kindOf(PublishedRow r) {
        return switch (r.kind()) {
            case "early" -> RowKind.EARLY;
            case "late" -> RowKind.LATE;
            default -> RowKind.WINDOW;
        };
    }

    private void saveCheckpoint() {
        if (stateDir == null) {
            return;
        }
        try {
            new EngineCheckpoint(watermark, publishedThrough).save(stateDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the detection checkpoint in " + stateDir, e);
        }
    }

    /** Swaps the suppression rules atomically (SIGHUP, {@code flowsentry reload}); safe from any thread. */
    public void replaceSuppressionRules(SuppressionRules newRules) {
        this.rules = newRules;
    }

    /** Swaps the predicate (a new assets table) atomically; safe from any thread. */
    public void replacePredicate(SmbPredicate newPredicate) {
        this.predicate = newPredicate;
    }

    public SmbPredicate predicate() {
        return predicate;
    }

    public SuppressionRules suppressionRules() {
        return rules;
    }

    public EngineCounters counters() {
        return counters;
    }

    /** Sources that opened a new aggregate while the store was full (the store's count). */
    public long droppedSources() {
        return store.droppedSources();
    }

    /** Highest accepted event time, epoch ms; {@link Long#MIN_VALUE} before the first flow. */
    public long watermark() {
        return watermark;
    }

    /**
     * True when, at the last tick, no flow had arrived for {@code idleAfter} and the clock (less
     * {@code idleAfter}) rather than the watermark decided which windows close; safe from any thread.
     */
    public boolean idle() {
        return quietInput.idle();
    }

    /** Every window ending at or before this instant (epoch ms) is published. */
    public long publishedThrough() {
        return publishedThrough;
    }

    public EngineSettings settings() {
        return settings;
    }
}
