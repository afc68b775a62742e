package io.flowsentry.decoder;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Absolute big-endian (network order) reads and writes on a byte array. Callers bound every access by the
 * length of the structure that encloses it; these methods do no checking of their own.
 */
public final class Bytes {

    /** Views that read 2, 4 or 8 bytes in one access (the JIT turns them into a load and a byte swap). */
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    public static int u8(byte[] b, int o) {
        return b[o] & 0xff;
    }

    public static int u16(byte[] b, int o) {
        return (short) SHORT_BE.get(b, o) & 0xffff;
    }

    public static int s32(byte[] b, int o) {
        return (int) INT_BE.get(b, o);
    }

    public static long u32(byte[] b, int o) {
        return s32(b, o) & 0xffff_ffffL;
    }

    public static long s64(byte[] b, int o) {
        return (long) LONG_BE.get(b, o);
    }

    /** Writes the low 16 bits of {@code v}. */
    public static void putU16(byte[] b, int o, int v) {
        SHORT_BE.set(b, o, (short) v);
    }

    public static void putS32(byte[] b, int o, int v) {
        INT_BE.set(b, o, v);
    }

    public static void putS64(byte[] b, int o, long v) {
        LONG_BE.set(b, o, v);
    }

    /**
     * An unsigned integer of {@code length} bytes (1..8): the reduced-size encoding of RFC 7011 §6.2
     * lets an exporter send a counter or identifier in fewer bytes than its abstract type.
     */
    public static long unsigned(byte[] b, int o, int length) {
        switch (length) {
            case 1:
                return b[o] & 0xff;
            case 2:
                return u16(b, o);
            case 4:
                return u32(b, o);
            case 8:
                return s64(b, o);
            default:
                break;
        }
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
