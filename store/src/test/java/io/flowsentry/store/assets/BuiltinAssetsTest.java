package io.flowsentry.store.assets;

import static io.flowsentry.store.assets.AssetsCsvLoaderTest.lookup;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltinAssetsTest {

    @ParameterizedTest(name = "escu_v3_private: {0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "9.255.255.255,null", "10.0.0.0,10.0.0.0/8", "10.255.255.255,10.0.0.0/8", "11.0.0.0,null",
            "172.15.255.255,null", "172.16.0.0,172.16.0.0/12", "172.31.255.255,172.16.0.0/12", "172.32.0.0,null",
            "192.167.255.255,null", "192.168.0.0,192.168.0.0/16", "192.168.255.255,192.168.0.0/16", "192.169.0.0,null",
            "100.63.255.255,null", "100.64.0.0,100.64.0.0/10", "100.127.255.255,100.64.0.0/10", "100.128.0.0,null",
            "fd00::1,null",
    })
    void escuV3Private(String address, String cidr) {
        AssetEntry e = lookup(BuiltinAssets.named("escu_v3_private"), address);
        assertThat(e == null ? null : e.cidr()).isEqualTo(cidr);
        if (e != null) {
            assertThat(e.categories()).containsExactly("internal");
        }
    }

    @ParameterizedTest(name = "non_public_ip_blocks: {0} -> {1}")
    @CsvSource(nullValues = "null", value = {
            "127.0.0.1,127.0.0.0/8", "169.254.1.1,169.254.0.0/16",
            "192.0.0.0,192.0.0.0/29", "192.0.0.7,192.0.0.0/29", "192.0.0.8,192.0.0.8/32", "192.0.0.9,192.0.0.9/32",
            "192.0.0.10,192.0.0.10/32", "192.0.0.11,192.0.0.0/24", "192.0.0.170,192.0.0.170/32",
            "192.0.0.171,192.0.0.171/32", "192.0.0.172,192.0.0.0/24", "192.0.1.0,null",
            "224.0.0.1,224.0.0.0/4", "239.255.255.255,224.0.0.0/4", "240.0.0.0,240.0.0.0/4",
            "255.255.255.255,240.0.0.0/4", "198.19.255.255,198.18.0.0/15", "198.20.0.0,null", "8.8.8.8,null",
            "::1,::1/128", "::2,null", "::,null", "fe80::1,fe80::/10", "febf:ffff::1,fe80::/10", "fec0::1,null",
            "fc00::1,fc00::/7", "fdff::1,fc00::/7", "ff02::1,ff00::/8", "2001:db8::1,null",
    })
    void nonPublicIpBlocks(String address, String cidr) {
        AssetEntry e = lookup(BuiltinAssets.named("non_public_ip_blocks"), address);
        assertThat(e == null ? null : e.cidr()).isEqualTo(cidr);
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        assertThatThrownBy(() -> BuiltinAssets.named("rfc1918"))
                .hasMessage("unknown built-in assets set: 'rfc1918' (expected one of [escu_v3_private, non_public_ip_blocks])");
    }
}
