package io.flowsentry.decoder.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ZeekValuesTest {

    private static long time(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return ZeekValues.timeMicros(b, 0, b.length);
    }

    private static long interval(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return ZeekValues.decimalMicros(b, 0, b.length);
    }

    @Test
    void timesInEveryForm() {
        assertThat(time("1284385418.014560")).isEqualTo(1_284_385_418_014_560L);
        assertThat(time("1507562478.10937")).isEqualTo(1_507_562_478_109_370L);
        assertThat(time("0.000000")).isZero();
        assertThat(time("1507562478")).isEqualTo(1_507_562_478_000_000L); // whole seconds
        assertThat(time("1507562478109")).isEqualTo(1_507_562_478_109_000L); // >= 10^11: milliseconds
        assertThat(time("2017-10-09T15:21:18.109370Z")).isEqualTo(1_507_562_478_109_370L);
        assertThat(time("2017-10-09T15:21:18Z")).isEqualTo(1_507_562_478_000_000L);
        assertThat(time("2017-10-09T17:21:18.5+02:00")).isEqualTo(1_507_562_478_500_000L);
        assertThat(time("2000-02-29T00:00:00Z")).isEqualTo(951_782_400_000_000L);
        for (String bad : new String[] {"XXXXXXXXXX.XXXXXX", "-", "", "1.", ".5", "1.2.3", "-1.0", "12a", "2017-13-09T15:21:18Z",
            "2017-10-09T15:21:18.Z", "2017-10-09T15:21:18+2", "1969-12-31T23:59:59Z"}) {
            assertThat(time(bad)).as(bad).isEqualTo(ZeekValues.INVALID);
        }
    }

    @Test
    void intervalsWithExponents() {
        assertThat(interval("0.22932004928588867")).isEqualTo(229_320);
        assertThat(interval("4.1e-05")).isEqualTo(41);
        assertThat(interval("1e-06")).isEqualTo(1);
        assertThat(interval("1E-7")).isZero();
        assertThat(interval("2.5e+01")).isEqualTo(25_000_000);
        assertThat(interval("3e2")).isEqualTo(300_000_000);
        assertThat(interval("1e")).isEqualTo(ZeekValues.INVALID);
        assertThat(interval("1e-x")).isEqualTo(ZeekValues.INVALID);
        assertThat(interval("1e99")).isEqualTo(ZeekValues.INVALID);
    }

    @Test
    void everyColumnNameIsFoundAndOthersAreNot() {
        for (ZeekColumn c : ZeekColumn.values()) {
            byte[] b = ("x" + c.zeekName() + "y").getBytes(StandardCharsets.US_ASCII);
            assertThat(ZeekColumn.lookup(b, 1, b.length - 1)).isEqualTo(c);
        }
        for (String other : new String[] {"uid", "history", "id.orig", "id.orig_hh", "tunnel_parents", "local_orig", "t", "ts2", "TS"}) {
            byte[] b = other.getBytes(StandardCharsets.US_ASCII);
            assertThat(ZeekColumn.lookup(b, 0, b.length)).as(other).isNull();
        }
        byte[] alias = "id_resp_p".getBytes(StandardCharsets.US_ASCII);
        assertThat(ZeekColumn.lookup(alias, 0, alias.length)).isEqualTo(ZeekColumn.RESP_P);
    }
}
