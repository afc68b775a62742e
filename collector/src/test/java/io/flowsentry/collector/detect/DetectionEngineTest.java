package io.flowsentry.collector.detect;

import io.flowsentry.collector.config.ConfigDefaults;
import static io.flowsentry.collector.detect.SmbPredicateTest.flow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowsentry.collector.publish.PublishedRow;
import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SourceType;
import io.flowsentry.store.aggregate.InMemorySourceAggregates;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionEngineTest {

    /** 2026-11-27T10:00:00Z, the start of a one-hour window. */
    private static final long T10 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final long MIN = 60_000L;

    private final AtomicLong clock = new AtomicLong(T10);
    private final CollectingPublisher publisher = new CollectingPublisher();
    private final InMemorySourceAggregates store = new InMemorySourceAggregates(1000);

    private DetectionEngine engine(EngineSettings settings, Path stateDir) {
        return new DetectionEngine(settings, new SmbPredicate(DetectionProfile.ESCU_V3, null),
                SuppressionRules.NONE, store, publisher, clock::get, stateDir);
    }

    private static EngineSettings noEarly() {
        EngineSettings d = ConfigDefaults.config().engineSettings();
        return new EngineSettings(d.profile(), d.window(), d.lateness(), false, d.earlySuppression(),
                d.earlyMaxSources(), d.maxFuture(), d.maxDestIps(), d.maxDestPorts());
    }

    private static FlowRecord smb(String src, String dst, long time) {
        return flow(src, dst, 445, Action.ALLOWED, null).timeStart(time).timeEnd(time)
                .sourceType(SourceType.IPFIX).bytes(1000).packets(10);
    }

    private static JsonNode json(PublishedRow row) throws Exception {
        return VectorEvents.JSON.readTree(row.json());
    }

    @Test
    void aWindowClosesOnlyOnceEventTimePassesItsEndPlusLateness() throws Exception {
        DetectionEngine e = engine(noEarly(), null);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        e.onFlow(smb("10.9.9.9", "8.8.4.4", T10 + 60 * MIN + 9 * MIN + 59_999));
        clock.set(T10 + 70 * MIN);
        e.tick();
        assertThat(publisher.rows).isEmpty();

        e.onFlow(smb("10.9.9.9", "8.8.4.4", T10 + 70 * MIN));
        e.tick();
        assertThat(publisher.rows).hasSize(1);
        PublishedRow row = publisher.rows.get(0);
        assertThat(row.kind()).isEqualTo("window");
        assertThat(row.srcIp()).isEqualTo("10.0.0.1");
        assertThat(row.windowStart()).isEqualTo(T10);
        assertThat(json(row).get("window_end").asText()).isEqualTo("2026-11-27T11:00:00");
        assertThat(json(row).get("bytes").asLong()).isEqualTo(1000);
        assertThat(e.publishedThrough()).isEqualTo(T10 + 60 * MIN);

        e.closeAll();
        assertThat(publisher.rows).hasSize(2);
        assertThat(publisher.rows.get(1).srcIp()).isEqualTo("10.9.9.9");
        assertThat(json(publisher.rows.get(1)).get("count").asLong()).isEqualTo(2);
        assertThat(e.counters().rows(RowKind.WINDOW)).isEqualTo(2);
    }

    @Test
    void aFlowForAPublishedWindowBecomesOneLateRowPerWindowAndSourceOnTheNextTick() throws Exception {
        DetectionEngine e = engine(noEarly(), null);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        clock.set(T10 + 130 * MIN);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 130 * MIN));
        e.tick();
        assertThat(publisher.rows).extracting(PublishedRow::kind).containsExactly("window");

        e.onFlow(smb("10.0.0.1", "1.1.1.1", T10 + 20 * MIN));
        e.onFlow(smb("10.0.0.1", "1.0.0.1", T10 + 25 * MIN));
        e.onFlow(smb("10.0.0.2", "1.0.0.1", T10 + 26 * MIN));
        assertThat(e.counters().flowsLate()).isEqualTo(3);
        assertThat(publisher.rows).hasSize(1);
        e.tick();
        List<PublishedRow> late = publisher.ofKind("late");
        assertThat(late).hasSize(2);
        JsonNode first = json(late.get(0));
        assertThat(first.get("kind").asText()).isEqualTo("late");
        assertThat(first.get("window_start").asText()).isEqualTo("2026-11-27T10:00:00");
        assertThat(first.get("count").asLong()).isEqualTo(2);
        assertThat(first.get("dest_ip").toString()).isEqualTo("[\"1.0.0.1\",\"1.1.1.1\"]");
        assertThat(late.get(0).id()).isNotEqualTo(late.get(1).id());
        assertThat(e.counters().rows(RowKind.LATE)).isEqualTo(2);
    }

    @Test
    void oneFarFutureTimestampDoesNotCloseOpenWindows() {
        DetectionEngine e = engine(noEarly(), null);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        e.onFlow(smb("10.0.0.2", "8.8.8.8", T10 + Duration.ofDays(365).toMillis()));
        e.tick();
        assertThat(publisher.rows).isEmpty();
        assertThat(e.counters().futureIgnored()).isEqualTo(1);
        assertThat(e.watermark()).isEqualTo(T10 + 5 * MIN);
    }

    @Test
    void earlyRowOnTheNextTickThenNoneWithinTheSuppressionPeriod() throws Exception {
        DetectionEngine e = engine(ConfigDefaults.config().engineSettings(), null);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 1000));
        e.onFlow(smb("10.0.0.1", "8.8.4.4", T10 + 2000));
        assertThat(publisher.rows).isEmpty();
        e.tick();
        assertThat(publisher.rows).hasSize(1);
        JsonNode early = json(publisher.rows.get(0));
        assertThat(early.get("kind").asText()).isEqualTo("early");
        assertThat(early.get("count").asLong()).isEqualTo(2);
        assertThat(early.get("dest_ip").toString()).isEqualTo("[\"8.8.4.4\",\"8.8.8.8\"]");

        clock.set(T10 + 8 * 60 * MIN - 1);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 3000));
        e.tick();
        assertThat(publisher.ofKind("early")).hasSize(1);

        clock.set(T10 + 8 * 60 * MIN);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 8 * 60 * MIN));
        e.tick();
        assertThat(publisher.ofKind("early")).hasSize(2);
        assertThat(e.counters().rows(RowKind.EARLY)).isEqualTo(2);
    }

    @Test
    void aRestartDoesNotReAlertNorReopenAPublishedWindow(@TempDir Path dir) throws Exception {
        DetectionEngine first = engine(ConfigDefaults.config().engineSettings(), dir);
        first.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 1000));
        clock.set(T10 + 75 * MIN);
        first.onFlow(smb("10.0.0.9", "8.8.8.8", T10 + 75 * MIN));
        first.tick();
        assertThat(publisher.ofKind("early")).hasSize(2);
        assertThat(publisher.ofKind("window")).hasSize(1);

        DetectionEngine second = engine(ConfigDefaults.config().engineSettings(), dir);
        assertThat(second.publishedThrough()).isEqualTo(T10 + 60 * MIN);
        second.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 76 * MIN));
        second.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 30 * MIN));
        second.tick();
        assertThat(publisher.ofKind("early")).hasSize(2);
        assertThat(publisher.ofKind("late")).hasSize(1);
    }

    @Test
    void theSameWindowRowHasTheSameIdWhenPublishedAgain() {
        DetectionEngine a = engine(noEarly(), null);
        a.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        a.closeAll();
        DetectionEngine b = new DetectionEngine(noEarly(), new SmbPredicate(DetectionProfile.ESCU_V3, null),
                SuppressionRules.NONE, new InMemorySourceAggregates(10), publisher, clock::get, null);
        b.onFlow(smb("10.0.0.1", "8.8.4.4", T10 + 6 * MIN));
        b.onFlow(smb("10.0.0.2", "8.8.4.4", T10 + 6 * MIN));
        b.closeAll();
        assertThat(publisher.rows).hasSize(3);
        assertThat(publisher.rows.get(0).id()).isEqualTo(publisher.rows.get(1).id()).hasSize(32);
        assertThat(publisher.rows.get(2).id()).isNotEqualTo(publisher.rows.get(0).id());
    }

    @Test
    void suppressionRulesDropMatchingFlowsBeforeAggregationUntilTheyExpire() throws Exception {
        DetectionEngine e = engine(noEarly(), null);
        SuppressionRule azure = new SuppressionRule(CidrText.parse("10.1.0.0/16"), CidrText.parse("20.60.0.0/16"), 445,
                null, "Azure Files", Instant.ofEpochMilli(T10 + 30 * MIN));
        e.replaceSuppressionRules(new SuppressionRules(List.of(azure)));
        e.onFlow(smb("10.1.2.3", "20.60.1.1", T10 + MIN));
        e.onFlow(smb("10.1.2.3", "8.8.8.8", T10 + 2 * MIN));
        e.onFlow(smb("10.2.2.3", "20.60.1.1", T10 + 3 * MIN));
        clock.set(T10 + 30 * MIN);
        e.onFlow(smb("10.1.2.3", "20.60.1.2", T10 + 31 * MIN));
        e.closeAll();
        assertThat(e.counters().flowsSuppressed()).isEqualTo(1);
        assertThat(e.suppressionRules().hits(0)).isEqualTo(1);
        List<PublishedRow> rows = publisher.ofKind("window");
        assertThat(rows).extracting(PublishedRow::srcIp).containsExactly("10.1.2.3", "10.2.2.3");
        assertThat(json(rows.get(0)).get("dest_ip").toString()).isEqualTo("[\"20.60.1.2\",\"8.8.8.8\"]");
        assertThat(json(rows.get(0)).get("count").asLong()).isEqualTo(2);
    }

    @Test
    void matchedFlowsHandedOverSkipThePredicateAndAreNotCountedAsSeen() {
        DetectionEngine e = engine(noEarly(), null);
        e.onMatchedFlow(smb("10.0.0.1", "8.8.8.8", T10));
        e.onFlow(flow("10.0.0.1", "8.8.8.8", 80, Action.ALLOWED, null).timeStart(T10));
        assertThat(e.counters().flowsSeen()).isEqualTo(1);
        assertThat(e.counters().flowsMatched()).isEqualTo(1);
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void aFullStoreCountsDroppedSources() {
        InMemorySourceAggregates tiny = new InMemorySourceAggregates(1);
        DetectionEngine e = new DetectionEngine(noEarly(), new SmbPredicate(DetectionProfile.ESCU_V3, null),
                SuppressionRules.NONE, tiny, publisher, clock::get, null);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10));
        e.onFlow(smb("10.0.0.2", "8.8.8.8", T10));
        assertThat(e.droppedSources()).isEqualTo(1);
    }

    @Test
    void trafficThatDoesNotMatchStillMovesEventTimeAndClosesWindows() {
        DetectionEngine e = engine(noEarly(), null);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        clock.set(T10 + 70 * MIN);
        e.onFlow(flow("10.0.0.7", "8.8.8.8", 443, Action.ALLOWED, null).timeStart(T10 + 70 * MIN));
        e.observeEventTime(T10 + 69 * MIN);
        e.tick();
        assertThat(publisher.ofKind("window")).hasSize(1);
        assertThat(e.watermark()).isEqualTo(T10 + 70 * MIN);
        assertThat(e.counters().flowsSeen()).isEqualTo(2);
        assertThat(e.counters().flowsMatched()).isEqualTo(1);
    }

    @Test
    void offlineTheWatermarkIsTheClockForExpiryAndTheEarlyThrottle() throws Exception {
        SuppressionRule untilHalfPast = new SuppressionRule(null, CidrText.parse("20.60.0.0/16"), SuppressionRule.ANY_PORT,
                null, "", Instant.ofEpochMilli(T10 + 30 * MIN));
        DetectionEngine e = new DetectionEngine(ConfigDefaults.config().engineSettings(),
                new SmbPredicate(DetectionProfile.ESCU_V3, null), new SuppressionRules(List.of(untilHalfPast)),
                store, publisher, null, null);
        e.onFlow(smb("10.0.0.1", "20.60.0.1", T10 + 29 * MIN));
        e.onFlow(smb("10.0.0.1", "20.60.0.1", T10 + 30 * MIN));
        e.tick();
        // A year ahead of any wall clock is fine offline: there is no future guard.
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 9 * 60 * MIN));
        e.closeAll();
        assertThat(e.counters().flowsSuppressed()).isEqualTo(1);
        assertThat(e.counters().futureIgnored()).isZero();
        List<PublishedRow> early = publisher.ofKind("early");
        assertThat(early).hasSize(2);
        assertThat(json(early.get(0)).get("start_time").asText()).isEqualTo("2026-11-27T10:30:00");
        assertThat(json(early.get(1)).get("start_time").asText()).isEqualTo("2026-11-27T19:00:00");
        assertThat(publisher.ofKind("window")).hasSize(2);
    }

    @Test
    void rowsOfAFailedPublishAreTriedAgainOnTheNextTick(@TempDir Path dir) throws Exception {
        CollectingPublisher failingOnce = new CollectingPublisher() {
            boolean failed;

            @Override
            public void publish(List<PublishedRow> batch) {
                if (!failed) {
                    failed = true;
                    throw new IllegalStateException("disk full");
                }
                super.publish(batch);
            }
        };
        DetectionEngine e = new DetectionEngine(noEarly(), new SmbPredicate(DetectionProfile.ESCU_V3, null),
                SuppressionRules.NONE, store, failingOnce, clock::get, dir);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        clock.set(T10 + 75 * MIN);
        e.onFlow(smb("10.0.0.2", "8.8.8.8", T10 + 75 * MIN));
        assertThatThrownBy(e::tick).hasMessage("disk full");
        assertThat(e.counters().rows(RowKind.WINDOW)).isZero();
        assertThat(EngineCheckpoint.load(dir)).isEqualTo(EngineCheckpoint.EMPTY);

        e.tick();
        assertThat(failingOnce.rows).extracting(PublishedRow::srcIp).containsExactly("10.0.0.1");
        assertThat(e.counters().rows(RowKind.WINDOW)).isEqualTo(1);
        assertThat(e.counters().rowsDropped()).isZero();
        assertThat(EngineCheckpoint.load(dir).publishedThrough()).isEqualTo(T10 + 60 * MIN);
    }
}
