package io.flowsentry.collector.run;

import io.flowsentry.flow.FlowRecord;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Carries the flows that matched the detection's predicate from the threads that decode them (the UDP
 * event loops, the Zeek follower) to the one detection thread, in batches of copied records.
 *
 * <p>Batches come from a fixed pool, so the handoff allocates nothing after start. When the detection
 * thread falls behind and the pool is empty, a producer waits for a free batch: the kernel's socket buffer
 * then absorbs the burst, and what it cannot hold shows as kernel drops, never as a silent loss here.
 *
 * <p>Sizing: 64 batches of 512 records hold 32,768 matches, about 10 ms of a worm at 3 M matches/s,
 * while the pool itself stays at 32,768 x ~150 B = 5 MB of heap.
 */
final class MatchHandoff {

    static final int DEFAULT_BATCHES = 64;
    static final int DEFAULT_BATCH_SIZE = 512;

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

    MatchHandoff(int batches, int batchSize) {
        free = new ArrayBlockingQueue<>(batches);
        full = new ArrayBlockingQueue<>(batches);
        for (int i = 0; i < batches; i++) {
            free.add(new Batch(batchSize));
        }
    }

    MatchHandoff() {
        this(DEFAULT_BATCHES, DEFAULT_BATCH_SIZE);
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
                    return new Batch(DEFAULT_BATCH_SIZE);
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
    Batch poll(long millis) throws InterruptedException {
        return full.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Returns a drained batch to the pool. */
    void recycle(Batch b) {
        b.size = 0;
        free.offer(b);
    }

    /** Batches waiting for the detection thread. */
    int pending() {
        return full.size();
    }
}
