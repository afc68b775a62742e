package io.flowsentry.collector.run;

import io.flowsentry.collector.detect.DetectionEngine;
import io.flowsentry.collector.detect.EngineSettings;
import io.flowsentry.collector.detect.RowKind;
import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.collector.detect.SuppressionRules;
import io.flowsentry.collector.publish.PublishedLine;
import io.flowsentry.collector.publish.PublishedRow;
import io.flowsentry.collector.publish.RowPublisher;
import io.flowsentry.store.aggregate.AggregateLimits;
import io.flowsentry.store.aggregate.ChronicleSourceAggregates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The detection half of the start-up warm-up: a private {@link DetectionLoop} with its own
 * {@link DetectionEngine} and {@link ChronicleSourceAggregates} (front and Chronicle map), fed the matches
 * of the warm-up's listener, so that the detection thread's classes are loaded and compiled before the
 * first exporter datagram arrives.
 *
 * <p>Why: at 2 M v9 flows/s (1% outbound SMB) the JIT compilers spent 2.77 CPU-s of a 20 s trial (8.65 s in
 * all), much of it on the engine, the store's front and Chronicle Map, which only real traffic reached. With
 * this warm-up (3 s in all) the median of three interleaved trials on a shared machine went from 7.33 to 6.64
 * CPU-s, the JIT's from 1.71 to 1.27 s and the detection thread's from 0.76 to 0.57 s (BENCHMARKS.md).
 *
 * <p>Everything is private and thrown away: the map lives in {@code <data-dir>/warm-up/} (deleted when the
 * warm-up ends, and at the next start when a killed start left it), holds {@link #CAPACITY} entries, and
 * its rows are formatted and dropped. The engine keeps no state on disk. The collector's counters, map,
 * engine, detection files and webhooks never see any of it.
 */
final class DetectionWarmUp {

    /** Under the data directory: the same file system as the real map. */
    static final String DIRECTORY = "warm-up";
    /**
     * (window, source) entries of the private map: more than the synthetic exports' outbound SMB sources
     * (about 1,500: the 10.0.0.0/8 sources of the about 16,000 record keys the warm-up sends, see
     * {@link WarmUpExporters}, that have an SMB port and a public destination), so the warm-up never takes
     * the full-map path the real store takes only when full. About 6 MiB of map.
     */
    static final long CAPACITY = 4_096;
    /**
     * The private store merges its front into the map about every millisecond (the real one: every second),
     * so that the merge path is compiled too: in a 20 s trial at 2 M v9 flows/s from 1,000 sources (1,000
     * merges a second) C2 compiled it 10-12 s into the trial, after a warm-up that had merged about every 512
     * matches. Not 0: then the store's check for a due merge, every 1,024 adds, was always true in the
     * warm-up, and the real store's first "not due" sent its compiled add path back to the interpreter at
     * the first real matches (an {@code unstable_if} trap in {@code ChronicleSourceAggregates.tick}).
     */
    static final long FLUSH_MILLIS = 1;

    /**
     * Matches per batch of the warm-up's handoff (the collector's: {@link MatchHandoff#DEFAULT_BATCH_SIZE}):
     * with a merge after each batch, about one merge for each match of the 248 synthetic sources, and more
     * than the 64 front slots below which a merge takes its small-flush path, as the collector's do.
     */
    static final int BATCH_SIZE = 128;
    /**
     * Batches of the warm-up's handoff: the same 32,768 matches as the collector's 64 batches of 512 at start, so the
     * warm-up's receive loop waits for its (at first slow) detection thread no sooner than the real one would.
     */
    static final int BATCHES = MatchHandoff.DEFAULT_BATCHES * MatchHandoff.DEFAULT_BATCH_SIZE / BATCH_SIZE;

    /** What the engine and store of the collector would be built from. */
    record Settings(Path dataDir, EngineSettings engine, SuppressionRules rules, AggregateLimits limits) {
    }

    /** What the private detection path did, for the start-up log. */
    record Result(long matches, long sources, long earlyRows, long windowRows) {
        static final Result NONE = new Result(0, 0, 0, 0);
    }

    private final Path directory;
    private final ChronicleSourceAggregates store;
    private final DetectionEngine engine;
    private final DetectionLoop loop;
    private final Thread discarding;
    private volatile long detectFromNanos = Long.MAX_VALUE;
    private long sourcesSeen;

    private DetectionWarmUp(Path directory, ChronicleSourceAggregates store, DetectionEngine engine, DetectionLoop loop,
                            MatchHandoff handoff) {
        this.directory = directory;
        this.store = store;
        this.engine = engine;
        this.loop = loop;
        this.discarding = new Thread(() -> discardThenDetect(handoff), "flowsentry-warm-up-drain");
        this.discarding.setDaemon(true);
    }

    /**
     * Opens the private store in {@code <data-dir>/warm-up/} (removing a leftover one first) and starts
     * draining {@code handoff}: its batches are discarded until {@link #detectFrom}, then a private detection
     * thread takes them.
     *
     * @param producers the warm-up's producers, whose event time the loop reads as the real one does
     * @throws IOException when the directory or the map cannot be created
     */
    static DetectionWarmUp start(Settings settings, SmbPredicate predicate, MatchHandoff handoff,
                                 Supplier<List<FlowCounters>> producers, Clock clock) throws IOException {
        Path directory = settings.dataDir().resolve(DIRECTORY);
        deleteTree(directory);
        ClockMillis millis = new ClockMillis(clock);
        ChronicleSourceAggregates.Options options = ChronicleSourceAggregates.Options.defaults()
                .withCapacity(CAPACITY).withLimits(settings.limits()).withFlushInterval(FLUSH_MILLIS, millis);
        ChronicleSourceAggregates store;
        try {
            store = ChronicleSourceAggregates.open(directory, options);
        } catch (IOException | RuntimeException e) {
            deleteTree(directory);
            throw e;
        }
        DetectionEngine engine = new DetectionEngine(settings.engine(), predicate, settings.rules(), store,
                new DiscardingPublisher(clock), millis, null);
        DetectionLoop loop = new DetectionLoop(engine, store, handoff, producers, millis,
                "flowsentry-warm-up-detection", FLUSH_MILLIS);
        DetectionWarmUp warmUp = new DetectionWarmUp(directory, store, engine, loop, handoff);
        warmUp.discarding.start();
        return warmUp;
    }

    /**
     * From {@code nanoTime} ({@link System#nanoTime()}) on, the detection thread takes the batches. Until then
     * they are discarded, so the receive path has the cores to itself while it is cold: on 2 shared cores a
     * detection thread from the start (interpreted Chronicle updates, and the compiler threads busy with it)
     * cut the datagrams the warm-up's listener read in 1 s from 30,000-40,000 to 3,000-9,000.
     */
    void detectFrom(long nanoTime) {
        detectFromNanos = nanoTime;
    }

    private void discardThenDetect(MatchHandoff handoff) {
        try {
            while (System.nanoTime() < detectFromNanos) {
                MatchHandoff.Batch b = handoff.poll(10);
                if (b != null) {
                    handoff.recycle(b);
                }
            }
            loop.start();
        } catch (InterruptedException e) {
            // the warm-up ended before the detection's turn
        }
    }

    /**
     * Drains what the producers handed over, closes every window (the window rows' path: the map's
     * removal, the row JSON), closes the store and deletes its directory. Call once the producers stopped.
     */
    Result finish() throws IOException {
        try {
            discarding.interrupt();
            discarding.join();
            loop.stopAndJoin();
            sourcesSeen = store.size();
            engine.closeAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                store.close();
            } finally {
                deleteTree(directory);
            }
        }
        return new Result(engine.counters().flowsMatched(), sourcesSeen, engine.counters().rows(RowKind.EARLY),
                engine.counters().rows(RowKind.WINDOW));
    }

    /** Removes {@code directory} and everything under it; nothing when it does not exist. */
    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * Rows of the warm-up go nowhere: each is formatted as the daily file's line ({@link PublishedLine}, which
     * parses the row's JSON: Jackson was a sixth of the compiling left in a trial) and dropped.
     */
    private static final class DiscardingPublisher implements RowPublisher {
        private final Clock clock;

        DiscardingPublisher(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void publish(List<PublishedRow> rows) {
            Instant now = clock.instant();
            for (PublishedRow row : rows) {
                PublishedLine.of(row, now);
            }
        }

        @Override
        public void close() {
        }
    }
}
