package io.flowsentry.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest
    @CsvSource({
            // input, canonical text (RFC 5952 §4)
            "10.0.0.1, 10.0.0.1",
            "0.0.0.0, 0.0.0.0",
            "255.255.255.255, 255.255.255.255",
            "2001:DB8:0:0:0:0:2:1, 2001:db8::2:1",
            "2001:db8:0000:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:0:0:1:0:0:0:1, 2001:0:0:1::1",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "fe80::1:2, fe80::1:2",
            "::ffff:192.0.2.1, 192.0.2.1",
            "::ffff:c000:0201, 192.0.2.1",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2:3:4:5:6",
    })
    void parsesAndWritesCanonicalText(String input, String canonical) {
        long[] a = IpAddress.parse(input);
        assertThat(IpAddress.toString(a[0], a[1])).isEqualTo(canonical);
    }

    @Test
    void ipv4MappedIsTheSameValueAsIpv4() {
        long[] v4 = IpAddress.parse("203.0.113.9");
        long[] mapped = IpAddress.parse("::ffff:203.0.113.9");
        assertThat(mapped).containsExactly(v4);
        assertThat(IpAddress.isIpv4(v4[0], v4[1])).isTrue();
        assertThat(IpAddress.ipv4(v4[1])).isEqualTo(0xcb007109);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.", ".1.2.3", "1..2.3",
            "1:2:3:4:5:6:7:8:9", "1::2::3", ":1:2", "1:2:", "12345::", "g::1", "example.com", "1.2.3.4/8",
            "1:2:3:4:5:6:7::8:9", "::1.2.3"})
    void rejectsNonLiterals(String input) {
        assertThatThrownBy(() -> IpAddress.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid IP address");
    }

    @Test
    void readsSixteenNetworkOrderBytes() {
        byte[] b = new byte[18];
        b[2] = 0x20;
        b[3] = 0x01;
        b[4] = 0x0d;
        b[5] = (byte) 0xb8;
        b[17] = 1;
        long[] out = new long[2];
        IpAddress.fromBytes16(b, 2, out);
        assertThat(IpAddress.toString(out[0], out[1])).isEqualTo("2001:db8::1");
    }
}
