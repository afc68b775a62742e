package io.flowsentry.decoder.pcap;

import io.flowsentry.decoder.Bytes;
import io.flowsentry.flow.IpAddress;

/**
 * From a captured frame to its UDP payload: link layer (Ethernet with 802.1Q/QinQ tags, Linux cooked
 * SLL and SLL2, raw IP, BSD loopback), IPv4 or IPv6 (extension headers skipped), UDP. Fragments are
 * counted and skipped, never reassembled. Every read is bounded by the captured length.
 */
final class PacketParser {

    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86dd;
    static final int ETHERTYPE_VLAN = 0x8100;
    static final int ETHERTYPE_QINQ = 0x88a8;
    static final int ETHERTYPE_QINQ_OLD = 0x9100;
    static final int ETHERNET_HEADER = 14;
    static final int VLAN_TAG = 4;
    static final int SLL_HEADER = 16;
    static final int SLL_PROTOCOL_OFFSET = 14;
    static final int SLL2_HEADER = 20;
    static final int NULL_HEADER = 4;
    static final int IPV4_MIN_HEADER = 20;
    static final int IPV6_HEADER = 40;
    static final int UDP_HEADER = 8;
    static final int PROTO_UDP = 17;
    /** IPv4 flags/fragment offset: MF bit 0x2000 and the 13-bit offset. */
    static final int IPV4_FRAGMENT_MASK = 0x3fff;

    private final CaptureCounters counters;
    private final UdpDatagram datagram = new UdpDatagram();

    PacketParser(CaptureCounters counters) {
        this.counters = counters;
    }

    void parse(int linkType, byte[] b, int off, int capLen, long timestampMillis, UdpDatagramSink sink) {
        counters.increment(CaptureCounter.PACKETS);
        int end = off + capLen;
        switch (linkType) {
            case LinkType.ETHERNET -> ethernet(b, off, end, timestampMillis, sink);
            case LinkType.LINUX_SLL -> {
                if (capLen < SLL_HEADER) {
                    counters.increment(CaptureCounter.TRUNCATED_PACKETS);
                    return;
                }
                network(Bytes.u16(b, off + SLL_PROTOCOL_OFFSET), b, off + SLL_HEADER, end, timestampMillis, sink);
            }
            case LinkType.LINUX_SLL2 -> {
                if (capLen < SLL2_HEADER) {
                    counters.increment(CaptureCounter.TRUNCATED_PACKETS);
                    return;
                }
                network(Bytes.u16(b, off), b, off + SLL2_HEADER, end, timestampMillis, sink);
            }
            case LinkType.RAW, LinkType.RAW_OPENBSD -> {
                if (capLen < 1) {
                    counters.increment(CaptureCounter.TRUNCATED_PACKETS);
                    return;
                }
                int version = (b[off] & 0xf0) >>> 4;
                network(version == 6 ? ETHERTYPE_IPV6 : version == 4 ? ETHERTYPE_IPV4 : -1, b, off, end, timestampMillis, sink);
            }
            case LinkType.IPV4 -> network(ETHERTYPE_IPV4, b, off, end, timestampMillis, sink);
            case LinkType.IPV6 -> network(ETHERTYPE_IPV6, b, off, end, timestampMillis, sink);
            case LinkType.NULL, LinkType.LOOP -> {
                if (capLen < NULL_HEADER) {
                    counters.increment(CaptureCounter.TRUNCATED_PACKETS);
                    return;
                }
                long family = linkType == LinkType.LOOP ? Bytes.u32(b, off) : hostOrderFamily(b, off);
                // AF_INET is 2 everywhere; AF_INET6 is 24 (NetBSD, OpenBSD), 28 (FreeBSD), 30 (macOS), 10 (Linux).
                int ethertype = family == 2 ? ETHERTYPE_IPV4
                        : family == 24 || family == 28 || family == 30 || family == 10 ? ETHERTYPE_IPV6 : -1;
                network(ethertype, b, off + NULL_HEADER, end, timestampMillis, sink);
            }
            default -> counters.increment(CaptureCounter.UNKNOWN_LINK_TYPE);
        }
    }

    /** DLT_NULL's family is in the capturing host's byte order: small values tell which. */
    private static long hostOrderFamily(byte[] b, int off) {
        long le = Bytes.u32le(b, off);
        return le < 256 ? le : Bytes.u32(b, off);
    }

    private void ethernet(byte[] b, int off, int end, long ts, UdpDatagramSink sink) {
        if (end - off < ETHERNET_HEADER) {
            counters.increment(CaptureCounter.TRUNCATED_PACKETS);
            return;
        }
        int typeAt = off + 12;
        int type = Bytes.u16(b, typeAt);
        while (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ || type == ETHERTYPE_QINQ_OLD) {
            typeAt += VLAN_TAG;
            if (end - typeAt < 2) {
                counters.increment(CaptureCounter.TRUNCATED_PACKETS);
                return;
            }
            type = Bytes.u16(b, typeAt);
        }
        network(type, b, typeAt + 2, end, ts, sink);
    }

