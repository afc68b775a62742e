package io.flowsentry.decoder.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServiceNamesTest {

    /** {@code text} at {@code at} in an array of {@code size} bytes filled with commas. */
    private static byte[] placed(String text, int at, int size) {
        byte[] buf = new byte[size];
        java.util.Arrays.fill(buf, (byte) ',');
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(t, 0, buf, at, t.length);
        return buf;
    }

    @Test
    void givesBackTheTextWhereverItLiesAndTheSameInstanceForARepeat() {
        ServiceNames names = new ServiceNames();
        List<String> values = new ArrayList<>(List.of("dns", "ssl", "smb", "gssapi,smb", "gssapi,ntlm", "gssapi,smb,ntlm", "s", "",
                "ssl,http", "http", "krb_tcp", "krb_tcp,", "quic,ssl", "dce_rpc,smb", "smb,dce_rpc", "é,dns", "x".repeat(64), "x".repeat(65)));
        Random random = new Random(3);
        for (int n = 0; n < 300; n++) {
            values.add("svc" + random.nextInt(100_000) + (random.nextBoolean() ? ",smb" : "")); // past the table's 192 entries
        }
        for (int round = 0; round < 3; round++) {
            for (String v : values) {
                int len = v.getBytes(StandardCharsets.UTF_8).length;
                // At the start of a long buffer (word reads), and flush with the end of a tight one (byte reads).
                byte[] wide = placed(v, 3, len + 40);
                byte[] tight = placed(v, 1, len + 1);
                String a = names.intern(wide, 3, 3 + len);
                String b = names.intern(tight, 1, 1 + len);
                assertThat(a).isEqualTo(v);
                assertThat(b).isEqualTo(v);
                if (v.equals("dns") || v.equals("gssapi,smb") || v.equals("krb_tcp,")) {
                    assertThat(b).isSameAs(a); // interned early, so cached
                }
            }
        }
    }
}
