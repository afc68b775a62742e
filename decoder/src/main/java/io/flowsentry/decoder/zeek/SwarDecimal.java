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

    static final int WORD = 8;
    static final long EIGHT_DIGITS = 100_000_000L;

    private SwarDecimal() {
    }

    /** Whether the eight bytes at {@code from} lie inside {@code buf}. */
    static boolean canReadWord(byte[] buf, int from) {
        return from >= 0 && from <= buf.length - WORD;
    }

    /**
     * The value of eight digit bytes packed little-endian (the first digit in the lowest byte), or -1
     * when a byte is outside {@code '0'..'9'}: a byte is a digit iff its high nibble is 3 and adding
     * 6 leaves the high nibble at 3 (0x3a..0x3f carry into 4).
     */
    static long eight(long word) {
        if (((word & HIGH_NIBBLES) | (((word + SIXES) & HIGH_NIBBLES) >>> 4)) != THREES) {
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
     * The six digits after the decimal point of a number that ends with {@code .dddddd} at {@code to}
     * (Zeek's {@code %.6f}), or -1: the word {@code buf[to - 8, to)} with its two low bytes (the
     * digit before the point and the point) replaced by {@code '0'}.
     */
    static long sixDecimals(byte[] buf, int to) {
        long word = ByteScan.longAt(buf, to - WORD);
        return eight((word & ~0xffffL) | (ZEROS & 0xffffL));
    }
}
