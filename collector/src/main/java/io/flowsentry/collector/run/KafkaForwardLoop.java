package io.flowsentry.collector.run;

import io.flowsentry.collector.kafka.FlowRecordWire;
import io.flowsentry.flow.FlowRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forward role's thread (in place of the detection thread): drains the {@link MatchHandoff} and sends
 * the matched flows to the Kafka topic in batch messages, one per partition, each flow to the partition of
 * its source address ({@link FlowRecordWire}); a batch goes out when it is full ({@link #BATCH_BYTES}) or
 * when the handoff batch it came from is done, so a flow waits no longer here than in the handoff. Once a
 * second in which the receive threads decoded records, it sends a watermark to every partition.
 *
 * <p>Back-pressure: when the brokers fall behind, the producer's buffer fills and {@code send} blocks
 * this thread; the handoff then grows, then the receive threads wait and the kernel drops, as when the
 * detection thread falls behind. A send refused after blocking {@code max.block.ms} (10 s), or given up on
 * after the producer's delivery timeout (2 minutes by default), counts its flows as lost and is logged, at
 * most once a minute. Until the brokers first name the topic's partitions, matches wait in the handoff.
 */
final class KafkaForwardLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaForwardLoop.class);

    static final long WATERMARK_MILLIS = 1_000;
    /**
     * The most bytes of a batch message: 64 KiB, 350-540 flows (120-184 bytes each), far below the
     * 1 MB a broker takes by default ({@code message.max.bytes}).
     */
    static final int BATCH_BYTES = 64 * 1024;
    private static final long FAILURE_LOG_MILLIS = 60_000;
    /** How long {@link #stopAndJoin} lets the producer deliver what it holds. */
    static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final MatchHandoff handoff;
    private final Supplier<List<FlowCounters>> producers;
    private final LongSupplier clock;
    private final Thread thread;

    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong lastFailureLog = new AtomicLong(Long.MIN_VALUE / 2);
    private final Callback watermarkOutcome = (metadata, e) -> onCompletion(0, e);
    private final FlowRecordWire wire = new FlowRecordWire();
    private final byte[] key = new byte[FlowRecordWire.KEY_BYTES];
    /** Per partition: the batch message being filled, its length and its flows. */
    private byte[][] batches = new byte[0][];
    private int[] lengths = new int[0];
    private int[] counts = new int[0];
    private volatile long sent;
    private volatile long messages;
    private volatile long watermarks;
    private volatile boolean stopping;
    private long lastActivity;

    KafkaForwardLoop(Producer<byte[], byte[]> producer, String topic, MatchHandoff handoff,
                     Supplier<List<FlowCounters>> producers, LongSupplier clock) {
        this.producer = producer;
        this.topic = topic;
        this.handoff = handoff;
        this.producers = producers;
        this.clock = clock;
        this.thread = new Thread(this, "flowsentry-kafka-forward");
    }

    void start() {
        thread.start();
    }

    /**
     * Stops after sending what the receive threads handed over and a last watermark, and closes the
     * producer, which delivers what it holds within {@link #CLOSE_TIMEOUT}.
     */
    void stopAndJoin() throws InterruptedException {
        stopping = true;
        thread.join();
    }

    @Override
    public void run() {
        long nextWatermark = 0;
        try {
            while (true) {
                boolean stop = stopping;
                if (batches.length == 0 && !knowPartitions()) {
                    if (stop) {
                        dropPending();
                        break;
                    }
                    Thread.sleep(50);
                    continue;
                }
                MatchHandoff.Batch batch = stop ? handoff.pollStopping() : handoff.poll(50);
                if (batch != null) {
                    send(batch);
                } else if (stop) {
                    break;
                }
                long now = clock.getAsLong();
                if (now >= nextWatermark) {
                    sendWatermarks();
                    nextWatermark = now + WATERMARK_MILLIS;
                }
            }
            if (batches.length > 0) {
                sendWatermarks();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(CLOSE_TIMEOUT);
        }
    }

    /**
     * Learns the topic's partitions; false while the brokers cannot say (unreachable, no such topic), with
     * a warning a minute. Until then the handoff fills and, full, holds the receive threads back.
     */
    private boolean knowPartitions() {
        try {
            resize(producer.partitionsFor(topic).size());
            return batches.length > 0;
        } catch (KafkaException e) {
            warnAtMostEveryMinute("the partitions of Kafka topic {} are not known yet ({}); matches wait in the"
                    + " handoff", e);
            return false;
        }
    }

    /** Stopping without ever reaching the brokers: the matches handed over are lost, and counted so. */
    private void dropPending() throws InterruptedException {
        MatchHandoff.Batch b;
        while ((b = handoff.pollStopping()) != null) {
            failed.addAndGet(b.size);
            handoff.recycle(b);
        }
        if (failed.get() > 0) {
            LOG.warn("stopped without reaching Kafka topic {}: {} matched flows not forwarded", topic, failed.get());
        }
    }

    private void send(MatchHandoff.Batch batch) {
        try {
            FlowRecord[] records = batch.records;
            int partitions = batches.length;
            for (int i = 0; i < batch.size; i++) {
                FlowRecord r = records[i];
                int p = FlowRecordWire.partitionOf(r, key, partitions);
                if (BATCH_BYTES - lengths[p] < FlowRecordWire.MAX_FLOW_BYTES || counts[p] == FlowRecordWire.MAX_BATCH_FLOWS) {
                    sendBatch(p);
                }
                lengths[p] += wire.writeFlow(r, batches[p], lengths[p]);
                counts[p]++;
            }
            for (int p = 0; p < partitions; p++) {
                sendBatch(p);
            }
            sent += batch.size;
        } finally {
            handoff.recycle(batch);
        }
    }

    private void sendBatch(int p) {
        int flows = counts[p];
        if (flows == 0) {
            return;
        }
        byte[] message = FlowRecordWire.endBatch(batches[p], flows, lengths[p]);
        try {
            producer.send(new ProducerRecord<>(topic, p, null, message), (metadata, e) -> onCompletion(flows, e));
            messages++;
        } catch (KafkaException e) {
            // Refused before it was queued (its buffer full past max.block.ms, a partition gone, closed).
            onCompletion(flows, e);
        }
        lengths[p] = FlowRecordWire.beginBatch(batches[p]);
        counts[p] = 0;
    }

    /** One batch buffer per partition; a change of the topic's partitions sends what the old ones held. */
    private void resize(int partitions) {
        if (partitions == batches.length) {
            return;
        }
        for (int p = 0; p < batches.length; p++) {
            sendBatch(p);
        }
        batches = new byte[partitions][BATCH_BYTES];
        lengths = new int[partitions];
        counts = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            lengths[p] = FlowRecordWire.beginBatch(batches[p]);
        }
        LOG.info("forwarding to the {} partitions of Kafka topic {}", partitions, topic);
    }

    /** One watermark per partition when records were decoded since the last ones. */
    private void sendWatermarks() {
        long activity = 0;
        long maxEventTime = 0;
        for (FlowCounters c : producers.get()) {
            activity += c.recordsTotal();
            maxEventTime = Math.max(maxEventTime, c.maxEventTime());
        }
        long records = activity - lastActivity;
        if (records == 0) {
            return;
        }
        try {
            List<PartitionInfo> partitions = producer.partitionsFor(topic);
            resize(partitions.size());
            byte[] watermark = FlowRecordWire.encodeWatermark(maxEventTime, records);
            for (PartitionInfo p : partitions) {
                producer.send(new ProducerRecord<>(topic, p.partition(), null, watermark), watermarkOutcome);
            }
            watermarks += partitions.size();
        } catch (KafkaException e) {
            warnAtMostEveryMinute("a watermark to Kafka topic {} was not sent ({}); the next one carries on", e);
            return;
        }
        lastActivity = activity;
    }

    /** A message's outcome: {@code flows} flows (0 for a watermark) delivered, or given up on. */
    private void onCompletion(int flows, Exception e) {
        if (e == null) {
            acknowledged.addAndGet(flows);
            return;
        }
        long n = failed.addAndGet(flows);
        warnAtMostEveryMinute("a message to Kafka topic {} was not delivered (" + n + " flows lost so far): {}", e);
    }

    /** A warning naming the topic and {@code e}, at most once a minute (callbacks run on the producer's thread). */
    private void warnAtMostEveryMinute(String format, Exception e) {
        long now = clock.getAsLong();
        long last = lastFailureLog.get();
        if (now - last >= FAILURE_LOG_MILLIS && lastFailureLog.compareAndSet(last, now)) {
            LOG.warn(format, topic, e.toString());
        }
    }

    /** Flows given to the producer. */
    long sent() {
        return sent;
    }

    /** Batch messages given to the producer. */
    long messages() {
        return messages;
    }

    /** Watermark messages given to the producer. */
    long watermarks() {
        return watermarks;
    }

    /** Flows the brokers acknowledged. */
    long acknowledged() {
        return acknowledged.get();
    }

    /** Flows in messages the producer gave up on: lost to the detection. */
    long failed() {
        return failed.get();
    }
}
