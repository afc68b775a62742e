package io.flowsentry.collector.run;

/**
 * Where the detection thread takes its matched flows from: the {@link MatchHandoff} of this process's
 * receive threads, or a Kafka topic that forwarders fill ({@link KafkaMatchFeed}). Called from the
 * detection thread only.
 */
interface MatchSource {

    /** The next batch, waiting at most {@code millis}; {@code null} when none came. */
    MatchHandoff.Batch poll(long millis) throws InterruptedException;

    /**
     * While stopping: the next batch already handed over to this process, without waiting for more;
     * {@code null} when there is none.
     */
    MatchHandoff.Batch pollStopping() throws InterruptedException;

    /** Gives a drained batch back. */
    void recycle(MatchHandoff.Batch batch);

    /** The store was just flushed: every batch taken before is in the map. */
    default void stored() {
    }

    /** The detection thread is done with this source (after its final flush). */
    default void finished() {
    }
}
