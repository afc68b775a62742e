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
