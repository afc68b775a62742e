package io.flowsentry.decoder;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The exporter table remembers its last look-up; least-recently-seen eviction must not notice. */
class ExporterTableTest {

    private static final long A = 0x0000_ffff_0a00_0001L;
    private static final long B = 0x0000_ffff_0a00_0002L;
    private static final long C = 0x0000_ffff_0a00_0003L;

    private final DecodeCounters counters = new DecodeCounters();
    private final ExporterTable table = new ExporterTable(
            new DecoderLimits(2, 16, 64, 4, Duration.ofMinutes(30), 1024, 8, Duration.ofSeconds(60)), counters);

    @Test
    void repeatedLookUpsGiveTheSameStateAndKeepTheRecencyOrder() {
        ExporterState a = table.get(0, A);
        assertThat(table.get(0, A)).isSameAs(a);
        table.get(0, B);
        assertThat(table.get(0, A)).as("A seen again after B").isSameAs(a);
        table.get(0, C); // evicts B, the least recently seen
        assertThat(counters.get(DecodeCounter.EXPORTERS_EVICTED)).isEqualTo(1);
        assertThat(table.snapshot()).extracting(ExporterSnapshot::address).containsExactly("10.0.0.1", "10.0.0.3");
        assertThat(table.get(0, B)).as("B comes back as a new exporter").isNotNull();
        assertThat(table.snapshot()).extracting(ExporterSnapshot::address).containsExactly("10.0.0.3", "10.0.0.2");
        assertThat(table.get(0, C).lo).isEqualTo(C);
    }

    @Test
    void addressesDifferingOnlyInTheHighWordAreTwoExporters() {
        ExporterState v4 = table.get(0, A);
        ExporterState v6 = table.get(0x2001_0db8_0000_0000L, A);
        assertThat(v6).isNotSameAs(v4);
        assertThat(table.get(0, A)).isSameAs(v4);
    }

    @Test
    void anExporterAtTheEmptyTablesPlaceholderAddressIsAnExporterLikeAnyOther() {
        // ::ffff:ffff:ffff:ffff is the address of the placeholder that a new table's last look-up holds.
        ExporterState first = table.get(0, -1L);
        assertThat(table.snapshot()).extracting(ExporterSnapshot::address).containsExactly("::ffff:ffff:ffff:ffff");
        assertThat(table.get(0, -1L)).isSameAs(first);
        table.get(0, A);
        assertThat(table.get(0, -1L)).as("found in the table, not only as the last look-up").isSameAs(first);
    }
}
