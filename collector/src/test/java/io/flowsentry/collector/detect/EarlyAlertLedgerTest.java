package io.flowsentry.collector.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EarlyAlertLedgerTest {

    private static final long HOUR = 3_600_000L;

    @Test
    void aSourceIsDueAgainOnlyAfterTheSuppressionPeriod() {
        EarlyAlertLedger ledger = new EarlyAlertLedger(10, 8 * HOUR);
        assertThat(ledger.due(0, 0xffff0a000001L, 0)).isTrue();
        ledger.record(0, 0xffff0a000001L, 1000);
        assertThat(ledger.due(0, 0xffff0a000001L, 1000 + 8 * HOUR - 1)).isFalse();
        assertThat(ledger.due(0, 0xffff0a000001L, 1000 + 8 * HOUR)).isTrue();
        assertThat(ledger.due(0, 0xffff0a000002L, 1000)).isTrue();
        assertThat(ledger.lastAlert(0, 0xffff0a000001L)).isEqualTo(1000);
    }

    @Test
    void growsPastItsInitialTableAndKeepsEverySource() {
        EarlyAlertLedger ledger = new EarlyAlertLedger(100_000, 8 * HOUR);
        for (int i = 0; i < 50_000; i++) {
            ledger.record(i, i * 31L, i);
        }
        assertThat(ledger.size()).isEqualTo(50_000);
        for (int i = 0; i < 50_000; i++) {
            assertThat(ledger.lastAlert(i, i * 31L)).isEqualTo(i);
        }
        assertThat(ledger.lastAlert(50_001, 0)).isEqualTo(EarlyAlertLedger.NONE);
    }

    @Test
    void whenFullExpiredEntriesGoFirstThenTheOldest() {
        EarlyAlertLedger ledger = new EarlyAlertLedger(32, HOUR);
        for (int i = 0; i < 32; i++) {
            ledger.record(0, i, i < 8 ? 0 : 2 * HOUR + i);
        }
        // At 2h + 100: the first 8 (alerted at 0) have expired; one new source makes them go.
        ledger.record(0, 100, 2 * HOUR + 100);
        assertThat(ledger.size()).isEqualTo(25);
        assertThat(ledger.evicted()).isZero();
        assertThat(ledger.lastAlert(0, 0)).isEqualTo(EarlyAlertLedger.NONE);
        for (int i = 33; ledger.size() < 32; i++) {
            ledger.record(0, 100 + i, 2 * HOUR + 100 + i);
        }
        // Full of live entries: the oldest 32/16 = 2 (sources 8 and 9) are evicted for the next one.
        ledger.record(0, 999, 2 * HOUR + 999);
        assertThat(ledger.evicted()).isEqualTo(2);
        assertThat(ledger.lastAlert(0, 8)).isEqualTo(EarlyAlertLedger.NONE);
        assertThat(ledger.lastAlert(0, 9)).isEqualTo(EarlyAlertLedger.NONE);
        assertThat(ledger.lastAlert(0, 10)).isEqualTo(2 * HOUR + 10);
        assertThat(ledger.lastAlert(0, 999)).isEqualTo(2 * HOUR + 999);
    }

    @Test
    void savedAndLoadedBackWhole(@TempDir Path dir) throws Exception {
        EarlyAlertLedger ledger = new EarlyAlertLedger(1000, 8 * HOUR);
        ledger.record(0x20010db8_00000000L, 1, 5);
        ledger.record(0, 0xffff0a000001L, 7);
        assertThat(ledger.dirty()).isTrue();
        ledger.save(dir);
        assertThat(ledger.dirty()).isFalse();
        assertThat(Files.size(dir.resolve(EarlyAlertLedger.FILE_NAME))).isEqualTo(12 + 2 * 24);

        EarlyAlertLedger loaded = new EarlyAlertLedger(1000, 8 * HOUR);
        loaded.load(dir);
        assertThat(loaded.size()).isEqualTo(2);
        assertThat(loaded.lastAlert(0x20010db8_00000000L, 1)).isEqualTo(5);
        assertThat(loaded.lastAlert(0, 0xffff0a000001L)).isEqualTo(7);
        assertThat(loaded.dirty()).isFalse();
    }

    @Test
    void aDamagedFileIsIgnored(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve(EarlyAlertLedger.FILE_NAME), new byte[] {'F', 'S', 'E', 'A', 0, 0, 0, 1, 0, 0, 0, 9, 1, 2});
        EarlyAlertLedger ledger = new EarlyAlertLedger(1000, 8 * HOUR);
        ledger.load(dir);
        assertThat(ledger.size()).isZero();
        Files.write(dir.resolve(EarlyAlertLedger.FILE_NAME), new byte[] {1, 2, 3});
        ledger.load(dir);
        assertThat(ledger.size()).isZero();
    }

    @Test
    void pruningForgetsExactlyTheExpiredSourcesWhenTheyExpireAndNotBefore() {
        EarlyAlertLedger ledger = new EarlyAlertLedger(100, HOUR);
        ledger.record(0, 1, 1000);
        ledger.record(0, 2, 5000);
        ledger.record(0, 1, 3000); // alerted again: its time moves on
        ledger.pruneExpired(1000 + HOUR); // the earliest time ever recorded has expired, no entry has
        assertThat(ledger.size()).isEqualTo(2);
        ledger.pruneExpired(3000 + HOUR);
        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.lastAlert(0, 1)).isEqualTo(EarlyAlertLedger.NONE);
        ledger.pruneExpired(5000 + HOUR - 1);
        assertThat(ledger.size()).isEqualTo(1);
        ledger.record(0, 3, 4000);
        ledger.pruneExpired(4000 + HOUR);
        assertThat(ledger.size()).isEqualTo(1);
        assertThat(ledger.lastAlert(0, 2)).isEqualTo(5000);
        ledger.pruneExpired(5000 + HOUR);
        assertThat(ledger.size()).isZero();
    }
}
