package io.flowsentry.decoder.zeek;

/**
 * Zeek's value types parsed straight from bytes, without a String: {@code time} and {@code interval}
 * (decimal seconds, as the ASCII writer prints them with {@code %.6f}; JSON's
 * {@code JSON::TS_MILLIS} integer milliseconds; {@code JSON::TS_ISO8601} text), {@code count},
 * {@code port}. Every method reads only {@code buf[from, to)} and answers {@code -1} for text that is
 * not a value of its type, so a caller counts the line instead of catching an exception.
 */
final class ZeekValues {

    static final long INVALID = -1;

    /** 10^11: an integer {@code ts} at or above it is milliseconds (10^11 s would be the year 5138). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    /** 18 digits always fit a long; more are refused rather than checked for overflow digit by digit. */
    private static final int MAX_DIGITS = 18;

    /** The most whole seconds whose microseconds, plus a fraction below 10^6, still fit a long. */
    private static final long MAX_WHOLE_SECONDS = Long.MAX_VALUE / 1_000_000 - 1;

    private ZeekValues() {
    }

    /**
     * A {@code time}: epoch seconds with a fraction ({@code 1284385418.014560}), integer epoch
     * milliseconds (at least 10^11), or ISO 8601 ({@code 2020-12-15T00:55:59.321945Z}), as microseconds
     * since the epoch.
     */
    static long timeMicros(byte[] buf, int from, int to) {
        if (to - from >= 10 && buf[from + 4] == '-') {
            return isoMicros(buf, from, to);
        }
        long micros = decimalMicros(buf, from, to);
        if (micros >= MILLIS_THRESHOLD * 1_000_000 && indexOf(buf, from, to, (byte) '.') < 0) {
            return micros / 1_000; // an integer of 10^11 or more is milliseconds
        }
        return micros;
    }

    /**
     * An {@code interval} or {@code time}: decimal seconds ({@code 0.096000}, JSON's
     * {@code 0.22932004928588867}, or a whole number) as microseconds, in one pass; digits past the
     * sixth decimal are checked and dropped.
     */
    static long decimalMicros(byte[] buf, int from, int to) {
        int len = to - from;
        if (len <= 0) {
            return INVALID;
        }
        if (len >= 8 && buf[to - 7] == '.' && SwarDecimal.canReadWord(buf, from)) {
            // Zeek's %.6f: whole seconds, a point, six decimals, read a word at a time.
            long micros = SwarDecimal.wholeAndSixDecimals(buf, from, to);
            if (micros >= 0) {
                return micros;
            }
        }
        return decimalMicrosByBytes(buf, from, to);
    }

    /** {@link #decimalMicros} a byte at a time: any form, and the answer for every bad value. */
    static long decimalMicrosByBytes(byte[] buf, int from, int to) {
        int len = to - from;
        if (len <= 0) {
            return INVALID;
        }
        long whole = 0;
        int i = from;
        int wholeEnd = Math.min(to, from + MAX_DIGITS);
        while (i < wholeEnd) {
            int d = buf[i] - '0';
            if (Integer.compareUnsigned(d, 9) > 0) {
                break;
            }
            whole = whole * 10 + d;
            i++;
        }
        if (i == from || whole > MAX_WHOLE_SECONDS) {
            return INVALID;
        }
        if (i == to) {
            return whole * 1_000_000;
        }
        if (buf[i] == 'e' || buf[i] == 'E') {
            return scientificMicros(buf, from, to);
        }
        if (buf[i] != '.' || i + 1 == to) {
            return INVALID;
        }
        i++;
        long fraction = 0;
        int digits = 0;
        for (; i < to; i++) {
            int d = buf[i] - '0';
            if (Integer.compareUnsigned(d, 9) > 0) {
                return buf[i] == 'e' || buf[i] == 'E' ? scientificMicros(buf, from, to) : INVALID;
            }
            if (digits < 6) {
                fraction = fraction * 10 + d;
                digits++;
            }
        }
        while (digits < 6) {
            fraction *= 10;
            digits++;
        }
        return whole * 1_000_000 + fraction;
    }

    /**
     * A JSON number with an exponent ({@code 4.1e-05}, as some JSON writers print small durations):
     * the mantissa's first 18 significant digits, scaled by {@code 10^(exponent + 6)}; values beyond
     * 10^12 s or with a malformed exponent are refused.
     */
    private static long scientificMicros(byte[] buf, int from, int to) {
        long mantissa = 0;
        int digits = 0;
        int scale = 0;
        boolean fraction = false;
        int i = from;
        for (; i < to && buf[i] != 'e' && buf[i] != 'E'; i++) {
            if (buf[i] == '.') {
                if (fraction) {
                    return INVALID;
                }
                fraction = true;
                continue;
            }
            int d = buf[i] - '0';
            if (Integer.compareUnsigned(d, 9) > 0) {
                return INVALID;
            }
            if (digits < MAX_DIGITS) {
                mantissa = mantissa * 10 + d;
                digits++;
                scale -= fraction ? 1 : 0;
            } else if (!fraction) {
                scale++;
            }
        }
        i++;
        boolean negative = i < to && buf[i] == '-';
        if (i < to && (buf[i] == '-' || buf[i] == '+')) {
            i++;
        }
        long exponent = unsigned(buf, i, to);
        if (digits == 0 || exponent < 0 || exponent > 40) {
            return INVALID;
        }
        int power = scale + (negative ? -(int) exponent : (int) exponent) + 6;
        for (; power < 0 && mantissa != 0; power++) {
            mantissa /= 10;
        }
        for (; power > 0; power--) {
            if (mantissa > 1_000_000_000_000_000L) {
                return INVALID;
            }
            mantissa *= 10;
        }
        return mantissa;
    }

