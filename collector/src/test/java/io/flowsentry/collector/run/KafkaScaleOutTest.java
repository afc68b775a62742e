package io.flowsentry.collector.run;

import static io.flowsentry.collector.run.CollectorTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.collector.config.ConfigLoader;
import io.flowsentry.collector.config.FlowsentryConfig;
import io.flowsentry.collector.config.HostPort;
import io.flowsentry.collector.kafka.FlowRecordWire;
import io.flowsentry.collector.kafka.FlowRecordWireTest;
import io.flowsentry.collector.kafka.KafkaClients;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka scale-out in one JVM, with Kafka's own mock clients in place of a broker: a forwarder receives
 * softflowd's real exports of the corpus input, and two detect workers, each owning two of the topic's four
 * partitions, read what it sent. Together they publish early rows for exactly the sources that the input
 * pcap's truth implies (the same truth as {@link CollectorTest}), each source from one worker only.
 */
class KafkaScaleOutTest {

    private static final String TOPIC = "flowsentry.matches";
    private static final int PARTITIONS = 4;

    @TempDir
    Path dir;

    @Test
    void forwardersAndTwoDetectWorkersFindTheSourcesOneCollectorFinds() throws Exception {
        List<ProducerRecord<byte[], byte[]>> sent = forwardTheCorpusExports();

        List<ProducerRecord<byte[], byte[]>> batches = new ArrayList<>();
        Set<Integer> watermarkPartitions = new HashSet<>();
        Map<String, Set<Integer>> partitionsOfSource = new HashMap<>();
        FlowRecordWire wire = new FlowRecordWire();
        for (ProducerRecord<byte[], byte[]> r : sent) {
            if (FlowRecordWire.kind(r.value()) == FlowRecordWire.WATERMARK) {
                watermarkPartitions.add(r.partition());
                assertThat(FlowRecordWire.watermarkEventTime(r.value())).isPositive();
                continue;
            }
            assertThat(FlowRecordWire.kind(r.value())).isEqualTo(FlowRecordWire.FLOW_BATCH);
            batches.add(r);
            for (FlowRecord flow : flowsOf(wire, r.value())) {
                byte[] key = java.nio.ByteBuffer.allocate(16).putLong(flow.srcHi()).putLong(flow.srcLo()).array();
                // Kafka's default partitioner for a record keyed by the source address.
                assertThat(r.partition()).isEqualTo(Utils.toPositive(Utils.murmur2(key)) % PARTITIONS);
                partitionsOfSource.computeIfAbsent(IpAddress.toString(flow.srcHi(), flow.srcLo()),
                        k -> new HashSet<>()).add(r.partition());
            }
        }
        assertThat(watermarkPartitions).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(batches).isNotEmpty();
        assertThat(partitionsOfSource.keySet()).containsAll(CollectorTest.expectedSources());
        assertThat(partitionsOfSource.values()).allSatisfy(p -> assertThat(p).hasSize(1));

        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition = new HashMap<>();
        for (ProducerRecord<byte[], byte[]> r : batches) {
            List<ConsumerRecord<byte[], byte[]>> list = byPartition.computeIfAbsent(r.partition(), k -> new ArrayList<>());
            list.add(new ConsumerRecord<>(TOPIC, r.partition(), list.size(), null, r.value()));
        }
        Set<String> first = detect(dir.resolve("worker-a"), byPartition, 0, 1);
        Set<String> second = detect(dir.resolve("worker-b"), byPartition, 2, 3);

        Set<String> all = new TreeSet<>(first);
        all.addAll(second);
        assertThat(all).isEqualTo(CollectorTest.expectedSources());
        assertThat(first).doesNotContainAnyElementsOf(second);
        assertThat(first).isNotEmpty();
        assertThat(second).isNotEmpty();
    }

