package io.flowsentry.decoder.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.IpAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte parser against {@link IpAddress#parse}, the project's reference, on the same texts. */
class AddressBytesTest {

    private static final AddressBytes PARSER = new AddressBytes();

    /** Bytes that could be mistaken for part of an address when they sit right beside one. */
    private static final byte[] NEIGHBOURS = "0123456789.:abf\t-".getBytes(StandardCharsets.ISO_8859_1);
    private static final Random PADDING = new Random(791);

    /**
     * Parses {@code text} alone in its array (too short for word reads: the byte-at-a-time path), and
     * again inside a larger array between random digits, dots and colons (the word-at-a-time path
     * for IPv4, which must not read the neighbours as part of the address).
     */
    private static void assertSameAsIpAddress(String text) {
        byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        long[] expected = new long[2];
        long[] actual = new long[2];
        boolean ok = IpAddress.parse(text, 0, text.length(), expected);
        assertThat(PARSER.parse(b, 0, b.length, actual)).as(text).isEqualTo(ok);
        if (ok) {
            assertThat(actual).as(text).containsExactly(expected);
        }
        int before = PADDING.nextInt(9);
        byte[] padded = new byte[before + b.length + 24 + PADDING.nextInt(8)];
        for (int i = 0; i < padded.length; i++) {
            padded[i] = NEIGHBOURS[PADDING.nextInt(NEIGHBOURS.length)];
        }
        System.arraycopy(b, 0, padded, before, b.length);
        long[] inPlace = new long[2];
        assertThat(PARSER.parse(padded, before, before + b.length, inPlace)).as("padded " + text).isEqualTo(ok);
        if (ok) {
            assertThat(inPlace).as("padded " + text).containsExactly(expected);
        }
    }

    @Test
    void dottedQuadsWordAtATimeAndByteAtATimeAgree() {
        Random random = new Random(791);
        byte[] buf = new byte[64];
        for (int n = 0; n < 300_000; n++) {
            for (int i = 0; i < buf.length; i++) {
                buf[i] = NEIGHBOURS[random.nextInt(12)]; // digits, '.', ':'
            }
            int from = random.nextInt(20);
            int to = from + random.nextInt(18);
            assertThat(AddressBytes.ipv4(buf, from, to)).as("%s", new String(buf, from, to - from, StandardCharsets.ISO_8859_1))
                    .isEqualTo(AddressBytes.ipv4ByBytes(buf, from, to));
        }
    }

    @Test
    void dottedQuadsAtTheEdgesOfTheirRange() {
        for (String s : List.of("0.0.0.0", "255.255.255.255", "000.000.000.000", "001.02.3.255", "9.99.199.249")) {
            assertSameAsIpAddress(s);
            byte[] padded = (s + "\t........................").getBytes(StandardCharsets.ISO_8859_1);
            assertThat(AddressBytes.ipv4(padded, 0, s.length())).as(s).isNotNegative();
        }
        byte[] b = ("1.2.3.4\t255.255.255.255\t0.0.0.0\t256.1.1.1\t1.2.3.4.5\t1.2.3\t.1.2.3\t1.2.3.\t1..2.3\t1234.1.1.1\t1.2.3.-\t1.2.3.4 \t1,2.3.4\t0001.2.3.4\t1.2.3.0255\t1.2.3.4\u00b7\t"
                + "0.0.0.0.0.0.0.0.0.0.0.0.").getBytes(StandardCharsets.ISO_8859_1);
        long[] expected = {0x0102_0304L, 0xffff_ffffL, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        int from = 0;
        for (long e : expected) {
            int to = from;
            while (b[to] != '\t') {
                to++;
            }
            assertThat(AddressBytes.ipv4(b, from, to)).as(new String(b, from, to - from, StandardCharsets.ISO_8859_1)).isEqualTo(e);
            from = to + 1;
        }
    }

    @Test
    void agreesOnWellKnownForms() {
        for (String s : List.of("0.0.0.0", "10.0.0.1", "255.255.255.255", "192.168.010.1", "::", "::1", "1::", "fe80::c801:eff:fe88:8",
                "2001:db8::7", "2001:0db8:0000:0000:0000:ff00:0042:8329", "ff02::1:2", "::ffff:10.0.0.1", "64:ff9b::192.0.2.33",
                "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "fc00:0:2:100::1:1", "1:2:3:4:5::7:8", "1::8",
                "256.0.0.1", "1.2.3", "1.2.3.4.5", "1..2.3", "01234.1.1.1", ":1", "1:", ":::", "1:::2", "1::2::3", "12345::1",
                "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::1.2.3.4.5", "g::1", "", "-", "fe80::1%eth0", "1.2.3.4 ")) {
            assertSameAsIpAddress(s);
        }
    }

    @Test
    void agreesOnRandomTexts() {
        Random random = new Random(5952);
        char[] alphabet = "0123456789abcdefABCDEF:.:.::x ".toCharArray();
        for (int n = 0; n < 200_000; n++) {
            int len = 1 + random.nextInt(20);
            StringBuilder sb = new StringBuilder(len);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet[random.nextInt(alphabet.length)]);
            }
            assertSameAsIpAddress(sb.toString());
        }
    }

    @Test
    void agreesOnRandomValidAddresses() {
        Random random = new Random(4291);
        for (int n = 0; n < 20_000; n++) {
            long hi = random.nextInt(4) == 0 ? 0 : random.nextLong();
            long lo = random.nextInt(3) == 0 ? random.nextLong() & 0xffff_0000_ffffL : random.nextLong();
            assertSameAsIpAddress(IpAddress.toString(hi, lo));
        }
    }
}
