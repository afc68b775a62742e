package io.flowsentry.decoder.pcap;

import io.flowsentry.decoder.Bytes;

/**
 * pcapng (draft-ietf-opsawg-pcapng): blocks of (type, total length, body, total length). Read: Section
 * Header (byte order from its magic 0x1A2B3C4D), Interface Description (link type, if_tsresol,
 * if_tsoffset), Enhanced Packet, Simple Packet and the obsolete Packet block; others are counted and
 * skipped by their length.
 */
final class PcapngFormat {

    static final long SHB = 0x0a0d0d0aL;
    static final long IDB = 1;
    static final long OBSOLETE_PB = 2;
    static final long SPB = 3;
    static final long EPB = 6;
    static final long BYTE_ORDER_MAGIC = 0x1a2b3c4dL;
    static final int MIN_BLOCK = 12;
    static final int OPT_IF_TSRESOL = 9;
    static final int OPT_IF_TSOFFSET = 14;
    /** Interfaces remembered per section; captures rarely have more than a handful. */
    static final int MAX_INTERFACES = 256;

    private final CaptureCounters counters;
    private final PacketParser parser;
    private final int[] linkTypes = new int[MAX_INTERFACES];
    /** Per interface: resolution as units per second (decimal) or -bits (binary), and offset seconds. */
    private final long[] unitsPerSecond = new long[MAX_INTERFACES];
    private final int[] binaryShift = new int[MAX_INTERFACES];
    private final long[] offsetSeconds = new long[MAX_INTERFACES];
    private int interfaces;
    private boolean le = true;

    PcapngFormat(CaptureCounters counters, PacketParser parser) {
        this.counters = counters;
        this.parser = parser;
    }

    void read(byte[] b, int length, UdpDatagramSink sink) {
        int pos = 0;
        while (length - pos >= MIN_BLOCK) {
            long type = Bytes.u32le(b, pos);
            if (type == SHB) {
                if (length - pos < 16) {
                    break;
                }
                le = Bytes.u32le(b, pos + 8) == BYTE_ORDER_MAGIC;
                interfaces = 0;
            } else {
                type = u32(b, pos);
            }
            long total = u32(b, pos + 4);
            if (total < MIN_BLOCK || total > length - pos || total % 4 != 0) {
                counters.increment(CaptureCounter.TRUNCATED_BLOCKS);
                return;
            }
            int end = pos + (int) total - 4;
            if (type == IDB) {
                interfaceDescription(b, pos, end);
            } else if (type == EPB) {
                packet(b, pos, end, (int) u32(b, pos + 8), 12, sink);
            } else if (type == OBSOLETE_PB) {
                packet(b, pos, end, ((le ? Bytes.u16le(b, pos + 8) : Bytes.u16(b, pos + 8))), 12, sink);
            } else if (type == SPB) {
                simplePacket(b, pos, end, sink);
            } else if (type != SHB) {
                counters.increment(CaptureCounter.UNKNOWN_BLOCKS);
            }
            pos += (int) total;
        }
        if (pos < length) {
            counters.increment(CaptureCounter.TRUNCATED_BLOCKS);
        }
    }

    private void interfaceDescription(byte[] b, int pos, int end) {
        if (end - pos < 16 || interfaces == MAX_INTERFACES) {
            counters.increment(CaptureCounter.TRUNCATED_BLOCKS);
            return;
        }
        int i = interfaces++;
        linkTypes[i] = le ? Bytes.u16le(b, pos + 8) : Bytes.u16(b, pos + 8);
        unitsPerSecond[i] = 1_000_000; // default if_tsresol 6: microseconds
        binaryShift[i] = 0;
        offsetSeconds[i] = 0;
        int p = pos + 16;
        while (end - p >= 4) {
            int code = le ? Bytes.u16le(b, p) : Bytes.u16(b, p);
            int len = le ? Bytes.u16le(b, p + 2) : Bytes.u16(b, p + 2);
            int value = p + 4;
            if (code == 0 || len > end - value) {
                return;
            }
            if (code == OPT_IF_TSRESOL && len >= 1) {
                int r = b[value] & 0xff;
                if ((r & 0x80) != 0) {
                    binaryShift[i] = Math.min(r & 0x7f, 62);
                    unitsPerSecond[i] = 0;
                } else {
                    long units = 1;
                    for (int k = 0; k < Math.min(r, 18); k++) {
                        units *= 10;
                    }
                    unitsPerSecond[i] = units;
                }
            } else if (code == OPT_IF_TSOFFSET && len >= 8) {
                offsetSeconds[i] = le ? (Bytes.u32le(b, value) | (Bytes.u32le(b, value + 4) << 32)) : Bytes.s64(b, value);
            }
            p = value + ((len + 3) & ~3);
        }
    }

    /** EPB / obsolete PB: interface at +8, timestamp high/low at +12/+16, captured length at +20, data at +28. */
    private void packet(byte[] b, int pos, int end, int iface, int tsOffset, UdpDatagramSink sink) {
        if (end - pos < 28) {
            counters.increment(CaptureCounter.TRUNCATED_BLOCKS);
            return;
        }
        if (iface < 0 || iface >= interfaces) {
            counters.increment(CaptureCounter.UNKNOWN_INTERFACE);
            return;
        }
        long ts = (u32(b, pos + tsOffset) << 32) | u32(b, pos + tsOffset + 4);
        long captured = u32(b, pos + 20);
        int data = pos + 28;
        if (captured > end - data) {
            counters.increment(CaptureCounter.TRUNCATED_BLOCKS);
            return;
        }
        parser.parse(linkTypes[iface], b, data, (int) captured, toMillis(iface, ts), sink);
    }

    /** SPB: original length at +8, data at +12, captured = min(original, block body); interface 0, no time. */
    private void simplePacket(byte[] b, int pos, int end, UdpDatagramSink sink) {
        if (end - pos < 12 || interfaces == 0) {
            counters.increment(interfaces == 0 ? CaptureCounter.UNKNOWN_INTERFACE : CaptureCounter.TRUNCATED_BLOCKS);
            return;
        }
        long original = u32(b, pos + 8);
        int data = pos + 12;
        int captured = (int) Math.min(original, end - data);
        parser.parse(linkTypes[0], b, data, captured, 0, sink);
    }

    private long toMillis(int iface, long ts) {
        long millis;
        long units = unitsPerSecond[iface];
        if (units == 0) {
            int shift = binaryShift[iface];
            long mask = (1L << shift) - 1;
            millis = (ts >>> shift) * 1000 + (((ts & mask) * 1000) >>> shift);
        } else if (units >= 1000) {
            millis = Long.divideUnsigned(ts, units / 1000);
        } else {
            millis = ts * (1000 / units);
        }
        return millis + offsetSeconds[iface] * 1000;
    }

    private long u32(byte[] b, int o) {
        return le ? Bytes.u32le(b, o) : Bytes.u32(b, o);
    }
}