    @Test
    void aDetectWorkerSkipsAndCountsMalformedMessagesAndCommitsWhatItStored() throws Exception {
        FlowRecord smb = new FlowRecord().srcIpv4(0x0a000001).dstIpv4(0xc6336407).dstPort(445).protocol(6)
                .srcPort(50_000).timeStart(System.currentTimeMillis()).timeEnd(System.currentTimeMillis())
                .bytes(100).packets(1).sourceType(io.flowsentry.flow.SourceType.NETFLOW_V9);
        Map<Integer, List<ConsumerRecord<byte[], byte[]>>> records = new HashMap<>();
        records.put(0, List.of(
                new ConsumerRecord<>(TOPIC, 0, 0, null, new byte[] {7, 7, 7}),
                new ConsumerRecord<>(TOPIC, 0, 1, null, FlowRecordWireTest.batchOf(smb)),
                new ConsumerRecord<>(TOPIC, 0, 2, null, new byte[0])));
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        Path data = dir.resolve("worker");
        try (Collector worker = Collector.start(detectConfig(data), null, Clock.systemUTC(), consumerOnly(consumer))) {
            // A failed poll (here: refused by the brokers) is counted and tried again.
            consumer.setPollException(new org.apache.kafka.common.KafkaException("topic authorization failed"));
            feed(consumer, records, 0);
            await(() -> CollectorTest.earlySources(data.resolve("detections")).contains("10.0.0.1")
                    && worker.kafkaFeed().consumed() == 3);
            assertThat(CollectorTest.earlySources(data.resolve("detections"))).containsExactly("10.0.0.1");
            assertThat(worker.kafkaFeed().malformed()).isEqualTo(2);
            assertThat(worker.kafkaFeed().pollFailures()).isEqualTo(1);
            assertThat(worker.status().kafka()).isEqualTo(
                    new io.flowsentry.collector.admin.CollectorStatus.KafkaStatus("detect", TOPIC, 0, 0, 3, 2, 1));
            assertThat(worker.status().recordsBySourcetype()).containsEntry("netflow:v9", 1L);
            assertThat(worker.boundPorts()).isEmpty();
            TopicPartition p0 = new TopicPartition(TOPIC, 0);
            await(() -> committedOffset(consumer, p0) == 3);
            assertThat(committedOffset(consumer, p0)).isEqualTo(3);
        }
        assertThat(consumer.closed()).isTrue();
    }

    private static long committedOffset(MockConsumer<byte[], byte[]> consumer, TopicPartition p) {
        var committed = consumer.committed(Set.of(p)).get(p);
        return committed == null ? -1 : committed.offset();
    }

