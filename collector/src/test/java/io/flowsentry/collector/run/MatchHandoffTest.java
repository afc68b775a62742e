package io.flowsentry.collector.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowsentry.flow.FlowRecord;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The pool of batches grows under a burst up to its bound, keeps what it made, and then makes producers wait. */
class MatchHandoffTest {

    private static FlowRecord match(int port) {
        return new FlowRecord().srcIpv4(0x0a000001).dstIpv4(0xcb007109).dstPort(port).protocol(6);
    }

    @Test
    void aBurstMakesBatchesUpToTheBoundAndThenTheProducerWaits() throws Exception {
        MatchHandoff handoff = new MatchHandoff(2, 5, 2);
        MatchHandoff.Producer producer = handoff.producer();
        // Ten matches fill five batches of two: two from the start, three made for the burst, no wait.
        for (int i = 0; i < 10; i++) {
            producer.add(match(i));
        }
        assertThat(handoff.batchesMade()).isEqualTo(5);
        assertThat(handoff.pending()).isEqualTo(5);
        assertThat(producer.waits()).isZero();

        CountDownLatch added = new CountDownLatch(1);
        Thread late = new Thread(() -> {
            producer.add(match(10));
            added.countDown();
        });
        late.start();
        assertThat(added.await(200, TimeUnit.MILLISECONDS)).as("the sixth batch is not made").isFalse();
        MatchHandoff.Batch first = handoff.poll(0);
        assertThat(first.records[0].dstPort()).isEqualTo(0);
        assertThat(first.records[1].dstPort()).isEqualTo(1);
        handoff.recycle(first);
        assertThat(added.await(5, TimeUnit.SECONDS)).isTrue();
        late.join();
        assertThat(producer.waits()).isEqualTo(1);
        assertThat(handoff.batchesMade()).isEqualTo(5);
        // Every match in order, none lost.
        for (int b = 1; b < 5; b++) {
            MatchHandoff.Batch batch = handoff.poll(0);
            assertThat(batch.records[0].dstPort()).isEqualTo(2 * b);
            assertThat(batch.records[1].dstPort()).isEqualTo(2 * b + 1);
            handoff.recycle(batch);
        }
        producer.flush();
        assertThat(handoff.poll(0).records[0].dstPort()).isEqualTo(10);
    }

    @Test
    void theCollectorsBoundIsAnEighthOfTheHeapWithinItsLimits() {
        long batchBytes = MatchHandoff.DEFAULT_BATCH_SIZE * MatchHandoff.RECORD_BYTES;
        assertThat(MatchHandoff.maxBatchesFor(16L << 30)).isEqualTo(MatchHandoff.MAX_BATCHES);
        assertThat(MatchHandoff.maxBatchesFor(8 * batchBytes * 100)).isEqualTo(100);
        assertThat(MatchHandoff.maxBatchesFor(32L << 20)).isEqualTo(MatchHandoff.DEFAULT_BATCHES);
    }

    @Test
    void pendingMatchesCountsTheFullBatchesNotYetTaken() throws Exception {
        MatchHandoff handoff = new MatchHandoff(4, 3);
        MatchHandoff.Producer producer = handoff.producer();
        for (int i = 0; i < 7; i++) {
            producer.add(match(i));
        }
        assertThat(handoff.pendingMatches()).isEqualTo(6);
        producer.flush();
        assertThat(handoff.pendingMatches()).isEqualTo(7);
        handoff.recycle(handoff.poll(0));
        assertThat(handoff.pendingMatches()).isEqualTo(4);
    }

    @Test
    void aPoolCannotStartAboveItsBound() {
        assertThatThrownBy(() -> new MatchHandoff(4, 3, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
