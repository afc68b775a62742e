package io.flowsentry.decoder.zeek;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A bounded intern table for {@code service} values ({@code dns}, {@code ssl}, {@code gssapi,smb}, ...):
 * a conn.log repeats a few dozen of them, so a line costs a hash and a compare, not a String. Open
 * addressing over 256 slots; once the table is 3/4 full, further new values are built as fresh
 * Strings and not kept, so memory stays bounded whatever a log holds.
 */
final class ServiceNames {

    private static final int SLOTS = 256;
    private static final int MAX_ENTRIES = SLOTS * 3 / 4;
    /** Values longer than this are not cached (a service list of ~10 analyzers is under 64 bytes). */
    private static final int MAX_CACHED_LENGTH = 64;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    private int size;

    String intern(byte[] buf, int from, int to) {
        int len = to - from;
        if (len > MAX_CACHED_LENGTH) {
            return new String(buf, from, len, StandardCharsets.UTF_8);
        }
        int h = 1;
        for (int i = from; i < to; i++) {
            h = 31 * h + buf[i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        while (keys[slot] != null) {
            byte[] k = keys[slot];
            if (k.length == len && Arrays.equals(buf, from, to, k, 0, len)) {
                return values[slot];
            }
            slot = (slot + 1) & (SLOTS - 1);
        }
        String s = new String(buf, from, len, StandardCharsets.UTF_8);
        if (size < MAX_ENTRIES) {
            keys[slot] = Arrays.copyOfRange(buf, from, to);
            values[slot] = s;
            size++;
        }
        return s;
    }
}
