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

    /** {@code text} inside a larger array, between digits and dots, so the word-at-a-time paths run. */
    private static byte[] padded(String text, int before) {
        byte[] b = new byte[before + text.length() + 16];
        java.util.Arrays.fill(b, (byte) '7');
        for (int i = 1; i < b.length; i += 3) {
            b[i] = '.';
        }
        byte[] t = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, before, t.length);
        return b;
    }

    private static long count(String s, int before) {
        return ZeekValues.unsigned(padded(s, before), before, before + s.length());
    }

    @Test
    void countsWordAtATime() {
        for (int before = 0; before < 9; before++) {
            assertThat(count("0", before)).isZero();
            assertThat(count("7", before)).isEqualTo(7);
            assertThat(count("445", before)).isEqualTo(445);
            assertThat(count("00000445", before)).isEqualTo(445);
            assertThat(count("12345678", before)).isEqualTo(12_345_678);
            assertThat(count("123456789", before)).isEqualTo(123_456_789);
            assertThat(count("000000000000000445", before)).isEqualTo(445);
            assertThat(count("1234567890123456", before)).isEqualTo(1_234_567_890_123_456L);
            assertThat(count("99999999999999999", before)).isEqualTo(99_999_999_999_999_999L);
            assertThat(count("999999999999999999", before)).isEqualTo(999_999_999_999_999_999L); // 18 digits
            // 19 digits are refused, as the byte loop refuses them (a count that could pass 2^63).
            assertThat(count("1000000000000000000", before)).isEqualTo(ZeekValues.INVALID);
            assertThat(count("9999999999999999999", before)).isEqualTo(ZeekValues.INVALID);
            for (String bad : new String[] {"", "-", "(empty)", "1 ", " 1", "12345678x", "x2345678", "1234567/", "123:", "1.5", "+1",
                "-1", "12345678901234567\u00b9"}) {
                assertThat(count(bad, before)).as(bad).isEqualTo(ZeekValues.INVALID);
            }
        }
    }

    @Test
    void timesAndIntervalsWordAtATime() {
        for (int before = 0; before < 9; before++) {
            byte[] b = padded("1764000000.000551", before);
            assertThat(ZeekValues.timeMicros(b, before, before + 17)).isEqualTo(1_764_000_000_000_551L);
            b = padded("0.000000", before);
            assertThat(ZeekValues.decimalMicros(b, before, before + 8)).isZero();
            b = padded("12.769838", before);
            assertThat(ZeekValues.decimalMicros(b, before, before + 9)).isEqualTo(12_769_838L);
            b = padded("000000000012.000001", before);
            assertThat(ZeekValues.decimalMicros(b, before, before + 19)).isEqualTo(12_000_001L);
            // The largest whole seconds whose microseconds fit a long, and one more.
            b = padded("9223372036853.999999", before);
            assertThat(ZeekValues.decimalMicros(b, before, before + 20)).isEqualTo(9_223_372_036_853_999_999L);
            b = padded("9223372036854.000000", before);
            assertThat(ZeekValues.decimalMicros(b, before, before + 20)).isEqualTo(ZeekValues.INVALID);
            for (String bad : new String[] {"XXXXXXXXXX.XXXXXX", "1764000000.00055x", "17640x0000.000551", "1764000000,000551",
                "1764000000.0005 1", ".000551", "-.000551", "1234567890123456789.000000"}) {
                b = padded(bad, before);
                assertThat(ZeekValues.decimalMicros(b, before, before + bad.length())).as(bad).isEqualTo(ZeekValues.INVALID);
            }
        }
    }

    @Test
    void wordAtATimeAgreesWithByteAtATimeOnRandomText() {
        java.util.Random random = new java.util.Random(645);
        byte[] alphabet = "0123456789012345678901234567890123456789..e-+x/: ".getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[48];
        for (int n = 0; n < 300_000; n++) {
            for (int i = 0; i < buf.length; i++) {
                buf[i] = alphabet[random.nextInt(alphabet.length)];
            }
            int from = random.nextInt(buf.length);
            int to = from + random.nextInt(Math.min(buf.length - from, 24) + 1);
            assertWordAndByteAtATimeAgree(buf, from, to);
        }
    }

    private static void assertWordAndByteAtATimeAgree(byte[] buf, int from, int to) {
        String text = new String(buf, from, to - from, StandardCharsets.US_ASCII);
        assertThat(ZeekValues.unsigned(buf, from, to)).as(text).isEqualTo(ZeekValues.unsignedByBytes(buf, from, to));
        assertThat(ZeekValues.decimalMicros(buf, from, to)).as(text).isEqualTo(ZeekValues.decimalMicrosByBytes(buf, from, to));
    }

    /** Numbers shaped like Zeek's %.6f (1 to 20 whole digits), one byte in five replaced by a non-digit. */
    @Test
    void sixDecimalsAgreeWithByteAtATimeOnRandomNumbers() {
        java.util.Random random = new java.util.Random(1764);
        byte[] odd = "./x:e -0".getBytes(StandardCharsets.US_ASCII);
        byte[] buf = new byte[48];
        for (int n = 0; n < 200_000; n++) {
            int from = random.nextInt(8);
            int whole = 1 + random.nextInt(20);
            int to = from + whole + 7;
            for (int i = 0; i < buf.length; i++) {
                buf[i] = (byte) ('0' + random.nextInt(10));
            }
            buf[to - 7] = '.';
            if (random.nextInt(5) == 0) {
                buf[from + random.nextInt(to - from)] = odd[random.nextInt(odd.length)];
            }
            assertWordAndByteAtATimeAgree(buf, from, to);
            assertWordAndByteAtATimeAgree(buf, from, to - 7);
        }
    }

    @Test
    void shortKeysAreEqualExactlyWhenTextsAre() {
        java.util.Random random = new java.util.Random(56);
        byte[] alphabet = {'S', '0', 'H', 'R', 0, 't', 'c', 'p'};
        byte[] a = new byte[40];
        byte[] b = new byte[40];
        for (int n = 0; n < 200_000; n++) {
            for (int i = 0; i < a.length; i++) {
                a[i] = alphabet[random.nextInt(alphabet.length)];
                b[i] = alphabet[random.nextInt(alphabet.length)];
            }
            // Offsets near the end too, where the key is built a byte at a time.
            int fromA = random.nextInt(a.length - 9);
            int fromB = random.nextInt(2) == 0 ? a.length - 9 + random.nextInt(2) : random.nextInt(a.length - 9);
            int lenA = random.nextInt(10);
            int lenB = Math.min(random.nextInt(2) == 0 ? lenA : random.nextInt(10), b.length - fromB);
            if (random.nextInt(3) == 0) {
                System.arraycopy(a, fromA, b, fromB, Math.min(lenA, lenB));
            }
            boolean same = java.util.Arrays.equals(a, fromA, fromA + lenA, b, fromB, fromB + lenB);
            long keyA = ZeekValues.shortKey(a, fromA, fromA + lenA);
            long keyB = ZeekValues.shortKey(b, fromB, fromB + lenB);
            if (lenA <= ZeekValues.MAX_SHORT_KEY && lenB <= ZeekValues.MAX_SHORT_KEY) {
                assertThat(keyA == keyB).isEqualTo(same);
            } else if (lenA > ZeekValues.MAX_SHORT_KEY) {
                assertThat(keyA).isEqualTo(ZeekValues.NO_SHORT_KEY);
            }
        }
    }

    @Test
    void connStatesMapToActionsWhereverTheyLie() {
        String[][] cases = {{"REJ", "BLOCKED"}, {"S0", "DROPPED"}, {"SH", "DROPPED"}, {"SHR", "DROPPED"}, {"RSTRH", "DROPPED"},
            {"RSTOS0", "DROPPED"}, {"SF", "ALLOWED"}, {"S1", "ALLOWED"}, {"S2", "ALLOWED"}, {"S3", "ALLOWED"}, {"RSTO", "ALLOWED"},
            {"RSTR", "ALLOWED"}, {"OTH", "ALLOWED"}, {"S", "ALLOWED"}, {"S00", "ALLOWED"}, {"REJ ", "ALLOWED"}, {"rej", "ALLOWED"},
            {"RSTOS00", "ALLOWED"}, {"RSTOS0RSTOS0", "ALLOWED"}, {"S\u0000", "ALLOWED"}};
        for (String[] c : cases) {
            byte[] tight = c[0].getBytes(StandardCharsets.ISO_8859_1);
            assertThat(ConnRecordAssembler.action(tight, 0, tight.length).name()).as(c[0]).isEqualTo(c[1]);
            byte[] inLine = ("x\t" + c[0] + "\tS0\tREJ\t0\t0").getBytes(StandardCharsets.ISO_8859_1);
            assertThat(ConnRecordAssembler.action(inLine, 2, 2 + tight.length).name()).as(c[0]).isEqualTo(c[1]);
        }
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
