package io.flowsentry.decoder.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteScanTest {

    @Test
    void sameBytesComparesWholeNamesOnly() {
        byte[] line = "xx\"id.orig_h\":\"orig_ip_bytes\" ts SF S0 tcp".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (String name : new String[] {"id.orig_h", "orig_ip_bytes", "ts", "SF", "tcp"}) {
            byte[] n = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int at = new String(line, java.nio.charset.StandardCharsets.US_ASCII).indexOf(name);
            assertThat(ByteScan.sameBytes(line, at, n)).as(name).isTrue();
            assertThat(ByteScan.sameBytes(line, at + 1, n)).as(name + " shifted").isFalse();
        }
        byte[] almost = "id.orig_x".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(ByteScan.sameBytes(line, 3, almost)).isFalse();
        byte[] middle = "orig_iX_bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(ByteScan.sameBytes(line, 15, middle)).isFalse();
    }

    /** The exact per-word flags and their gathered mask, against a byte loop, on words of every byte mix. */
    @Test
    void wordFlagsAreExact() {
        Random random = new Random(9);
        byte[] pool = {'.', '\t', '\n', 0, 0x01, 0x1f, 0x20, 0x2f, 0x2d, (byte) 0x80, (byte) 0x89, (byte) 0xa0, (byte) 0xae, (byte) 0xff, 'a', '0'};
        byte[] word = new byte[8];
        for (int round = 0; round < 200_000; round++) {
            for (int i = 0; i < 8; i++) {
                word[i] = pool[random.nextInt(pool.length)];
            }
            long w = ByteScan.longAt(word, 0);
            int dots = 0;
            int controls = 0;
            for (int i = 0; i < 8; i++) {
                dots |= word[i] == '.' ? 1 << i : 0;
                controls |= (word[i] & 0xff) < 0x20 ? 1 << i : 0;
            }
            assertThat(ByteScan.gather(ByteScan.equalFlags(w, 0x2e2e_2e2e_2e2e_2e2eL))).isEqualTo(dots);
            assertThat(ByteScan.gather(ByteScan.belowSpaceFlags(w))).isEqualTo(controls);
        }
    }

    @Test
    void findsTheSameBytesAsAPlainLoop() {
        Random random = new Random(8);
        byte[] pool = {'a', '\t', '\n', 0, 0x1f, 0x20, (byte) 0x80, (byte) 0xff, (byte) 0x8a, (byte) 0xa0, '9', '-', '"', '\\',
            (byte) 0xa2, (byte) 0xdc, 0x21, 0x5d};
        for (int round = 0; round < 20_000; round++) {
            byte[] buf = new byte[random.nextInt(40)];
            for (int i = 0; i < buf.length; i++) {
                buf[i] = random.nextInt(3) == 0 ? pool[random.nextInt(pool.length)] : (byte) ('a' + random.nextInt(26));
            }
            int from = buf.length == 0 ? 0 : random.nextInt(buf.length);
            int control = from;
            while (control < buf.length && (buf[control] & 0xff) >= 0x20) {
                control++;
            }
            int newline = from;
            while (newline < buf.length && buf[newline] != '\n') {
                newline++;
            }
            int jsonStop = from;
            while (jsonStop < buf.length && buf[jsonStop] != '"' && buf[jsonStop] != '\\' && (buf[jsonStop] & 0xff) >= 0x20) {
                jsonStop++;
            }
            assertThat(ByteScan.nextJsonStringStop(buf, from, buf.length)).isEqualTo(jsonStop);
            assertThat(ByteScan.nextControl(buf, from, buf.length)).isEqualTo(control);
            assertThat(ByteScan.nextNewline(buf, from, buf.length)).isEqualTo(newline);
        }
    }
}
