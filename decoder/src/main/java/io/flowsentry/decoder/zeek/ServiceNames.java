package io.flowsentry.decoder.zeek;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounded intern table for {@code service} values ({@code dns}, {@code ssl}, {@code gssapi,smb}, ...):
 * a conn.log repeats a few dozen of them, so a line costs a hash and a compare, not a String. Open
 * addressing over 256 slots; once the table is 3/4 full, further new values are built as fresh
 * Strings and not kept, so memory stays bounded whatever a log holds.
 *
 * <p>A value is hashed and first compared by its head: its first seven bytes and length as one
 * {@code long} ({@link ZeekValues#shortKey}), which decides alone for the usual names of up to seven
 * bytes; only a longer value compares the rest of its bytes.
 */
final class ServiceNames {

    private static final int SLOTS = 256;
    private static final int MAX_ENTRIES = SLOTS * 3 / 4;
    /** Values longer than this are not cached (a service list of ~10 analyzers is under 64 bytes). */
    private static final int MAX_CACHED_LENGTH = 64;
    /** 2^64 / φ, Fibonacci hashing: the top bits of {@code head * GOLDEN} spread any head over the slots. */
    private static final long GOLDEN = 0x9e37_79b9_7f4a_7c15L;

    private final byte[][] keys = new byte[SLOTS][];
    private final long[] heads = new long[SLOTS];
    private final String[] values = new String[SLOTS];
    private int size;

    String intern(byte[] buf, int from, int to) {
        int len = to - from;
        if (len > MAX_CACHED_LENGTH) {
            return new String(buf, from, len, StandardCharsets.UTF_8);
        }
        long head = head(buf, from, to);
        int slot = (int) ((head * GOLDEN) >>> 56);
        while (keys[slot] != null) {
            byte[] key = keys[slot];
            if (heads[slot] == head && key.length == len && (len <= ZeekValues.MAX_SHORT_KEY || Arrays.equals(buf, from, to, key, 0, len))) {
                return values[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        String s = new String(buf, from, len, StandardCharsets.UTF_8);
        if (size < MAX_ENTRIES) {
            keys[slot] = Arrays.copyOfRange(buf, from, to);
            heads[slot] = head;
            values[slot] = s;
            size++;
        }
        return s;
    }

    /**
     * The value itself when it has up to seven bytes; else the first seven with the length, mixed
     * with the last eight so that names sharing a prefix ({@code gssapi,smb}, {@code gssapi,ntlm})
     * still spread.
     */
    private static long head(byte[] buf, int from, int to) {
        int len = to - from;
        if (len <= ZeekValues.MAX_SHORT_KEY) {
            return ZeekValues.shortKey(buf, from, to);
        }
        long first = ZeekValues.shortKey(buf, from, from + ZeekValues.MAX_SHORT_KEY);
        return first ^ Long.rotateLeft(ByteScan.longAt(buf, to - 8) * GOLDEN, 17) ^ ((long) len << 56);
    }
}
