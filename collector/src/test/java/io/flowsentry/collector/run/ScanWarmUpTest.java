package io.flowsentry.collector.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.collector.config.ConfigDefaults;
import io.flowsentry.collector.config.DetectionSetup;
import io.flowsentry.collector.config.FlowsentryConfig;
import io.flowsentry.collector.detect.DetectionProfile;
import io.flowsentry.collector.detect.SmbPredicate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScanWarmUpTest {

    @TempDir
    Path dataDir;

    private DetectionWarmUp.Settings settings() {
        FlowsentryConfig config = ConfigDefaults.config();
        return new DetectionWarmUp.Settings(dataDir, config.engineSettings(), DetectionSetup.suppressionRules(config),
                DetectionSetup.aggregateLimits(config));
    }

    @Test
    void everySourceOfTheWormAndTheScannersGetsItsEarlyAndWindowRowAndNothingIsLeft() throws Exception {
        ScanWarmUp.Result r = ScanWarmUp.run(settings(), new SmbPredicate(DetectionProfile.ESCU_V3, null), Clock.systemUTC());
        int sources = ScanWarmUp.NEW_SOURCES + ScanWarmUp.SCANNERS;
        assertThat(r.flows()).isEqualTo(ScanWarmUp.NEW_SOURCES + (long) ScanWarmUp.SCANNERS * ScanWarmUp.SCAN_DESTINATIONS);
        // Flows of the last minute: one window, or two when the run straddles the hour.
        assertThat(r.sources()).isBetween((long) sources, 2L * sources);
        assertThat(r.earlyRows()).isEqualTo(sources);
        assertThat(r.windowRows()).isEqualTo(r.sources());
        assertThat(dataDir.resolve(ScanWarmUp.DIRECTORY)).doesNotExist();
        assertThat(dataDir.toFile().list()).isEmpty();
    }

    @Test
    void aLeftoverOfAKilledStartIsReplaced() throws Exception {
        Path leftover = Files.createDirectories(dataDir.resolve(ScanWarmUp.DIRECTORY).resolve("aggregates"));
        Files.writeString(leftover.resolve("sources.open"), "");
        ScanWarmUp.Result r = ScanWarmUp.run(settings(), new SmbPredicate(DetectionProfile.ESCU_V3, null), Clock.systemUTC());
        assertThat(r.earlyRows()).isPositive();
        assertThat(dataDir.resolve(ScanWarmUp.DIRECTORY)).doesNotExist();
    }
}
