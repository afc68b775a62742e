package io.flowsentry.decoder;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Builds datagrams for tests, big-endian, with length fields filled in when a section is closed:
 * {@code begin()} marks where a 16-bit length sits, {@code end()} writes the bytes since the mark's
 * section start into it.
 */
final class Wire {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<int[]> open = new ArrayDeque<>();
    private byte[] patched;

    Wire u8(int v) {
        out.write(v);
        return this;
    }

    Wire u16(int v) {
        return u8(v >>> 8).u8(v);
    }

    Wire u32(long v) {
        return u16((int) (v >>> 16)).u16((int) v);
    }

    Wire u64(long v) {
        return u32(v >>> 32).u32(v);
    }

    Wire bytes(byte... b) {
        out.write(b, 0, b.length);
        return this;
    }

    Wire ipv4(int a, int b, int c, int d) {
        return u8(a).u8(b).u8(c).u8(d);
    }

    Wire zeros(int n) {
        return bytes(new byte[n]);
    }

    /** A set header (id, length to be filled by {@link #end()}); the length counts the 4 header bytes. */
    Wire set(int id) {
        int start = out.size();
        u16(id);
        open.push(new int[]{start, out.size()});
        return u16(0);
    }

    /** An IPFIX message header; its length (offset 2) is filled by {@link #end()}. */
    Wire ipfix(long exportSeconds, long sequence, long domain) {
        int start = out.size();
        u16(10);
        open.push(new int[]{start, out.size()});
        return u16(0).u32(exportSeconds).u32(sequence).u32(domain);
    }

    Wire v9(int count, long uptimeMillis, long unixSeconds, long sequence, long sourceId) {
        return u16(9).u16(count).u32(uptimeMillis).u32(unixSeconds).u32(sequence).u32(sourceId);
    }

    Wire end() {
        int[] mark = open.pop();
        int length = out.size() - mark[0];
        byte[] b = out.toByteArray();
        b[mark[1]] = (byte) (length >>> 8);
        b[mark[1] + 1] = (byte) length;
        out.reset();
        out.write(b, 0, b.length);
        return this;
    }

    byte[] build() {
        if (!open.isEmpty()) {
            throw new IllegalStateException(open.size() + " sections not ended");
        }
        patched = out.toByteArray();
        return patched;
    }
}
