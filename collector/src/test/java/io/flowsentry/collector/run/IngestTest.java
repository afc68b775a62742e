package io.flowsentry.collector.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.collector.detect.DetectionProfile;
import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SourceType;
import org.junit.jupiter.api.Test;

/** Matches reach the detection thread when a batch fills or its oldest match is 100 ms old, not per datagram. */
class IngestTest {

    private final MatchHandoff handoff = new MatchHandoff(4, 3);
    private final SmbPredicate predicate = new SmbPredicate(DetectionProfile.ESCU_V3, null);
    private final Ingest ingest = new Ingest(() -> predicate, handoff, 0);

    private static FlowRecord flow(int port) {
        return new FlowRecord().srcIpv4(0x0a000001).dstIpv4(0xcb007109).dstPort(port).protocol(6)
                .timeStart(1_000).sourceType(SourceType.IPFIX);
    }

    @Test
    void aPartialBatchWaitsUntilItsOldestMatchIsAHundredMillisecondsOld() throws Exception {
        ingest.beginBurst(10_000);
        ingest.accept(flow(445));
        ingest.accept(flow(443)); // not a match
        ingest.endBurst();
        ingest.flushIfOlder(10_000);
        assertThat(handoff.poll(0)).isNull();
        ingest.beginBurst(10_050);
        ingest.accept(flow(139));
        ingest.endBurst();
        ingest.flushIfOlder(10_099);
        assertThat(handoff.poll(0)).isNull();
        ingest.flushIfOlder(10_100);
        MatchHandoff.Batch batch = handoff.poll(0);
        assertThat(batch).isNotNull();
        assertThat(batch.size).isEqualTo(2);
        assertThat(batch.records[0].dstPort()).isEqualTo(445);
        assertThat(batch.records[1].dstPort()).isEqualTo(139);
        assertThat(ingest.counters().records(SourceType.IPFIX)).isEqualTo(3);
    }

    @Test
    void aFullBatchGoesAtOnceAndTheAgeStartsAgain() throws Exception {
        ingest.beginBurst(20_000);
        for (int i = 0; i < 4; i++) {
            ingest.accept(flow(445));
        }
        assertThat(handoff.poll(0).size).isEqualTo(3);
        ingest.flushIfOlder(20_099);
        assertThat(handoff.poll(0)).as("the fourth match waits for its own age").isNull();
        ingest.beginBurst(20_050);
        ingest.flushIfOlder(20_100);
        assertThat(handoff.poll(0).size).isEqualTo(1);
    }

    @Test
    void aProducerThatFindsEveryBatchTakenWaitsAndTheWaitIsCounted() throws Exception {
        ingest.beginBurst(30_000);
        for (int i = 0; i < 12; i++) {
            ingest.accept(flow(445)); // fills and hands over all four batches of the pool
        }
        ingest.endBurst();
        assertThat(ingest.counters().handoffWaits()).isZero();
        Thread detection = new Thread(() -> {
            try {
                Thread.sleep(50);
                handoff.recycle(handoff.poll(1_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        detection.start();
        ingest.accept(flow(445)); // no free batch until the other thread recycles one
        detection.join();
        ingest.endBurst();
        assertThat(ingest.counters().handoffWaits()).isEqualTo(1);
        assertThat(ingest.counters().handoffWaitNanos()).isPositive();
    }
}