    private void network(int ethertype, byte[] b, int off, int end, long ts, UdpDatagramSink sink) {
        if (ethertype == ETHERTYPE_IPV4) {
            ipv4(b, off, end, ts, sink);
        } else if (ethertype == ETHERTYPE_IPV6) {
            ipv6(b, off, end, ts, sink);
        } else {
            counters.increment(CaptureCounter.NOT_IP);
        }
    }

    private void ipv4(byte[] b, int off, int end, long ts, UdpDatagramSink sink) {
        if (end - off < IPV4_MIN_HEADER || (b[off] & 0xf0) != 0x40) {
            counters.increment(CaptureCounter.TRUNCATED_PACKETS);
            return;
        }
        int headerLength = (b[off] & 0x0f) * 4;
        int totalLength = Bytes.u16(b, off + 2);
        if (headerLength < IPV4_MIN_HEADER || totalLength < headerLength || end - off < headerLength) {
            counters.increment(CaptureCounter.TRUNCATED_PACKETS);
            return;
        }
        if ((Bytes.u16(b, off + 6) & IPV4_FRAGMENT_MASK) != 0) {
            counters.increment(CaptureCounter.IP_FRAGMENTS);
            return;
        }
        if ((b[off + 9] & 0xff) != PROTO_UDP) {
            counters.increment(CaptureCounter.NOT_UDP);
            return;
        }
        UdpDatagram d = datagram;
        d.srcHi = 0;
        d.srcLo = IpAddress.v4Lo(Bytes.s32(b, off + 12));
        d.dstHi = 0;
        d.dstLo = IpAddress.v4Lo(Bytes.s32(b, off + 16));
        // Ethernet pads short frames: the IP total length, not the frame, ends the packet.
        int ipEnd = off + totalLength;
        udp(b, off + headerLength, ipEnd, end, ts, sink);
    }

    private void ipv6(byte[] b, int off, int end, long ts, UdpDatagramSink sink) {
        if (end - off < IPV6_HEADER || (b[off] & 0xf0) != 0x60) {
            counters.increment(CaptureCounter.TRUNCATED_PACKETS);
            return;
        }
        int ipEnd = off + IPV6_HEADER + Bytes.u16(b, off + 4);
        UdpDatagram d = datagram;
        d.srcHi = Bytes.s64(b, off + 8);
        d.srcLo = Bytes.s64(b, off + 16);
        d.dstHi = Bytes.s64(b, off + 24);
        d.dstLo = Bytes.s64(b, off + 32);
        int next = b[off + 6] & 0xff;
        int p = off + IPV6_HEADER;
        // RFC 8200 §4: hop-by-hop (0), routing (43), destination options (60): (len + 1) * 8 bytes;
        // AH (51, RFC 4302): (len + 2) * 4 bytes; fragment (44) means a fragment.
        while (true) {
            if (next == PROTO_UDP) {
                udp(b, p, ipEnd, end, ts, sink);
                return;
            }
            if (next == 44) {
                counters.increment(CaptureCounter.IP_FRAGMENTS);
                return;
            }
            if (next != 0 && next != 43 && next != 60 && next != 51) {
                counters.increment(CaptureCounter.NOT_UDP);
                return;
            }
            if (end - p < 2) {
                counters.increment(CaptureCounter.TRUNCATED_PACKETS);
                return;
            }
            int length = next == 51 ? ((b[p + 1] & 0xff) + 2) * 4 : ((b[p + 1] & 0xff) + 1) * 8;
            next = b[p] & 0xff;
            p += length;
        }
    }

    private void udp(byte[] b, int off, int ipEnd, int capEnd, long ts, UdpDatagramSink sink) {
        if (ipEnd - off < UDP_HEADER || capEnd - off < UDP_HEADER) {
            counters.increment(CaptureCounter.TRUNCATED_PACKETS);
            return;
        }
        int udpLength = Bytes.u16(b, off + 4);
        // UDP length 0 is used by IPv6 jumbograms (RFC 2675): the IP length rules then.
        int udpEnd = udpLength >= UDP_HEADER ? Math.min(off + udpLength, ipEnd) : ipEnd;
        if (udpEnd > capEnd) {
            counters.increment(CaptureCounter.TRUNCATED_PACKETS);
            return;
        }
        UdpDatagram d = datagram;
        d.timestampMillis = ts;
        d.srcPort = Bytes.u16(b, off);
        d.dstPort = Bytes.u16(b, off + 2);
        d.buffer = b;
        d.payloadOffset = off + UDP_HEADER;
        d.payloadLength = udpEnd - off - UDP_HEADER;
        counters.increment(CaptureCounter.UDP_DATAGRAMS);
        sink.accept(d);
    }
}
