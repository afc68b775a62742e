package io.flowsentry.collector.run;

import io.flowsentry.flow.SourceType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Records and datagrams per source type, and the highest event time seen, written by one thread and read
 * by any (status, metrics, the detection thread). Writes are plain increments of the writer's own array
 * made visible with release semantics; readers use acquire reads. No lock, no contended cache line.
 */
final class FlowCounters {

    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int TYPES = SourceType.values().length;

    private final long[] records = new long[TYPES];
    private final long[] datagrams = new long[TYPES];
    /**
     * records per type, datagrams per type, max event time, handoff waits, handoff wait nanoseconds, records
     * decoded upstream (by Kafka forwarders).
     */
    private final long[] published = new long[2 * TYPES + 4];
    private long upstreamRecords;

    /** Per record, on the writer's thread. */
    void record(SourceType type) {
        records[type.ordinal()]++;
    }

    /** Per datagram, on the writer's thread. */
    void datagram(SourceType type) {
        datagrams[type.ordinal()]++;
    }

    /** Records another process decoded (a Kafka forwarder's watermark reports them), on the writer's thread. */
    void upstreamRecords(long n) {
        upstreamRecords += n;
    }

    /**
     * Makes the writer's counts and its highest event time visible to readers; called once per datagram
     * or read burst, not per record.
     */
    void publish(long maxEventTime, long handoffWaits, long handoffWaitNanos) {
        for (int i = 0; i < TYPES; i++) {
            LONGS.setRelease(published, i, records[i]);
            LONGS.setRelease(published, TYPES + i, datagrams[i]);
        }
        LONGS.setRelease(published, 2 * TYPES, maxEventTime);
        LONGS.setRelease(published, 2 * TYPES + 1, handoffWaits);
        LONGS.setRelease(published, 2 * TYPES + 2, handoffWaitNanos);
        LONGS.setRelease(published, 2 * TYPES + 3, upstreamRecords);
    }

    long records(SourceType type) {
        return (long) LONGS.getAcquire(published, type.ordinal());
    }

    long datagrams(SourceType type) {
        return (long) LONGS.getAcquire(published, TYPES + type.ordinal());
    }

    /** Records of every source type. */
    long recordsTotal() {
        return publishedSum(0);
    }

    /** Datagrams of every source type. */
    long datagramsTotal() {
        return publishedSum(TYPES);
    }

    /** The {@code TYPES} published counts from {@code first} on, summed. */
    private long publishedSum(int first) {
        long n = 0;
        for (int i = first; i < first + TYPES; i++) {
            n += (long) LONGS.getAcquire(published, i);
        }
        return n;
    }

    /** Records decoded here and upstream: a change means traffic, for the idle rule. */
    long activity() {
        return recordsTotal() + (long) LONGS.getAcquire(published, 2 * TYPES + 3);
    }

    long maxEventTime() {
        return (long) LONGS.getAcquire(published, 2 * TYPES);
    }

    /** Times the writer found no free match batch and waited for the detection thread. */
    long handoffWaits() {
        return (long) LONGS.getAcquire(published, 2 * TYPES + 1);
    }

    long handoffWaitNanos() {
        return (long) LONGS.getAcquire(published, 2 * TYPES + 2);
    }
}
