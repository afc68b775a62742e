package io.flowsentry.decoder.template;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Application names (IE 96) as lower-cased Strings without a String per record: a small direct-mapped
 * cache from the raw bytes to the String made the first time. 256 slots of at most 64 bytes keep the
 * cache under 20 KiB; longer names are truncated to 64 bytes (no registered NBAR/nDPI name is longer).
 */
final class AppNameCache {

    static final int MAX_NAME = 64;
    private static final int SLOTS = 256;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    /**
     * The name held in {@code b[offset, offset+length)}, cut at the first NUL and stripped of trailing
     * spaces and control bytes (nProbe pads names with stray bytes), lower-cased; {@code null} if empty.
     */
    String lookup(byte[] b, int offset, int length) {
        int n = 0;
        int limit = Math.min(length, MAX_NAME);
        while (n < limit && b[offset + n] != 0) {
            n++;
        }
        while (n > 0 && (b[offset + n - 1] & 0xff) <= 0x20) {
            n--;
        }
        if (n == 0) {
            return null;
        }
        int h = 0;
        for (int i = 0; i < n; i++) {
            h = h * 31 + b[offset + i];
        }
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        byte[] k = keys[slot];
        if (k != null && Arrays.equals(k, 0, k.length, b, offset, offset + n)) {
            return values[slot];
        }
        String s = new String(b, offset, n, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        keys[slot] = Arrays.copyOfRange(b, offset, offset + n);
        values[slot] = s;
        return s;
    }
}
