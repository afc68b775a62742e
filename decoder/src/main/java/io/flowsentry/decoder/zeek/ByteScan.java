package io.flowsentry.decoder.zeek;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Byte searches eight bytes at a time (SWAR: one {@code long} read, a few arithmetic steps, no branch
 * per byte). With {@code L = 0x0101..01} and {@code H = 0x8080..80}, {@code (x - n*L) & ~x & H} flags
 * the bytes of {@code x} below {@code n} (n ≤ 128); borrows only run upwards from a flagged byte, so
 * the lowest flag, read little-endian, is always exact.
 */
final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long SPACES = 0x2020_2020_2020_2020L;
    private static final long NEWLINES = 0x0a0a_0a0a_0a0a_0a0aL;
    private static final long QUOTES = 0x2222_2222_2222_2222L;
    private static final long BACKSLASHES = 0x5c5c_5c5c_5c5c_5c5cL;
    private static final long LOW_7_BITS = 0x7f7f_7f7f_7f7f_7f7fL;
    private static final long SIXTIES = 0x6060_6060_6060_6060L;
    /** 2^56 + 2^49 + ... + 2^7: moves bit 8i to bit 56 + i (see {@link #gather}). */
    private static final long GATHER = 0x0102_0408_1020_4080L;

    private ByteScan() {
    }

    /** The eight bytes at {@code i}, little-endian. */
    static long longAt(byte[] buf, int i) {
        return (long) LONGS.get(buf, i);
    }

    /** The four bytes at {@code i}, little-endian. */
    static int intAt(byte[] buf, int i) {
        return (int) INTS.get(buf, i);
    }

    /**
     * Whether {@code buf[from, from + name.length)} holds {@code name}, compared as two overlapping
     * words (the first and the last 8 or 4 bytes) instead of byte by byte; reads stay inside the range.
     */
    static boolean sameBytes(byte[] buf, int from, byte[] name) {
        int len = name.length;
        if (len >= 8) {
            return longAt(buf, from) == longAt(name, 0) && longAt(buf, from + len - 8) == longAt(name, len - 8);
        }
        if (len >= 4) {
            return intAt(buf, from) == intAt(name, 0) && intAt(buf, from + len - 4) == intAt(name, len - 4);
        }
        for (int i = 0; i < len; i++) {
            if (buf[from + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Exact flags ({@code 0x80}) of the bytes of {@code word} equal to the byte repeated in
     * {@code pattern}: a zero byte of {@code x = word ^ pattern} is the only one whose low seven bits
     * plus 0x7f stay below 0x80 and whose own top bit is clear. No carry crosses bytes, so unlike the
     * subtraction test no byte is flagged falsely.
     */
    static long equalFlags(long word, long pattern) {
        long x = word ^ pattern;
        return ~(((x & LOW_7_BITS) + LOW_7_BITS) | x | LOW_7_BITS);
    }

    /**
     * Exact flags ({@code 0x80}) of the bytes of {@code word} below 0x20: top bit clear, and the low
     * seven bits plus 0x60 below 0x80 (at most 0x7f + 0x60 = 0xdf, so no carry crosses bytes).
     */
    static long belowSpaceFlags(long word) {
        return ~((word & LOW_7_BITS) + SIXTIES) & ~word & HIGHS;
    }

    /**
     * The eight {@code 0x80} flags of {@code flags} as the low eight bits (bit i for byte i): one
     * multiplication moves bit 8i + 7 (shifted to 8i) to bit 56 + i; the products 2^(56 + 8i - 7j)
     * of other pairs never land on bits 56..63 and never coincide, so nothing carries.
     */
    static int gather(long flags) {
        return (int) (((flags >>> 7) * GATHER) >>> 56);
    }

    /** Index of the first byte below 0x20 (tab, newline, other controls) in {@code [from, to)}, or {@code to}. */
    static int nextControl(byte[] buf, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long w = (long) LONGS.get(buf, i);
            long t = (w - SPACES) & ~w & HIGHS;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            i += 8;
        }
        while (i < to && (buf[i] & 0xff) >= 0x20) {
            i++;
        }
        return i;
    }

    /** Index of the first {@code \n} in {@code [from, to)}, or {@code to}. */
    static int nextNewline(byte[] buf, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long x = (long) LONGS.get(buf, i) ^ NEWLINES;
            long t = (x - ONES) & ~x & HIGHS;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            i += 8;
        }
        while (i < to && buf[i] != '\n') {
            i++;
        }
        return i;
    }

    /**
     * Index of the first {@code "}, {@code \\} or byte below 0x20 in {@code [from, to)}, or {@code to}:
     * the end of a JSON string's plain run. The union of three flag masks keeps the lowest flag exact,
     * since each mask's false flags lie above one of its true ones.
     */
    static int nextJsonStringStop(byte[] buf, int from, int to) {
        int i = from;
        while (i + 8 <= to) {
            long w = (long) LONGS.get(buf, i);
            long q = w ^ QUOTES;
            long b = w ^ BACKSLASHES;
            long t = ((q - ONES) & ~q | (b - ONES) & ~b | (w - SPACES) & ~w) & HIGHS;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
            i += 8;
        }
        while (i < to) {
            byte c = buf[i];
            if (c == '"' || c == '\\' || (c & 0xff) < 0x20) {
                return i;
            }
            i++;
        }
        return i;
    }
}
