package io.flowsentry.collector.net;

import io.flowsentry.flow.IpAddress;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExporterAllowlistTest {

    private static boolean allows(ExporterAllowlist list, String address) {
        long[] a = IpAddress.parse(address);
        return list.allows(a[0], a[1]);
    }

    @Test
    void emptyAllowsEveryone() {
        assertThat(allows(ExporterAllowlist.allowAll(), "203.0.113.9")).isTrue();
        assertThat(allows(ExporterAllowlist.of(List.of()), "2001:db8::1")).isTrue();
    }

    @Test
    void ipv4AndIpv6BlocksMatchTheirOwnFamilyOnly() {
        ExporterAllowlist list = ExporterAllowlist.of(List.of("10.1.0.0/16", "192.0.2.7", "2001:db8:100::/40"));
        assertThat(allows(list, "10.1.255.254")).isTrue();
        assertThat(allows(list, "10.2.0.1")).isFalse();
        assertThat(allows(list, "192.0.2.7")).isTrue();
        assertThat(allows(list, "192.0.2.8")).isFalse();
        assertThat(allows(list, "2001:db8:1ff:ffff::1")).isTrue();
        assertThat(allows(list, "2001:db8:200::1")).isFalse();
        // The IPv4-mapped form of an allowed IPv4 sender is the same 128-bit value.
        assertThat(allows(list, "::ffff:10.1.2.3")).isTrue();
        // An IPv6 address whose low 32 bits look like 10.1.x.x is not an IPv4 sender.
        assertThat(allows(list, "::a01:203")).isFalse();
    }

    @Test
    void zeroPrefixesAllowTheirWholeFamily() {
        ExporterAllowlist v4 = ExporterAllowlist.of(List.of("0.0.0.0/0"));
        assertThat(allows(v4, "198.51.100.1")).isTrue();
        assertThat(allows(v4, "2001:db8::1")).isFalse();
        assertThat(allows(ExporterAllowlist.of(List.of("::/0")), "2001:db8::1")).isTrue();
    }

    @Test
    void includingAddsABlockAndLeavesAllowAllAsItIs() {
        ExporterAllowlist list = ExporterAllowlist.of(List.of("192.0.2.0/24"));
        ExporterAllowlist more = list.including("127.0.0.0/8");
        assertThat(allows(more, "127.0.3.9")).isTrue();
        assertThat(allows(more, "192.0.2.1")).isTrue();
        assertThat(allows(more, "198.51.100.1")).isFalse();
        assertThat(allows(list, "127.0.3.9")).as("the original list is unchanged").isFalse();
        assertThat(ExporterAllowlist.allowAll().including("127.0.0.0/8").allowsAll()).isTrue();
    }

    @Test
    void blocksArePrintedInCanonicalForm() {
        assertThat(ExporterAllowlist.of(List.of("10.0.0.0/8", "2001:DB8::/32", "192.0.2.7")).blocks())
                .extracting(Object::toString).containsExactly("10.0.0.0/8", "2001:db8::/32", "192.0.2.7/32");
    }

    @Test
    void rejectsBadEntriesNamingThem() {
        assertThatThrownBy(() -> ExporterAllowlist.of(List.of("10.0.0.0/8", "10.0.0.0/33")))
                .hasMessageContaining("10.0.0.0/33").hasMessageContaining("0-32");
        assertThatThrownBy(() -> ExporterAllowlist.of(List.of("2001:db8::/129"))).hasMessageContaining("0-128");
        assertThatThrownBy(() -> ExporterAllowlist.of(List.of("router-1/24"))).hasMessageContaining("router-1/24");
        assertThatThrownBy(() -> ExporterAllowlist.of(List.of("10.0.0.0/x"))).hasMessageContaining("10.0.0.0/x");
        // Host bits set: more likely a typo than a wish for the whole block.
        assertThatThrownBy(() -> ExporterAllowlist.of(List.of("10.1.2.3/8"))).hasMessageContaining("10.0.0.0/8");
    }
}
