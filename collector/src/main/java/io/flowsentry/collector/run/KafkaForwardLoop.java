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
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forward role's thread (in place of the detection thread): drains the {@link MatchHandoff} and sends
 * each matched flow to the Kafka topic, keyed by its source address ({@link FlowRecordWire}); once a
 * second in which the receive threads decoded records, it sends a watermark to every partition.
 *
 * <p>Back-pressure: when the brokers fall behind, the producer's buffer fills and {@code send} blocks
 * this thread; the handoff then grows, then the receive threads wait and the kernel drops, as when the
 * detection thread falls behind. A send the producer gives up on (after its delivery timeout, 2 minutes by
 * default) is counted as failed and logged, at most once a minute.
 */
final class KafkaForwardLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaForwardLoop.class);

    static final long WATERMARK_MILLIS = 1_000;
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
    private final AtomicLong lastFailureLog = new AtomicLong(Long.MIN_VALUE);
    private final Callback outcome = this::onCompletion;
    private volatile long sent;
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
            sendWatermarks();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("forwarding to Kafka topic {} stopped: {}", topic, e.toString(), e);
        } finally {
            producer.close(CLOSE_TIMEOUT);
        }
    }

    private void send(MatchHandoff.Batch batch) {
        try {
            FlowRecord[] records = batch.records;
            for (int i = 0; i < batch.size; i++) {
                FlowRecord r = records[i];
                producer.send(new ProducerRecord<>(topic, FlowRecordWire.sourceKey(r), FlowRecordWire.encodeFlow(r)),
                        outcome);
            }
            sent += batch.size;
        } finally {
            handoff.recycle(batch);
        }
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
        List<PartitionInfo> partitions = producer.partitionsFor(topic);
        byte[] watermark = FlowRecordWire.encodeWatermark(maxEventTime, records);
        for (PartitionInfo p : partitions) {
            producer.send(new ProducerRecord<>(topic, p.partition(), null, watermark), outcome);
        }
        lastActivity = activity;
        watermarks += partitions.size();
    }

    private void onCompletion(RecordMetadata metadata, Exception e) {
        if (e == null) {
            acknowledged.incrementAndGet();
            return;
        }
        long n = failed.incrementAndGet();
        long now = clock.getAsLong();
        long last = lastFailureLog.get();
        if (now - last >= FAILURE_LOG_MILLIS && lastFailureLog.compareAndSet(last, now)) {
            LOG.warn("a message to Kafka topic {} was not delivered ({} so far): {}", topic, n, e.toString());
        }
    }

    /** Flow messages given to the producer. */
    long sent() {
        return sent;
    }

    /** Watermark messages given to the producer. */
    long watermarks() {
        return watermarks;
    }

    /** Messages (flows and watermarks) the brokers acknowledged. */
    long acknowledged() {
        return acknowledged.get();
    }

    /** Messages the producer gave up on. */
    long failed() {
        return failed.get();
    }
}
