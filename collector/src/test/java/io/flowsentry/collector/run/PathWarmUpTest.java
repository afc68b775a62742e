package io.flowsentry.collector.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.collector.config.ConfigDefaults;
import io.flowsentry.collector.config.DetectionSetup;
import io.flowsentry.collector.config.FlowsentryConfig;
import io.flowsentry.collector.detect.DetectionProfile;
import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.collector.net.ExporterAllowlist;
import io.flowsentry.collector.net.ListenerSettings;
import io.flowsentry.decoder.DecoderLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm-up sends real v5/v9/IPFIX datagrams through a private loopback listener, runs their outbound SMB
 * matches through a private engine and store, deletes that store, and can be off.
 */
class PathWarmUpTest {

    @TempDir
    Path dataDir;

    private DetectionWarmUp.Settings detection(FlowsentryConfig config) {
        return new DetectionWarmUp.Settings(dataDir, config.engineSettings(), DetectionSetup.suppressionRules(config),
                DetectionSetup.aggregateLimits(config));
    }

    private PathWarmUp.Result run(DetectionProfile profile, long budgetMillis) throws Exception {
        FlowsentryConfig config = ConfigDefaults.config();
        SmbPredicate predicate = new SmbPredicate(profile, null);
        // The detection from the start (no receive-only first half), so that a short, cold warm-up has matches.
        return PathWarmUp.run(new PathWarmUp.Ingests(() -> predicate, 0), Clock.systemUTC(), DecoderLimits.defaults(), ListenerSettings.defaults(),
                detection(config), budgetMillis, 0);
    }

    @Test
    void decodesSyntheticExportsOnItsOwnSocketAndDetectsTheirOutboundSmbOnAPrivateStore() throws Exception {
        PathWarmUp.Result r = run(DetectionProfile.ESCU_V3, 400);
        assertThat(r.sent()).isPositive();
        // Loopback may drop some while the listener is cold; what arrives decodes to whole datagrams of
        // 35 (v9), 21 (IPFIX) or 30 (v5) records.
        assertThat(r.records()).isPositive().isLessThanOrEqualTo(r.sent() * 35);
        // TCP to 139/445 from 10/8 to a public /24: three record keys in 32, never most
        assertThat(r.matches()).isPositive().isLessThan(r.records() / 4);
        // Each round of datagrams comes from an exporter of its own.
        assertThat(r.exporters()).isGreaterThan(1);
        // Every synthetic flow starts between 00:01 and 00:32 of 2024-01-01 (UTC): one hour window, so each
        // source has one aggregate, one early row (a fresh ledger) and one window row (closed at the end).
        DetectionWarmUp.Result d = r.detection();
        assertThat(d.sources()).isPositive().isLessThanOrEqualTo(DetectionWarmUp.CAPACITY);
        assertThat(d.earlyRows()).isEqualTo(d.sources());
        assertThat(d.windowRows()).isEqualTo(d.sources());
        assertThat(dataDir.resolve(DetectionWarmUp.DIRECTORY)).doesNotExist();
        assertThat(dataDir.toFile().list()).isEmpty();
    }

    @Test
    void theExtendedProfileMatchesTheSyntheticSmbToo() throws Exception {
        // The extended profile counts TEST-NET-3 as non-public: the SMB records go to a public block.
        PathWarmUp.Result r = run(DetectionProfile.EXTENDED, 300);
        assertThat(r.matches()).as(r.toString()).isPositive();
        assertThat(r.detection().windowRows()).isEqualTo(r.detection().sources()).isPositive();
    }

    @Test
    void aStoreLeftByAKilledStartIsReplacedAndDeleted() throws Exception {
        Path leftover = Files.createDirectories(dataDir.resolve(DetectionWarmUp.DIRECTORY));
        Files.writeString(leftover.resolve("sources.open"), "");
        Files.writeString(leftover.resolve(io.flowsentry.store.aggregate.ChronicleSourceAggregates.MAP_FILE), "not a map");
        PathWarmUp.Result r = run(DetectionProfile.ESCU_V3, 200);
        assertThat(r.detection().sources()).isPositive();
        assertThat(leftover).doesNotExist();
    }

    @Test
    void withTheReceiveOnlyFirstHalfTheDetectionStillClosesWhatItAggregatedAndDeletesItsStore() throws Exception {
        SmbPredicate predicate = new SmbPredicate(DetectionProfile.ESCU_V3, null);
        PathWarmUp.Result r = PathWarmUp.run(new PathWarmUp.Ingests(() -> predicate, 0), Clock.systemUTC(), DecoderLimits.defaults(),
                ListenerSettings.defaults(), detection(ConfigDefaults.config()), 600);
        assertThat(r.records()).isPositive();
        // Matches of the first half are discarded: the detection saw at most all of them.
        assertThat(r.detection().matches()).isLessThanOrEqualTo(r.records() / 4);
        assertThat(r.detection().windowRows()).isEqualTo(r.detection().sources());
        assertThat(r.detection().earlyRows()).isEqualTo(r.detection().sources());
        assertThat(dataDir.toFile().list()).isEmpty();
    }

    @Test
    void withAnAllowlistThatLeavesLoopbackOutTheWarmUpStillReceives() throws Exception {
        SmbPredicate predicate = new SmbPredicate(DetectionProfile.ESCU_V3, null);
        ListenerSettings listeners = ListenerSettings.defaults().withAllowlist(ExporterAllowlist.of(List.of("192.0.2.0/24")));
        PathWarmUp.Result r = PathWarmUp.run(new PathWarmUp.Ingests(() -> predicate, 0), Clock.systemUTC(),
                DecoderLimits.defaults(), listeners, detection(ConfigDefaults.config()), 300, 0);
        assertThat(r.records()).isPositive();
        assertThat(r.matches()).isPositive();
    }

    @Test
    void everyRoundSendsFromANewLoopbackAddressUntilTheyRunOut() {
        Set<String> addresses = new HashSet<>();
        for (int round = 0; round < 16 * 254; round++) {
            String a = WarmUpExporters.exporterAddress(round);
            assertThat(a).startsWith("127.0.");
            assertThat(a).doesNotEndWith(".0").doesNotEndWith(".255");
            addresses.add(a);
        }
        assertThat(addresses).hasSize(16 * 254);
        assertThat(WarmUpExporters.exporterAddress(16 * 254)).isEqualTo(WarmUpExporters.exporterAddress(0));
    }

    @Test
    void aZeroBudgetDoesNothing() throws Exception {
        PathWarmUp.Result r = run(DetectionProfile.ESCU_V3, 0);
        assertThat(r.sent()).isZero();
        assertThat(r.records()).isZero();
        assertThat(r.detection().matches()).isZero();
        assertThat(dataDir.toFile().list()).isEmpty();
    }
}
