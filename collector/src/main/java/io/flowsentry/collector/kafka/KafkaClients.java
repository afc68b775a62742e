package io.flowsentry.collector.kafka;

import io.flowsentry.collector.config.FlowsentryConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Makes the Kafka clients of the scale-out from {@code kafka:}; tests give their own (Kafka's
 * {@code MockProducer} and {@code MockConsumer}).
 */
public interface KafkaClients {

    Producer<byte[], byte[]> producer(Map<String, Object> properties);

    Consumer<byte[], byte[]> consumer(Map<String, Object> properties);

    /** Kafka's own clients, connecting to the configured brokers and to no one else. */
    static KafkaClients standard() {
        return new KafkaClients() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
                return new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
            }

            @Override
            public Consumer<byte[], byte[]> consumer(Map<String, Object> properties) {
                return new KafkaConsumer<>(properties, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            }
        };
    }

    /**
     * A forwarder's producer: every send acknowledged by all in-sync replicas, idempotent (a retried batch
     * is not written twice), lz4-compressed, batched for up to 5 ms, blocking at most 10 s. Then
     * {@code kafka.properties}.
     */
    static Map<String, Object> producerProperties(FlowsentryConfig.Kafka k) {
        Map<String, Object> p = common(k, "forward");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // 256 KiB: four of the forwarder's batch messages of at most 64 KiB per partition and request.
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        // 10 s, not Kafka's 60: the longest a send waits for room in a full buffer or for the topic's
        // partitions, so a stop with the brokers away takes seconds; a send refused so is counted as lost.
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.putAll(k.properties());
        return p;
    }

    /**
     * A detect worker's consumer: offsets committed by flowsentry after the store is flushed, never on a
     * timer; a new group starts at the earliest message; at most {@code maxPollRecords} messages per poll. Then
     * {@code kafka.properties}.
     */
    static Map<String, Object> consumerProperties(FlowsentryConfig.Kafka k, int maxPollRecords) {
        Map<String, Object> p = common(k, "detect");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, k.group());
        if (k.instanceId() != null) {
            p.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, k.instanceId());
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.putAll(k.properties());
        return p;
    }

    private static Map<String, Object> common(FlowsentryConfig.Kafka k, String role) {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", k.bootstrapServers());
        // The process id, not the host name: resolving that could ask a DNS server nobody configured.
        p.put("client.id", "flowsentry-" + role + "-" + ProcessHandle.current().pid());
        // KIP-714: no client metrics pushed to the brokers unless the admin asks for it.
        p.put("enable.metrics.push", false);
        return p;
    }
}
