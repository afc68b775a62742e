package io.flowsentry.store.assets;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.IpAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The assets table of ../shared/docs/vectors/assets.csv (Splunk ES asset-list form), at every boundary. */
class AssetsVectorsTest {

    static AssetTable table;

    @BeforeAll
    static void load() throws Exception {
        table = AssetsCsvLoader.load(Path.of(System.getProperty("flowsentry.shared.dir"), "docs/vectors/assets.csv"));
    }

    static AssetEntry lookup(String address) {
        long[] a = IpAddress.parse(address);
        return table.lookup(a[0], a[1]);
    }

    @Test
    void theRangeIsSplitIntoExactCidrs() {
        // 198.51.100.0/24 + 203.0.113.60-99 (= .60/30, .64/27, .96/30) + three single CIDRs.
        assertThat(table.size()).isEqualTo(7);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            // by CIDR (first item of a pipe-delimited ip cell), with its two categories
            "198.51.100.0;198.51.100.0/24;internal|partner",
            "198.51.100.20;198.51.100.0/24;internal|partner",
            "198.51.100.255;198.51.100.0/24;internal|partner",
            "198.51.99.255;null;null",
            "198.51.101.0;null;null",
            // by range 203.0.113.60-203.0.113.99
            "203.0.113.59;null;null",
            "203.0.113.60;203.0.113.60/30;internal|partner",
            "203.0.113.63;203.0.113.60/30;internal|partner",
            "203.0.113.64;203.0.113.64/27;internal|partner",
            "203.0.113.70;203.0.113.64/27;internal|partner",
            "203.0.113.95;203.0.113.64/27;internal|partner",
            "203.0.113.96;203.0.113.96/30;internal|partner",
            "203.0.113.99;203.0.113.96/30;internal|partner",
            "203.0.113.100;null;null",
            // most specific entry: the /24 inside the /16 has no 'internal'
            "57.139.255.255;null;null",
            "57.140.0.0;57.140.0.0/16;internal",
            "57.140.1.1;57.140.0.0/16;internal",
            "57.140.199.255;57.140.0.0/16;internal",
            "57.140.200.0;57.140.200.0/24;server|dmz",
            "57.140.200.10;57.140.200.0/24;server|dmz",
            "57.140.200.255;57.140.200.0/24;server|dmz",
            "57.140.201.0;57.140.0.0/16;internal",
            "57.140.255.255;57.140.0.0/16;internal",
            "57.141.0.0;null;null",
            // IPv6
            "2001:db8:cafe::9;2001:db8:cafe::/48;internal",
            "2001:db8:cafe::;2001:db8:cafe::/48;internal",
            "2001:db8:cafe:ffff:ffff:ffff:ffff:ffff;2001:db8:cafe::/48;internal",
            "2001:db8:cafd:ffff:ffff:ffff:ffff:ffff;null;null",
            "2001:db8:caff::;null;null",
            // an IPv4-mapped address is the IPv4 address
            "::ffff:57.140.200.1;57.140.200.0/24;server|dmz",
            "fd12:3456:789a::1;null;null",
            "10.0.0.1;null;null",
    })
    void mostSpecificEntry(String address, String cidr, String categories) {
        AssetEntry e = lookup(address);
        if (cidr == null) {
            assertThat(e).isNull();
            return;
        }
        assertThat(e).isNotNull();
        assertThat(e.cidr()).isEqualTo(cidr);
        assertThat(e.categories()).containsExactlyElementsOf(List.of(categories.split("\\|")));
    }
}
