package io.flowsentry.decoder;

/**
 * Absolute big-endian (network order) reads on a byte array. Callers bound every read by the length of
 * the structure that encloses it; these methods do no checking of their own.
 */
public final class Bytes {

    private Bytes() {
    }

    public static int u8(byte[] b, int o) {
        return b[o] & 0xff;
    }

    public static int u16(byte[] b, int o) {
        return ((b[o] & 0xff) << 8) | (b[o + 1] & 0xff);
    }

    public static int s32(byte[] b, int o) {
        return ((b[o] & 0xff) << 24) | ((b[o + 1] & 0xff) << 16) | ((b[o + 2] & 0xff) << 8) | (b[o + 3] & 0xff);
    }

    public static long u32(byte[] b, int o) {
        return s32(b, o) & 0xffff_ffffL;
    }

    public static long s64(byte[] b, int o) {
        return ((long) s32(b, o) << 32) | u32(b, o + 4);
    }

    /**
     * An unsigned integer of {@code length} bytes (1..8): the reduced-size encoding of RFC 7011 §6.2
     * lets an exporter send a counter or identifier in fewer bytes than its abstract type.
     */
    public static long unsigned(byte[] b, int o, int length) {
        long v = 0;
        for (int i = 0; i < length; i++) {
            v = (v << 8) | (b[o + i] & 0xff);
        }
        return v;
    }

    /** Little-endian 16 bits (pcap headers written on little-endian hosts). */
    public static int u16le(byte[] b, int o) {
        return (b[o] & 0xff) | ((b[o + 1] & 0xff) << 8);
    }

    public static int s32le(byte[] b, int o) {
        return (b[o] & 0xff) | ((b[o + 1] & 0xff) << 8) | ((b[o + 2] & 0xff) << 16) | ((b[o + 3] & 0xff) << 24);
    }

    public static long u32le(byte[] b, int o) {
        return s32le(b, o) & 0xffff_ffffL;
    }
}
