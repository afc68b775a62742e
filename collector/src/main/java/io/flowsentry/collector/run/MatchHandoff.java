package io.flowsentry.collector.run;

import io.flowsentry.flow.FlowRecord;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Carries the flows that matched the detection's predicate from the threads that decode them (the UDP
 * event loops, the Zeek follower) to the one detection thread, in batches of copied records.
 *
 * <p>Batches come from a pool: {@code batches} made at start, so the handoff allocates nothing while the
 * detection keeps up, and up to {@code maxBatches} made when a producer finds none free (a burst the
 * detection thread cannot follow: a worm's first seconds, with 100,000 new sources and their early rows).
 * Batches made in a burst stay in the pool. When all {@code maxBatches} are taken, a producer waits for a
 * free one: the kernel's socket buffer then absorbs the burst, and what it cannot hold shows as kernel
 * drops, never as a silent loss here.
 *
 * <p>Sizing: 64 batches of 512 records hold 32,768 matches, about 60 ms of a worm at 0.5 M matches/s, in
 * 32,768 x ~160 B = 5 MB of heap. The collector lets the pool grow to {@link #maxBatchesFor} its heap: up to
 * 8,192 batches (4,194,304 matches, about 8 s of that worm, 640 MB) when the heap allows 8 times that. A
 * worm of 0.5 M flows/s from 100,000 sources lost 10.2-11.7% of its flows with 32,768 matches, 0.1-5.2%
 * with at most 1,048,576, and nothing with at most 4,194,304: its first seconds (100,000 new entries in the
 * map, their early rows) take the detection thread longer than 2 s to catch up (BENCHMARKS.md, "The worm's
 * handoff"). Its heap peaked at 813 MiB used, no more than with the smaller bound.
 */
final class MatchHandoff implements MatchSource {

    static final int DEFAULT_BATCHES = 64;
    static final int DEFAULT_BATCH_SIZE = 512;
    /**
     * The most batches {@link #maxBatchesFor} allows: 4,194,304 matches of 512-record batches, about 8 s of
     * a worm at 0.5 M matches/s, 640 MB of heap at most (a heap of 5.2 GB or more).
     */
    static final int MAX_BATCHES = 8_192;
    /** Heap a copied record takes: 15 longs, 5 ints, 3 references and the header, rounded up. */
    static final long RECORD_BYTES = 160;

    /** A batch of copied records, filled by one producer, drained by the detection thread. */
    static final class Batch {
        final FlowRecord[] records;
        int size;

        Batch(int capacity) {
            records = new FlowRecord[capacity];
            for (int i = 0; i < capacity; i++) {
                records[i] = new FlowRecord();
            }
        }

        boolean isFull() {
            return size == records.length;
        }
    }

    private final BlockingQueue<Batch> free;
    private final BlockingQueue<Batch> full;
    private final int batchSize;
    private final int maxBatches;
    /** Batches made so far, at start and in bursts. */
    private final AtomicInteger made;

    /** A pool of {@code batches} that never grows. */
    MatchHandoff(int batches, int batchSize) {
        this(batches, batches, batchSize);
    }

    /** {@code batches} made at start, up to {@code maxBatches} when producers find none free. */
    MatchHandoff(int batches, int maxBatches, int batchSize) {
        if (batches < 1 || maxBatches < batches) {
            throw new IllegalArgumentException("invalid batches: " + batches + " up to " + maxBatches);
        }
        this.batchSize = batchSize;
        this.maxBatches = maxBatches;
        free = new ArrayBlockingQueue<>(maxBatches);
        full = new ArrayBlockingQueue<>(maxBatches);
        for (int i = 0; i < batches; i++) {
            free.add(new Batch(batchSize));
        }
        made = new AtomicInteger(batches);
    }

    /** The collector's: {@link #DEFAULT_BATCHES} at start, growing to {@link #maxBatchesFor} the JVM's heap. */
    MatchHandoff() {
        this(DEFAULT_BATCHES, maxBatchesFor(Runtime.getRuntime().maxMemory()), DEFAULT_BATCH_SIZE);
    }

    /**
     * Batches of {@link #DEFAULT_BATCH_SIZE} that take at most an eighth of {@code maxHeapBytes}, between
     * {@link #DEFAULT_BATCHES} and {@link #MAX_BATCHES}: 8,192 from a heap of 5.2 GB (the default heap is a
     * quarter of the memory: a machine of 21 GB or more), 2,048 from 1.3 GB, 64 below 42 MB.
     */
    static int maxBatchesFor(long maxHeapBytes) {
        long batches = maxHeapBytes / 8 / (DEFAULT_BATCH_SIZE * RECORD_BYTES);
        return (int) Math.max(DEFAULT_BATCHES, Math.min(MAX_BATCHES, batches));
    }

    /** Batches made so far: at start, and by producers that found none free. */
    int batchesMade() {
        return made.get();
    }

    /** One producer's side: a batch being filled. Used by one thread only. */
    final class Producer {
        private Batch current;
        private long waits;
        private long waitNanos;

        /**
         * Copies a matching record into the current batch; hands the batch over when it is full.
         *
         * @return true when this record filled the batch and it was handed over
         */
        boolean add(FlowRecord record) {
            if (current == null) {
                current = takeFree();
            }
            current.records[current.size++].copyFrom(record);
            if (current.isFull()) {
                flush();
                return true;
            }
            return false;
        }

        /** Hands over the current batch, if any. */
        void flush() {
            if (current != null && current.size > 0) {
                putFull(current);
                current = null;
            }
        }

        long waits() {
            return waits;
        }

        /** Nanoseconds spent waiting for a free batch. */
        long waitNanos() {
            return waitNanos;
        }

        private Batch takeFree() {
            Batch b = free.poll();
            if (b != null) {
                return b;
            }
            int n = made.get();
            while (n < maxBatches) {
                if (made.compareAndSet(n, n + 1)) {
                    return new Batch(batchSize);
                }
                n = made.get();
            }
            waits++;
            long started = System.nanoTime();
            try {
                return takeFreeWaiting();
            } finally {
                waitNanos += System.nanoTime() - started;
            }
        }

        private Batch takeFreeWaiting() {
            while (true) {
                try {
                    return free.take();
                } catch (InterruptedException e) {
                    // The event loop is shutting down; keep the batch protocol intact and let the loop exit.
                    Thread.currentThread().interrupt();
                    Batch b = free.poll();
                    if (b != null) {
                        return b;
                    }
                    return new Batch(batchSize);
                }
            }
        }

        private void putFull(Batch b) {
            boolean interrupted = false;
            while (true) {
                try {
                    full.put(b);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    Producer producer() {
        return new Producer();
    }

    /** The next full batch, waiting at most {@code millis}; {@code null} when none came. */
    @Override
    public Batch poll(long millis) throws InterruptedException {
        return full.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** The next full batch already handed over. */
    @Override
    public Batch pollStopping() {
        return full.poll();
    }

    /** Returns a drained batch to the pool. */
    @Override
    public void recycle(Batch b) {
        b.size = 0;
        free.offer(b);
    }

    /** Batches waiting for the detection thread. */
    int pending() {
        return full.size();
    }

    /** Matches in the batches waiting for the detection thread. */
    long pendingMatches() {
        long n = 0;
        for (Batch b : full) {
            n += b.size;
        }
        return n;
    }
}
