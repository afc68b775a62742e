package io.flowsentry.collector.run;

import io.flowsentry.collector.kafka.FlowRecordWire;
import io.flowsentry.flow.FlowRecord;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detect role's {@link MatchSource}: the matched flows of this worker's partitions of the Kafka topic,
 * read on the detection thread (a Kafka consumer is used by one thread only).
 *
 * <p>Offsets are committed after the store is flushed ({@link #stored}), and before partitions are taken
 * away in a rebalance: a worker killed between two flushes reads its last second again at its restart, so
 * a flow is aggregated at least once, never lost. Watermarks move the event time and count as traffic for
 * the idle rule; a message this version does not know is counted and skipped.
 */
final class KafkaMatchFeed implements MatchSource {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaMatchFeed.class);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final Runnable flushStore;
    private final long maxFutureMillis;
    private final LongSupplier clock;
    private final FlowCounters counters = new FlowCounters();
    private final FlowRecordWire wire = new FlowRecordWire();
    private MatchHandoff.Batch batch;

    /**
     * The consumer's {@code max.poll.records}: 64 messages, at most about 35,000 flows in batch messages of
     * 64 KiB, so one poll stays a few milliseconds of detection work (offsets and rebalances wait for it).
     */
    static final int MAX_POLL_MESSAGES = 64;

    /** A worker with no partition for this long says so, and again every minute while it lasts. */
    static final long NO_PARTITIONS_WARN_MILLIS = 30_000;
    private static final long NO_PARTITIONS_REPEAT_MILLIS = 60_000;

    private long maxEventTime;
    private long withoutPartitionsSince = -1;
    private long lastNoPartitionsWarning = Long.MIN_VALUE / 2;
    private long lastPollFailureLog = Long.MIN_VALUE / 2;
    private volatile long pollFailures;
    private volatile long consumed;
    private volatile long malformed;
    private volatile long commitFailures;
    private volatile int partitionsOwned;

    /**
     * @param batchSize       the flows the batch holds at first (it grows to the largest poll)
     * @param flushStore      flushes the store: run on the detection thread before partitions are revoked
     * @param maxFutureMillis an event time further than this after the clock does not move the event time
     */
    KafkaMatchFeed(Consumer<byte[], byte[]> consumer, String topic, int batchSize, Runnable flushStore,
                   long maxFutureMillis, LongSupplier clock) {
        this.consumer = consumer;
        this.topic = topic;
        this.flushStore = flushStore;
        this.maxFutureMillis = maxFutureMillis;
        this.clock = clock;
        this.batch = new MatchHandoff.Batch(batchSize);
        consumer.subscribe(List.of(topic), new Rebalance());
    }

    @Override
    public MatchHandoff.Batch poll(long millis) throws InterruptedException {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(Duration.ofMillis(millis));
        } catch (KafkaException e) {
            // Not authorised, the topic deleted, an offset out of range: the detection waits and tries again.
            pollFailures++;
            long now = clock.getAsLong();
            if (now - lastPollFailureLog >= NO_PARTITIONS_REPEAT_MILLIS) {
                lastPollFailureLog = now;
                LOG.warn("reading Kafka topic {} failed ({} times so far; it is tried again): {}", topic,
                        pollFailures, e.toString());
            }
            Thread.sleep(millis);
            return null;
        }
        batch.size = 0;
        long futureLimit = maxFutureMillis > 0 ? clock.getAsLong() + maxFutureMillis : Long.MAX_VALUE;
        for (ConsumerRecord<byte[], byte[]> r : records) {
            byte[] value = r.value();
            int flows = FlowRecordWire.batchCount(value);
            if (flows >= 0) {
                ensureRoom(flows);
                int offset = FlowRecordWire.BATCH_HEADER_BYTES;
                for (int i = 0; i < flows; i++) {
                    FlowRecord flow = batch.records[batch.size++];
                    offset = wire.decodeFlowAt(value, offset, flow);
                    taken(flow, futureLimit);
                }
                continue;
            }
            if (FlowRecordWire.kind(value) == FlowRecordWire.WATERMARK) {
                advance(FlowRecordWire.watermarkEventTime(value), futureLimit);
                counters.upstreamRecords(Math.max(0, FlowRecordWire.watermarkRecords(value)));
            } else {
                malformed++;
            }
        }
        consumed += records.count();
        counters.publish(maxEventTime, 0, 0);
        warnWhileWithoutPartitions();
        return batch.size > 0 ? batch : null;
    }

    private void warnWhileWithoutPartitions() {
        if (partitionsOwned > 0) {
            withoutPartitionsSince = -1;
            return;
        }
        long now = clock.getAsLong();
        if (withoutPartitionsSince < 0) {
            withoutPartitionsSince = now;
        }
        if (now - withoutPartitionsSince >= NO_PARTITIONS_WARN_MILLIS
                && now - lastNoPartitionsWarning >= NO_PARTITIONS_REPEAT_MILLIS) {
            lastNoPartitionsWarning = now;
            LOG.warn("no partition of Kafka topic {} assigned to this worker for {} s: are the brokers reachable,"
                    + " does the topic exist, are there more workers in the group than partitions?", topic,
                    (now - withoutPartitionsSince) / 1000);
        }
    }

    private void taken(FlowRecord flow, long futureLimit) {
        counters.record(flow.sourceType());
        advance(flow.timeStart(), futureLimit);
    }

    /**
     * Room for {@code flows} more in the batch: a poll returns up to {@code max.poll.records} messages of up
     * to a few hundred flows each, so the batch grows to what the largest poll held and stays that size.
     */
    private void ensureRoom(int flows) {
        int needed = batch.size + flows;
        if (needed <= batch.records.length) {
            return;
        }
        MatchHandoff.Batch b = new MatchHandoff.Batch(Math.max(needed, batch.records.length * 2));
        for (int i = 0; i < batch.size; i++) {
            b.records[i].copyFrom(batch.records[i]);
        }
        b.size = batch.size;
        batch = b;
    }

    private void advance(long eventTime, long futureLimit) {
        if (eventTime > maxEventTime && eventTime <= futureLimit) {
            maxEventTime = eventTime;
        }
    }

    /** Nothing is handed over to this process ahead of the detection: what is not polled stays in Kafka. */
    @Override
    public MatchHandoff.Batch pollStopping() {
        return null;
    }

    @Override
    public void recycle(MatchHandoff.Batch b) {
        b.size = 0;
    }

    @Override
    public void stored() {
        commit();
    }

    @Override
    public void finished() {
        try {
            consumer.close(Duration.ofSeconds(10));
        } catch (KafkaException e) {
            LOG.warn("closing the Kafka consumer of topic {}: {}", topic, e.toString());
        }
    }

    private void commit() {
        try {
            consumer.commitSync();
        } catch (KafkaException e) {
            commitFailures++;
            LOG.warn("committing offsets of topic {} failed (their flows are read again after a restart): {}",
                    topic, e.toString());
        }
    }

    /** The consumed flows and watermarks, for status and metrics and the idle rule. */
    FlowCounters counters() {
        return counters;
    }

    /** Messages polled: flows, watermarks and malformed ones. */
    long consumed() {
        return consumed;
    }

    long malformed() {
        return malformed;
    }

    /** Polls that failed (and were tried again). */
    long pollFailures() {
        return pollFailures;
    }

    long commitFailures() {
        return commitFailures;
    }

    int partitionsOwned() {
        return partitionsOwned;
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            flushStore.run();
            commit();
            partitionsOwned = Math.max(0, partitionsOwned - partitions.size());
            LOG.info("Kafka partitions given up: {}", partitions);
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            partitionsOwned += partitions.size();
            LOG.info("Kafka partitions taken: {}", partitions);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            partitionsOwned = Math.max(0, partitionsOwned - partitions.size());
            LOG.warn("Kafka partitions lost without a clean hand-over (their last uncommitted flows are read"
                    + " again by their new owner): {}", partitions);
        }
    }
}
