package io.flowsentry.collector.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowsentry.flow.IpAddress;
import io.flowsentry.store.assets.Cidr;
import org.junit.jupiter.api.Test;

class CidrTest {

    private static boolean contains(Cidr c, String address) {
        long[] a = IpAddress.parse(address);
        return c.contains(a[0], a[1]);
    }

    @Test
    void ipv4BlocksHoldTheirBoundariesAndNothingBeyond() {
        Cidr c = CidrText.parse("172.16.0.0/12");
        assertThat(contains(c, "172.16.0.0")).isTrue();
        assertThat(contains(c, "172.31.255.255")).isTrue();
        assertThat(contains(c, "172.15.255.255")).isFalse();
        assertThat(contains(c, "172.32.0.0")).isFalse();
        assertThat(c.toString()).isEqualTo("172.16.0.0/12");
    }

    @Test
    void ipv4BlocksNeverHoldIpv6AndViceVersa() {
        assertThat(contains(CidrText.parse("0.0.0.0/0"), "2001:db8::1")).isFalse();
        assertThat(contains(CidrText.parse("0.0.0.0/0"), "::ffff:8.8.8.8")).isTrue();
        assertThat(contains(CidrText.parse("fc00::/7"), "10.0.0.1")).isFalse();
        assertThat(contains(CidrText.parse("::/0"), "10.0.0.1")).isTrue();
    }

    @Test
    void ipv6PrefixesAcrossTheWordBoundary() {
        Cidr c = CidrText.parse("2001:db8:0:0:8000::/65");
        assertThat(contains(c, "2001:db8::8000:0:0:1")).isTrue();
        assertThat(contains(c, "2001:db8::7fff:0:0:1")).isFalse();
        assertThat(contains(CidrText.parse("fe80::/10"), "febf:ffff::1")).isTrue();
        assertThat(contains(CidrText.parse("fe80::/10"), "fec0::1")).isFalse();
        assertThat(contains(CidrText.parse("::1"), "::1")).isTrue();
        assertThat(contains(CidrText.parse("::1"), "::2")).isFalse();
        assertThat(CidrText.parse("FC00::/7").toString()).isEqualTo("fc00::/7");
    }

    @Test
    void badTextIsRejectedWithTheTextInTheMessage() {
        assertThatThrownBy(() -> CidrText.parse("10.0.0.0/33")).hasMessage("'10.0.0.0/33' is not a CIDR (prefix length 0-32)");
        assertThatThrownBy(() -> CidrText.parse("10.1.0.0/8")).hasMessage("'10.1.0.0/8' has host bits set beyond /8 (the network is 10.0.0.0/8)");
        assertThatThrownBy(() -> CidrText.parse("bogus/8")).hasMessageStartingWith("'bogus/8' is not a CIDR");
        assertThatThrownBy(() -> CidrText.parse("10.0.0.0/")).hasMessageStartingWith("'10.0.0.0/' is not a CIDR");
        assertThatThrownBy(() -> CidrText.parse("::/129")).hasMessage("'::/129' is not a CIDR (prefix length 0-128)");
    }
}
