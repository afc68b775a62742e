package io.flowsentry.decoder.zeek;

/**
 * Runs of ASCII decimal digits parsed eight at a time (SWAR: one little-endian {@code long} read, a
 * check and three multiplications instead of a branch and a multiplication per digit), as
 * simdjson's {@code is_made_of_eight_digits_fast} and fast_float's {@code parse_eight_digits_unrolled}
 * do. A run shorter than eight digits is read as eight bytes, moved to the top of the word and padded
 * below with {@code '0'} (leading zeros), so it needs eight readable bytes from its first digit: callers
 * check {@link #canReadWord} and otherwise fall back to a byte loop. Every method answers {@code -1}
 * for a byte that is not a digit.
 */
final class SwarDecimal {

    private static final long ZEROS = 0x3030_3030_3030_3030L;
    private static final long HIGH_NIBBLES = 0xf0f0_f0f0_f0f0_f0f0L;
    private static final long SIXES = 0x0606_0606_0606_0606L;
    private static final long THREES = 0x3333_3333_3333_3333L;
    /** Bytes 0 and 4 of a word: the pairs of 2-digit values combined in the last step. */
    private static final long BYTES_0_AND_4 = 0x0000_00ff_0000_00ffL;
    /** 100 + 10^6 · 2^32 and 1 + 10^4 · 2^32: fast_float's multipliers, which sum four 2-digit values in one product. */
    private static final long MUL_1 = 100L + (1_000_000L << 32);
    private static final long MUL_2 = 1L + (10_000L << 32);
    /** Of a {@code %.6f} value, the whole digits before the last two: 92,233,720,367 · 10^8 + 10^8 - 1 still fits a long. */
    private static final long MAX_HIGH = 92_233_720_367L;
    private static final int MAX_HIGH_DIGITS = 11;

    static final int WORD = 8;
    static final long EIGHT_DIGITS = 100_000_000L;

    private SwarDecimal() {
    }

    /** Whether the eight bytes at {@code from} lie inside {@code buf}. */
    static boolean canReadWord(byte[] buf, int from) {
        return from >= 0 && from <= buf.length - WORD;
    }

    /**
     * Whether all eight bytes of {@code word} are in {@code '0'..'9'}: a byte is a digit iff its high
     * nibble is 3 and adding 6 leaves the high nibble at 3 (0x3a..0x3f carry into 4). A carry out of
     * a byte of 0xfa..0xff reaches the next byte only when the first test already failed.
     */
    private static boolean allDigits(long word) {
        return ((word & HIGH_NIBBLES) | (((word + SIXES) & HIGH_NIBBLES) >>> 4)) == THREES;
    }

    /** The value of eight digit bytes packed little-endian (the first digit in the lowest byte), or -1. */
    static long eight(long word) {
        if (!allDigits(word)) {
            return -1;
        }
        long v = word - ZEROS;
        v = v * 10 + (v >>> 8); // byte i: 10·d(i) + d(i+1), the 2-digit values at the even bytes
        return ((v & BYTES_0_AND_4) * MUL_1 + ((v >>> 16) & BYTES_0_AND_4) * MUL_2) >>> 32;
    }

    /**
     * The value of the {@code len} (1..8) digits at {@code buf[from, from + len)}, or -1. Reads
     * {@code buf[from, from + 8)}: the caller has checked {@link #canReadWord}.
     */
    static long upToEight(byte[] buf, int from, int len) {
        int shift = (WORD - len) << 3;
        long word = ByteScan.longAt(buf, from) << shift;
        return eight(word | (ZEROS & ((1L << shift) - 1)));
    }

    /**
     * The value of the {@code len} (1..18) digits at {@code buf[from, from + len)}, or -1: the first
     * {@code 1 + (len - 1) % 8} digits, then whole words of eight. 18 digits stay below 10^18, so
     * nothing overflows. Reads {@code buf[from, max(from + 8, from + len))}: the caller has checked
     * {@link #canReadWord}.
     */
    static long digits(byte[] buf, int from, int len) {
        int first = ((len - 1) & (WORD - 1)) + 1;
        long v = upToEight(buf, from, first);
        for (int i = from + first, end = from + len; i < end && v >= 0; i += WORD) {
            long next = eight(ByteScan.longAt(buf, i));
            v = next < 0 ? -1 : v * EIGHT_DIGITS + next;
        }
        return v;
    }

    /**
     * The value of {@code w..w.dddddd} at {@code buf[from, to)} (at least one whole digit, the point
     * at {@code to - 7}) read as if the point were not there: whole · 10^6 + decimals, or -1. The
     * last two whole digits and the six decimals make one word of eight digits (the two low bytes of
     * the word at {@code to - 9}, the six high bytes of the word at {@code to - 8}), so {@code %.6f}
     * values of up to two whole digits cost one {@link #eight} and epoch times two. Answers -1 also
     * when whole · 10^6 might not fit a long (more than 92,233,720,367 · 100 whole): the caller reads
     * those a byte at a time. The caller has checked {@link #canReadWord} at {@code from}.
     */
    static long wholeAndSixDecimals(byte[] buf, int from, int to) {
        int whole = to - 7 - from;
        long decimals = ByteScan.longAt(buf, to - WORD) & ~0xffffL;
        long lastTwo = whole >= 2
                ? ByteScan.longAt(buf, to - WORD - 1) & 0xffffL
                : (ByteScan.longAt(buf, from) & 0xffL) << 8 | '0';
        long low = eight(decimals | lastTwo);
        if (whole <= 2 || low < 0) {
            return low;
        }
        long high = whole - 2 <= MAX_HIGH_DIGITS ? digits(buf, from, whole - 2) : -1;
        return high < 0 || high > MAX_HIGH ? -1 : high * EIGHT_DIGITS + low;
    }

    /**
     * Two runs of up to four digits, each already right-aligned in its 32-bit half of {@code word}
     * (padded below with {@code '0'}), as two values: the low half's value in the low 32 bits, the
     * high half's in the high 32 bits; -1 when a byte is not a digit. Reads two IPv4 octets at once.
     */
    static long twoLanesOfFour(long word) {
        if (!allDigits(word)) {
            return -1;
        }
        long v = word - ZEROS;
        v = v * 10 + (v >>> 8); // bytes 0, 2, 4, 6: 2-digit values (bytes 1, 3, 5, 7 are not used)
        return (v & BYTES_0_AND_4) * 100 + ((v >>> 16) & BYTES_0_AND_4);
    }

    /**
     * {@code digits} (1..4) digit bytes at {@code buf[at, at + digits)} right-aligned in 32 bits and
     * padded below with {@code '0'}, for {@link #twoLanesOfFour}; reads {@code buf[at, at + 4)}.
     */
    static long laneOfFour(byte[] buf, int at, int digits) {
        int shift = (4 - digits) << 3;
        return ((ByteScan.intAt(buf, at) << shift) | ((int) ZEROS & ((1 << shift) - 1))) & 0xffff_ffffL;
    }
}
