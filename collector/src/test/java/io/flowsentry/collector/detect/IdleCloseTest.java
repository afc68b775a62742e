package io.flowsentry.collector.detect;

import static io.flowsentry.collector.detect.SmbPredicateTest.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.collector.config.ConfigDefaults;
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
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The idle rule: with the defaults (window 1h, lateness 10m, idle_after 10m), a window [10:00, 11:00) whose
 * exporters went quiet at 10:05 closes once the clock reaches 11:20, when {@code now - idle_after} = 11:10 =
 * window end + lateness.
 */
class IdleCloseTest {

    private static final long T10 = Instant.parse("2026-11-27T10:00:00Z").toEpochMilli();
    private static final long MIN = 60_000L;
    private static final long HOUR = 60 * MIN;

    private final AtomicLong clock = new AtomicLong(T10 + 5 * MIN);
    private final CollectingPublisher publisher = new CollectingPublisher();
    private final InMemorySourceAggregates store = new InMemorySourceAggregates(1000);

    private static EngineSettings defaults() {
        return ConfigDefaults.config().engineSettings();
    }

    private static EngineSettings noEarly() {
        return defaults().withEarly(false);
    }

    private DetectionEngine engine(EngineSettings settings, LongSupplier wallClock, Path stateDir) {
        return new DetectionEngine(settings, new SmbPredicate(DetectionProfile.ESCU_V3, null),
                SuppressionRules.NONE, store, publisher, wallClock, stateDir);
    }

    private DetectionEngine live(EngineSettings settings) {
        return engine(settings, clock::get, null);
    }

    private static FlowRecord smb(String src, String dst, long time) {
        return flow(src, dst, 445, Action.ALLOWED, null).timeStart(time).timeEnd(time)
                .sourceType(SourceType.IPFIX).bytes(1000).packets(10);
    }

    private static FlowRecord https(long time) {
        return flow("10.0.0.7", "8.8.8.8", 443, Action.ALLOWED, null).timeStart(time).timeEnd(time);
    }

    @Test
    void theDefaultIsTenMinutesLikeTheLateness() {
        assertThat(defaults().idleAfter()).isEqualTo(Duration.ofMinutes(10)).isEqualTo(defaults().lateness());
    }

    @Test
    void quietInputClosesAWindowIdleAfterLaterThanTrafficWould() {
        DetectionEngine e = live(noEarly());
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        e.tick();

        clock.set(T10 + 80 * MIN - 1);
        e.tick();
        assertThat(publisher.rows).isEmpty();
        assertThat(e.idle()).isTrue();

        clock.set(T10 + 80 * MIN);
        e.tick();
        assertThat(publisher.rows).extracting(PublishedRow::kind).containsExactly("window");
        assertThat(publisher.rows.get(0).windowStart()).isEqualTo(T10);
        assertThat(e.publishedThrough()).isEqualTo(T10 + HOUR);
        assertThat(e.watermark()).as("event time is not moved, only the closing").isEqualTo(T10 + 5 * MIN);
    }

    @Test
    void theRowIsExactlyTheOneEventTimeWouldHavePublished() {
        DetectionEngine e = live(defaults());
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        e.onFlow(smb("10.0.0.1", "8.8.4.4", T10 + 6 * MIN));
        e.onFlow(smb("10.0.0.2", "8.8.4.4", T10 + 7 * MIN));
        e.tick();
        clock.set(T10 + 90 * MIN);
        e.tick();

        CollectingPublisher byEventTime = new CollectingPublisher();
        AtomicLong referenceClock = new AtomicLong(T10 + 5 * MIN);
        DetectionEngine reference = new DetectionEngine(defaults(), new SmbPredicate(DetectionProfile.ESCU_V3, null),
                SuppressionRules.NONE, new InMemorySourceAggregates(1000), byEventTime, referenceClock::get, null);
        reference.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        reference.onFlow(smb("10.0.0.1", "8.8.4.4", T10 + 6 * MIN));
        reference.onFlow(smb("10.0.0.2", "8.8.4.4", T10 + 7 * MIN));
        reference.tick();
        referenceClock.set(T10 + 71 * MIN);
        reference.onFlow(https(T10 + 70 * MIN));
        reference.tick();

        assertThat(publisher.ofKind("early")).hasSize(2);
        assertThat(publisher.ofKind("window")).hasSize(2);
        assertThat(publisher.rows).containsExactlyElementsOf(byEventTime.rows);
    }

