package io.flowsentry.collector.net;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one listener, written by its event-loop threads (one channel each), read by anyone.
 * {@link LongAdder} keeps the threads from contending on one cache line.
 */
public final class ListenerCounters {

    /** Datagrams accepted and handed to a consumer. */
    final LongAdder datagrams = new LongAdder();
    /** UDP payload bytes of the accepted datagrams. */
    final LongAdder bytes = new LongAdder();
    /** Datagrams from senders outside the exporter allowlist, dropped before decoding. */
    final LongAdder denied = new LongAdder();
    /** Datagrams whose consumer threw; the listener goes on with the next one. */
    final LongAdder consumerFailures = new LongAdder();

    public long datagrams() {
        return datagrams.sum();
    }

    public long bytes() {
        return bytes.sum();
    }

    public long denied() {
        return denied.sum();
    }

    public long consumerFailures() {
        return consumerFailures.sum();
    }
}