    /** A {@code count}: decimal digits only, at most 18 of them. */
    static long unsigned(byte[] buf, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > MAX_DIGITS) {
            return INVALID;
        }
        if (SwarDecimal.canReadWord(buf, from)) {
            return SwarDecimal.digits(buf, from, len);
        }
        return unsignedByBytes(buf, from, to);
    }

    /** {@link #unsigned} a byte at a time, for a value too close to the end of {@code buf} to read a word. */
    static long unsignedByBytes(byte[] buf, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > MAX_DIGITS) {
            return INVALID;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (Integer.compareUnsigned(d, 9) > 0) {
                return INVALID;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** A {@code port}: 0..65535. Zeek's JSON writes a bare number; its TSV writer the same. */
    static int port(byte[] buf, int from, int to) {
        if (to - from > 5) {
            return (int) INVALID;
        }
        long v = unsigned(buf, from, to);
        return v > 65_535 ? (int) INVALID : (int) v;
    }

    /**
     * ISO 8601 with a date, {@code T}, time, optional fraction and {@code Z} or a {@code ±hh:mm} offset:
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±hh:mm)}; a missing zone is taken as UTC (Zeek always writes Z).
     */
    static long isoMicros(byte[] buf, int from, int to) {
        if (to - from < 19 || buf[from + 4] != '-' || buf[from + 7] != '-'
                || (buf[from + 10] != 'T' && buf[from + 10] != ' ')
                || buf[from + 13] != ':' || buf[from + 16] != ':') {
            return INVALID;
        }
        long year = unsigned(buf, from, from + 4);
        long month = unsigned(buf, from + 5, from + 7);
        long day = unsigned(buf, from + 8, from + 10);
        long hour = unsigned(buf, from + 11, from + 13);
        long minute = unsigned(buf, from + 14, from + 16);
        long second = unsigned(buf, from + 17, from + 19);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > 31
                || hour > 23 || minute > 59 || second > 60) {
            return INVALID;
        }
        int i = from + 19;
        long micros = 0;
        if (i < to && buf[i] == '.') {
            i++;
            int start = i;
            int digits = 0;
            while (i < to && buf[i] >= '0' && buf[i] <= '9') {
                if (digits < 6) {
                    micros = micros * 10 + (buf[i] - '0');
                    digits++;
                }
                i++;
            }
            if (i == start) {
                return INVALID;
            }
            for (; digits < 6; digits++) {
                micros *= 10;
            }
        }
        long offsetSeconds = 0;
        if (i < to) {
            if (buf[i] == 'Z' && i + 1 == to) {
                i++;
            } else if ((buf[i] == '+' || buf[i] == '-') && to - i == 6 && buf[i + 3] == ':') {
                long oh = unsigned(buf, i + 1, i + 3);
                long om = unsigned(buf, i + 4, i + 6);
                if (oh < 0 || oh > 23 || om < 0 || om > 59) {
                    return INVALID;
                }
                offsetSeconds = (oh * 3600 + om * 60) * (buf[i] == '-' ? -1 : 1);
                i = to;
            } else {
                return INVALID;
            }
        }
        long seconds = daysFromCivil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds;
        return seconds < 0 ? INVALID : seconds * 1_000_000 + micros;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long daysFromCivil(long y, long m, long d) {
        y -= m <= 2 ? 1 : 0;
        long era = y / 400;
        long yoe = y - era * 400;
        long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146_097 + doe - 719_468;
    }

    static int indexOf(byte[] buf, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** {@link #shortKey} of a text longer than {@value #MAX_SHORT_KEY} bytes (no key has length 255). */
    static final long NO_SHORT_KEY = -1;
    static final int MAX_SHORT_KEY = 7;

    /**
     * A text of up to seven bytes as one {@code long}: its bytes little-endian in the low seven bytes,
     * its length in the top byte, so two texts have the same key iff they are equal; a longer text
     * gives {@link #NO_SHORT_KEY}. Compares {@code conn_state} and {@code proto} values with a few
     * {@code long} compares instead of a byte loop per candidate.
     */
    static long shortKey(byte[] buf, int from, int to) {
        int len = to - from;
        if (len > MAX_SHORT_KEY) {
            return NO_SHORT_KEY;
        }
        long bytes = 0;
        if (SwarDecimal.canReadWord(buf, from)) {
            bytes = ByteScan.longAt(buf, from) & ((1L << (len << 3)) - 1);
        } else {
            for (int i = to - 1; i >= from; i--) {
                bytes = (bytes << 8) | (buf[i] & 0xff);
            }
        }
        return bytes | (long) len << 56;
    }

    /** {@link #shortKey} of an ASCII literal of up to seven characters. */
    static long shortKey(String literal) {
        byte[] b = literal.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (b.length > MAX_SHORT_KEY) {
            throw new IllegalArgumentException("longer than " + MAX_SHORT_KEY + " bytes: " + literal);
        }
        return shortKey(b, 0, b.length);
    }

    /** Whether {@code buf[from, to)} is {@code literal}; a byte loop, as literals here are a few bytes long. */
    static boolean equals(byte[] buf, int from, int to, byte[] literal) {
        return to - from == literal.length && ByteScan.sameBytes(buf, from, literal);
    }
}