    @Test
    void trafficResumingAfterAnIdleCloseGivesLateRowsAndOpenWindowsAsBefore() throws Exception {
        DetectionEngine e = live(noEarly());
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        e.tick();
        clock.set(T10 + 80 * MIN);
        e.tick();
        assertThat(publisher.ofKind("window")).hasSize(1);

        clock.set(T10 + 81 * MIN);
        e.onFlow(smb("10.0.0.1", "1.1.1.1", T10 + 50 * MIN));
        e.onFlow(smb("10.0.0.3", "1.1.1.1", T10 + 75 * MIN));
        e.tick();
        assertThat(e.idle()).isFalse();
        List<PublishedRow> late = publisher.ofKind("late");
        assertThat(late).extracting(PublishedRow::windowStart).containsExactly(T10);
        assertThat(VectorEvents.JSON.readTree(late.get(0).json()).get("dest_ip").toString())
                .isEqualTo("[\"1.1.1.1\"]");
        assertThat(e.counters().flowsLate()).isEqualTo(1);
        assertThat(store.windows()).containsExactly(T10 + HOUR);
        assertThat(publisher.ofKind("window")).hasSize(1);
    }

    @Test
    void idleAfterZeroKeepsWindowsOpenUntilEventTimeMoves() {
        DetectionEngine e = live(noEarly().withIdleAfter(Duration.ZERO));
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        e.tick();
        clock.set(T10 + 30 * 24 * HOUR);
        e.tick();
        assertThat(publisher.rows).isEmpty();
        assertThat(e.idle()).isFalse();

        e.onFlow(https(T10 + 70 * MIN));
        e.tick();
        assertThat(publisher.ofKind("window")).hasSize(1);
    }

    @Test
    void offlineThereIsNoIdleRuleWhateverTheSetting() {
        DetectionEngine e = engine(noEarly(), null, null);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        e.tick();
        e.tick();
        assertThat(publisher.rows).isEmpty();
        assertThat(e.idle()).isFalse();
        e.closeAll();
        assertThat(publisher.ofKind("window")).hasSize(1);
    }

    @Test
    void aReplayedOldCaptureClosesAsItPlaysThenEntirelyOnceItEnds(@TempDir Path dir) throws Exception {
        long may2023 = Instant.parse("2023-05-01T10:00:00Z").toEpochMilli();
        DetectionEngine e = engine(noEarly(), clock::get, dir);
        // The replay plays two and a half hours of 2023 in 15 minutes of 2026: event time alone closes the
        // first two windows while flows keep arriving; the rule does not fire between arrivals a minute apart.
        for (int i = 0; i <= 15; i++) {
            e.onFlow(smb("10.0.0.1", "8.8.8.8", may2023 + i * 10 * MIN));
            e.tick();
            assertThat(e.idle()).isFalse();
            clock.addAndGet(MIN);
        }
        assertThat(publisher.ofKind("window")).extracting(PublishedRow::windowStart)
                .containsExactly(may2023, may2023 + HOUR);

        clock.addAndGet(10 * MIN);
        e.tick();
        assertThat(e.idle()).isTrue();
        assertThat(publisher.ofKind("window")).extracting(PublishedRow::windowStart)
                .containsExactly(may2023, may2023 + HOUR, may2023 + 2 * HOUR);
        assertThat(store.windows()).isEmpty();

        EngineCheckpoint saved = EngineCheckpoint.load(dir);
        assertThat(saved.watermark()).as("the highest event time seen, not the wall clock")
                .isEqualTo(may2023 + 150 * MIN);
        assertThat(saved.publishedThrough()).as("the end of the last window published, not the clock")
                .isEqualTo(may2023 + 3 * HOUR);
    }

    @Test
    void afterARestartTheSavedWatermarkIsEventTimeAndTheRuleWaitsAFullIdleAfter(@TempDir Path dir) {
        long may2023 = Instant.parse("2023-05-01T10:00:00Z").toEpochMilli();
        DetectionEngine first = engine(noEarly(), clock::get, dir);
        first.onFlow(smb("10.0.0.1", "8.8.8.8", may2023 + 5 * MIN));
        first.tick();
        clock.addAndGet(10 * MIN);
        first.tick();
        assertThat(publisher.ofKind("window")).hasSize(1);
        first.onFlow(smb("10.0.0.2", "8.8.8.8", T10 + 16 * MIN));

        // Stopped before the next tick, restarted hours later: the open window [10:00, 11:00) 2026 stays in
        // the store; the checkpoint holds the watermark of the last publish.
        clock.set(T10 + 5 * HOUR);
        DetectionEngine second = engine(noEarly(), clock::get, dir);
        assertThat(second.watermark()).isEqualTo(may2023 + 5 * MIN);
        assertThat(second.publishedThrough()).isEqualTo(may2023 + HOUR);
        second.tick();
        clock.addAndGet(10 * MIN - 1);
        second.tick();
        assertThat(publisher.ofKind("window")).as("exporters get idle_after to come back").hasSize(1);

        clock.addAndGet(1);
        second.tick();
        assertThat(publisher.ofKind("window")).extracting(PublishedRow::windowStart).containsExactly(may2023, T10);

        second.onFlow(smb("10.0.0.1", "8.8.8.8", may2023 + 6 * MIN));
        second.tick();
        assertThat(publisher.ofKind("late")).extracting(PublishedRow::windowStart).containsExactly(may2023);
    }