    /** A forwarder collector fed the corpus exports over UDP; what its producer was given. */
    private List<ProducerRecord<byte[], byte[]>> forwardTheCorpusExports() throws Exception {
        List<byte[]> datagrams = new ArrayList<>();
        for (String export : CollectorTest.EXPORTS) {
            datagrams.addAll(CollectorTest.payloads(CollectorTest.SOFTFLOWD.resolve(export)));
        }
        MockProducer<byte[], byte[]> producer = new MockProducer<>(cluster(), true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        FlowsentryConfig config = ConfigLoader.parse("""
                metrics: {listen: null}
                kafka: {bootstrap_servers: "127.0.0.1:9", role: forward}
                """, "test").withListeners(List.of(new HostPort("127.0.0.1", 0))).withDataDir(dir.resolve("forwarder"));
        try (Collector forwarder = Collector.start(config, null, Clock.systemUTC(), producerOnly(producer))) {
            assertThat(forwarder.store()).isNull();
            CollectorTest.send(datagrams, forwarder.boundPorts().get(0));
            await(() -> forwarder.status().recordsTotal() == 27 + 37 + 37);
            assertThat(forwarder.status().recordsTotal()).isEqualTo(27 + 37 + 37);
        }
        // Closing the forwarder sent what the receive threads had handed over, and closed the producer.
        assertThat(producer.closed()).isTrue();
        return producer.history();
    }

    private static List<FlowRecord> flowsOf(FlowRecordWire wire, byte[] batch) {
        int n = FlowRecordWire.batchCount(batch);
        assertThat(n).isPositive();
        List<FlowRecord> out = new ArrayList<>();
        int offset = FlowRecordWire.BATCH_HEADER_BYTES;
        for (int i = 0; i < n; i++) {
            FlowRecord f = new FlowRecord();
            offset = wire.decodeFlowAt(batch, offset, f);
            out.add(f);
        }
        return out;
    }

    /** A detect worker owning {@code partitions}: the sources of its early rows. */
    private Set<String> detect(Path data, Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition,
                               int... partitions) throws Exception {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        Set<String> expected = new TreeSet<>();
        FlowRecordWire wire = new FlowRecordWire();
        for (int p : partitions) {
            for (ConsumerRecord<byte[], byte[]> r : byPartition.getOrDefault(p, List.of())) {
                for (FlowRecord f : flowsOf(wire, r.value())) {
                    expected.add(IpAddress.toString(f.srcHi(), f.srcLo()));
                }
            }
        }
        try (Collector worker = Collector.start(detectConfig(data), null, Clock.systemUTC(), consumerOnly(consumer))) {
            feed(consumer, byPartition, partitions);
            Set<String> wanted = new TreeSet<>(expected);
            wanted.retainAll(CollectorTest.expectedSources());
            await(() -> CollectorTest.earlySources(data.resolve("detections")).containsAll(wanted));
        }
        return CollectorTest.earlySources(data.resolve("detections"));
    }

    /** Assigns {@code partitions} and adds their records, on the worker's detection thread (in its poll). */
    private static void feed(MockConsumer<byte[], byte[]> consumer,
                             Map<Integer, List<ConsumerRecord<byte[], byte[]>>> byPartition, int... partitions) {
        consumer.schedulePollTask(() -> {
            List<TopicPartition> owned = new ArrayList<>();
            Map<TopicPartition, Long> beginning = new HashMap<>();
            for (int p : partitions) {
                TopicPartition tp = new TopicPartition(TOPIC, p);
                owned.add(tp);
                beginning.put(tp, 0L);
            }
            consumer.rebalance(owned);
            consumer.updateBeginningOffsets(beginning);
            for (int p : partitions) {
                byPartition.getOrDefault(p, List.of()).forEach(consumer::addRecord);
            }
        });
    }

    private static FlowsentryConfig detectConfig(Path data) {
        return ConfigLoader.parse("""
                store: {capacity_sources: 10000}
                metrics: {listen: null}
                kafka: {bootstrap_servers: "127.0.0.1:9", role: detect, group: test}
                """, "test").withDataDir(data);
    }

    private static Cluster cluster() {
        Node broker = new Node(0, "127.0.0.1", 9);
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            partitions.add(new PartitionInfo(TOPIC, p, broker, new Node[] {broker}, new Node[] {broker}));
        }
        return new Cluster("test", List.of(broker), partitions, Set.of(), Set.of());
    }

    private static KafkaClients producerOnly(Producer<byte[], byte[]> producer) {
        return new KafkaClients() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
                assertThat(properties).containsEntry("bootstrap.servers", "127.0.0.1:9");
                return producer;
            }

            @Override
            public Consumer<byte[], byte[]> consumer(Map<String, Object> properties) {
                throw new AssertionError("a forwarder consumes nothing");
            }
        };
    }

    private static KafkaClients consumerOnly(Consumer<byte[], byte[]> consumer) {
        return new KafkaClients() {
            @Override
            public Producer<byte[], byte[]> producer(Map<String, Object> properties) {
                throw new AssertionError("a detect worker produces nothing");
            }

            @Override
            public Consumer<byte[], byte[]> consumer(Map<String, Object> properties) {
                assertThat(properties).containsEntry("group.id", "test").containsEntry("enable.auto.commit", false);
                return consumer;
            }
        };
    }
}
