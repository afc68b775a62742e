package io.flowsentry.decoder.pcap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Link-layer frames and capture files built for tests. */
final class Frames {

    static final byte[] PAYLOAD = {0, 10, 0, 16, 1, 2, 3, 4};

    private Frames() {
    }

    /** IPv4 + UDP from 192.0.2.1:40000 to 192.0.2.2:2055; {@code fragmentField} is IPv4 bytes 6-7. */
    static byte[] ipv4Udp(byte[] payload, int fragmentField, int protocol) {
        ByteBuffer b = ByteBuffer.allocate(20 + 8 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (28 + payload.length)).putShort((short) 1)
                .putShort((short) fragmentField).put((byte) 64).put((byte) protocol).putShort((short) 0)
                .put(new byte[]{(byte) 192, 0, 2, 1}).put(new byte[]{(byte) 192, 0, 2, 2});
        b.putShort((short) 40000).putShort((short) 2055).putShort((short) (8 + payload.length)).putShort((short) 0).put(payload);
        return b.array();
    }

    static byte[] ipv4Udp() {
        return ipv4Udp(PAYLOAD, 0, 17);
    }

    /** IPv6 (2001:db8::1 -> 2001:db8::2) + optional hop-by-hop header + UDP to port 4739. */
    static byte[] ipv6Udp(boolean hopByHop, boolean fragment) {
        int ext = hopByHop || fragment ? 8 : 0;
        ByteBuffer b = ByteBuffer.allocate(40 + ext + 8 + PAYLOAD.length);
        b.putInt(0x6000_0000).putShort((short) (ext + 8 + PAYLOAD.length))
                .put((byte) (fragment ? 44 : hopByHop ? 0 : 17)).put((byte) 64)
                .putLong(0x2001_0db8_0000_0000L).putLong(1).putLong(0x2001_0db8_0000_0000L).putLong(2);
        if (ext > 0) {
            b.put((byte) 17).put((byte) 0).put(new byte[6]);
        }
        b.putShort((short) 50000).putShort((short) 4739).putShort((short) (8 + PAYLOAD.length)).putShort((short) 0).put(PAYLOAD);
        return b.array();
    }

    static byte[] ethernet(byte[] ip, int ethertype, int... vlanTags) {
        ByteBuffer b = ByteBuffer.allocate(14 + 4 * vlanTags.length + ip.length + 6);
        b.put(new byte[12]);
        for (int tpid : vlanTags) {
            b.putShort((short) tpid).putShort((short) 100);
        }
        b.putShort((short) ethertype).put(ip).put(new byte[6]); // 6 bytes of Ethernet padding
        return b.array();
    }

    static byte[] sll(byte[] ip, int protocol) {
        ByteBuffer b = ByteBuffer.allocate(16 + ip.length);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 6).put(new byte[8]).putShort((short) protocol).put(ip);
        return b.array();
    }

    static byte[] sll2(byte[] ip, int protocol) {
        ByteBuffer b = ByteBuffer.allocate(20 + ip.length);
        b.putShort((short) protocol).putShort((short) 0).putInt(1).putShort((short) 1).put((byte) 0).put((byte) 6)
                .put(new byte[8]).put(ip);
        return b.array();
    }

    static byte[] bsdNull(byte[] ip, int family, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(4 + ip.length).order(order);
        b.putInt(family).put(ip);
        return b.array();
    }

    /** A classic pcap with one packet per frame; timestamps 1,700,000,000 s + i x 1.5 ms. */
    static byte[] pcap(ByteOrder order, boolean nanos, int linkType, byte[]... frames) {
        int size = 24;
        for (byte[] f : frames) {
            size += 16 + f.length;
        }
        ByteBuffer b = ByteBuffer.allocate(size).order(order);
        b.putInt(nanos ? 0xa1b23c4d : 0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0)
                .putInt(65535).putInt(linkType);
        for (int i = 0; i < frames.length; i++) {
            b.putInt(1_700_000_000).putInt(nanos ? 1_500_000 * i : 1_500 * i).putInt(frames[i].length).putInt(frames[i].length)
                    .put(frames[i]);
        }
        return b.array();
    }

    /** pcapng: SHB, one IDB (link type, if_tsresol), an unknown block, then EPBs and a final SPB. */
    static byte[] pcapng(ByteOrder order, int linkType, int tsresol, long timestamp, byte[] frame) {
        ByteBuffer b = ByteBuffer.allocate(4096).order(order);
        b.putInt(0x0a0d0d0a).putInt(28).putInt(0x1a2b3c4d).putShort((short) 1).putShort((short) 0).putLong(-1).putInt(28);
        b.putInt(1).putInt(32).putShort((short) linkType).putShort((short) 0).putInt(65535)
                .putShort((short) 9).putShort((short) 1).put((byte) tsresol).put(new byte[3]).putInt(0).putInt(32);
        b.putInt(0x0bad).putInt(16).putInt(0).putInt(16);
        int padded = (frame.length + 3) & ~3;
        int epb = 32 + padded;
        b.putInt(6).putInt(epb).putInt(0).putInt((int) (timestamp >>> 32)).putInt((int) timestamp)
                .putInt(frame.length).putInt(frame.length).put(frame).put(new byte[padded - frame.length]).putInt(epb);
        int spb = 16 + padded;
        b.putInt(3).putInt(spb).putInt(frame.length).put(frame).put(new byte[padded - frame.length]).putInt(spb);
        byte[] out = new byte[b.position()];
        b.flip().get(out);
        return out;
    }
}