    @Test
    void quietTimeWithNoWindowIsNotMarkedPublishedSoAnOlderReplayStillAggregates() {
        long may2023 = Instant.parse("2023-05-01T10:00:00Z").toEpochMilli();
        DetectionEngine e = live(noEarly());
        clock.set(T10 + 5 * HOUR);
        e.tick();
        assertThat(e.idle()).isTrue();
        assertThat(e.publishedThrough()).isEqualTo(Long.MIN_VALUE);

        e.onFlow(smb("10.0.0.1", "8.8.8.8", may2023 + 5 * MIN));
        e.onFlow(smb("10.0.0.1", "8.8.8.8", may2023 + 65 * MIN));
        e.tick();
        assertThat(e.counters().flowsLate()).isZero();
        assertThat(publisher.rows).isEmpty();

        // Quiet again: the rule publishes both windows, and marks published the end of the last one only.
        clock.addAndGet(10 * MIN);
        e.tick();
        assertThat(publisher.ofKind("window")).extracting(PublishedRow::windowStart)
                .containsExactly(may2023, may2023 + HOUR);
        assertThat(e.publishedThrough()).isEqualTo(may2023 + 2 * HOUR);
        e.onFlow(smb("10.0.0.1", "8.8.8.8", may2023 + 3 * HOUR));
        e.onFlow(smb("10.0.0.1", "8.8.8.8", may2023 + 30 * MIN));
        e.tick();
        assertThat(e.counters().flowsLate()).isEqualTo(1);
        assertThat(store.windows()).containsExactly(may2023 + 3 * HOUR);
    }

    @Test
    void flowsBeyondTheFutureGuardKeepTheRuleOffButNeverMoveTheClosing() {
        DetectionEngine e = live(noEarly());
        e.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        e.tick();
        // An exporter with its clock a year ahead keeps sending: input, so not quiet, and its times do not
        // move event time either: the window waits, as it would without the rule.
        for (long now = T10 + 6 * MIN; now <= T10 + 100 * MIN; now += MIN) {
            clock.set(now);
            e.onFlow(https(now + 365 * 24 * HOUR));
            e.tick();
        }
        assertThat(e.counters().futureIgnored()).isEqualTo(95);
        assertThat(e.idle()).isFalse();
        assertThat(publisher.rows).isEmpty();

        // It stops: idle_after later the clock closes the window; the far-future flows never did.
        clock.set(T10 + 110 * MIN);
        e.tick();
        assertThat(publisher.ofKind("window")).extracting(PublishedRow::windowStart).containsExactly(T10);
        assertThat(e.watermark()).isEqualTo(T10 + 5 * MIN);
        assertThat(e.publishedThrough()).isEqualTo(T10 + HOUR);
    }

    @Test
    void aRepeatedRunningMaximumIsNoTrafficButNoteTrafficIs() {
        DetectionEngine repeated = live(noEarly());
        repeated.onFlow(smb("10.0.0.1", "8.8.8.8", T10 + 5 * MIN));
        DetectionEngine noted = engine(noEarly(), clock::get, null);
        for (long now = T10 + 5 * MIN; now <= T10 + 80 * MIN; now += MIN) {
            clock.set(now);
            repeated.observeEventTime(T10 + 5 * MIN);
            repeated.tick();
            noted.observeEventTime(T10 + 5 * MIN);
            noted.noteTraffic();
            noted.tick();
        }
        assertThat(repeated.idle()).isTrue();
        assertThat(repeated.publishedThrough()).isEqualTo(T10 + HOUR);
        assertThat(noted.idle()).isFalse();
        assertThat(noted.publishedThrough()).isEqualTo(T10 - HOUR);
    }
}
