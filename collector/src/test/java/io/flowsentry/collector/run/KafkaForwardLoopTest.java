package io.flowsentry.collector.run;

import static io.flowsentry.collector.run.CollectorTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.collector.kafka.FlowRecordWire;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SourceType;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The forwarder's thread against Kafka's mock producer: a broker it cannot reach yet, refusals, a stop. */
class KafkaForwardLoopTest {

    private static final String TOPIC = "flowsentry.matches";

    private static MockProducer<byte[], byte[]> producer(boolean autoComplete) {
        Node broker = new Node(0, "127.0.0.1", 9);
        List<PartitionInfo> partitions = new ArrayList<>();
        for (int p = 0; p < 3; p++) {
            partitions.add(new PartitionInfo(TOPIC, p, broker, new Node[] {broker}, new Node[] {broker}));
        }
        Cluster cluster = new Cluster("test", List.of(broker), partitions, java.util.Set.of(), java.util.Set.of());
        return new MockProducer<>(cluster, autoComplete, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static void handOver(MatchHandoff handoff, int flows) {
        MatchHandoff.Producer p = handoff.producer();
        FlowRecord r = new FlowRecord().dstIpv4(0xc6336407).dstPort(445).protocol(6).sourceType(SourceType.NETFLOW_V9);
        for (int i = 0; i < flows; i++) {
            p.add(r.srcIpv4(0x0a000000 + i).timeStart(1_000L + i));
        }
        p.flush();
    }

    private static int flowsIn(List<ProducerRecord<byte[], byte[]>> sent) {
        int n = 0;
        for (ProducerRecord<byte[], byte[]> r : sent) {
            if (FlowRecordWire.kind(r.value()) == FlowRecordWire.FLOW_BATCH) {
                n += FlowRecordWire.batchCount(r.value());
            }
        }
        return n;
    }

    @Test
    void matchesWaitUntilTheBrokersAnswerThenGoOut() throws Exception {
        MockProducer<byte[], byte[]> producer = producer(true);
        producer.partitionsForException = new TimeoutException("no broker");
        MatchHandoff handoff = new MatchHandoff(4, 16, 512);
        KafkaForwardLoop loop = new KafkaForwardLoop(producer, TOPIC, handoff, List::of, System::currentTimeMillis);
        loop.start();
        handOver(handoff, 1_000);
        Thread.sleep(300);
        assertThat(loop.sent()).isZero();
        assertThat(handoff.pendingMatches()).isEqualTo(1_000);
        producer.partitionsForException = null;
        await(() -> loop.sent() == 1_000);
        loop.stopAndJoin();
        assertThat(loop.sent()).isEqualTo(1_000);
        assertThat(flowsIn(producer.history())).isEqualTo(1_000);
        assertThat(loop.acknowledged()).isEqualTo(1_000);
        assertThat(loop.failed()).isZero();
        assertThat(producer.closed()).isTrue();
    }

    @Test
    void aRefusedOrFailedSendIsCountedAndTheNextOnesGoOn() throws Exception {
        MockProducer<byte[], byte[]> producer = producer(false);
        MatchHandoff handoff = new MatchHandoff(4, 16, 512);
        KafkaForwardLoop loop = new KafkaForwardLoop(producer, TOPIC, handoff, List::of, System::currentTimeMillis);
        producer.sendException = new KafkaException("buffer full past max.block.ms");
        loop.start();
        handOver(handoff, 300);
        await(() -> loop.failed() == 300);
        assertThat(loop.failed()).isEqualTo(300);
        producer.sendException = null;
        handOver(handoff, 200);
        await(() -> loop.sent() == 500 && producer.history().size() == 3);
        // The brokers refuse one of the three batch messages, acknowledge the others.
        producer.errorNext(new KafkaException("not enough replicas"));
        int refused = FlowRecordWire.batchCount(producer.history().get(0).value());
        producer.completeNext();
        producer.completeNext();
        await(() -> loop.acknowledged() + loop.failed() == 500);
        assertThat(loop.failed()).isEqualTo(300 + refused);
        assertThat(loop.acknowledged()).isEqualTo(200 - refused);
        loop.stopAndJoin();
    }

    @Test
    void stoppingWithoutEverReachingTheBrokersCountsTheMatchesLost() throws Exception {
        MockProducer<byte[], byte[]> producer = producer(true);
        producer.partitionsForException = new TimeoutException("no broker");
        MatchHandoff handoff = new MatchHandoff(4, 16, 512);
        KafkaForwardLoop loop = new KafkaForwardLoop(producer, TOPIC, handoff, List::of, System::currentTimeMillis);
        loop.start();
        handOver(handoff, 700);
        Thread.sleep(200);
        loop.stopAndJoin();
        assertThat(loop.failed()).isEqualTo(700);
        assertThat(loop.sent()).isZero();
        assertThat(handoff.pendingMatches()).isZero();
        assertThat(producer.closed()).isTrue();
    }
}
