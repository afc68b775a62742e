package io.flowsentry.decoder.pcap;

import io.flowsentry.decoder.Bytes;

/**
 * Classic libpcap format: a 24-byte global header (magic, version 2.4, thiszone, sigfigs, snaplen,
 * link type) then per packet a 16-byte record header (ts_sec, ts_usec or ts_nsec, incl_len, orig_len)
 * and incl_len bytes. Byte order and time resolution come from the magic number.
 */
final class ClassicPcapFormat {

    static final int GLOBAL_HEADER = 24;
    static final int LINK_TYPE_OFFSET = 20;
    static final int RECORD_HEADER = 16;

    private ClassicPcapFormat() {
    }

    static void read(byte[] b, int length, CaptureCounters counters, PacketParser parser, UdpDatagramSink sink) {
        long magic = Bytes.u32le(b, 0);
        boolean le = magic == CaptureReader.PCAP_MICROS_LE || magic == CaptureReader.PCAP_NANOS_LE;
        boolean nanos = magic == CaptureReader.PCAP_NANOS_LE || magic == CaptureReader.PCAP_NANOS_BE;
        if (length < GLOBAL_HEADER) {
            counters.increment(CaptureCounter.TRUNCATED_BLOCKS);
            return;
        }
        // The upper 16 bits may carry FCS information (pcap-linktype(7)); the type is the low 16.
        int linkType = (int) (u32(b, LINK_TYPE_OFFSET, le) & 0xffff);
        int pos = GLOBAL_HEADER;
        while (length - pos >= RECORD_HEADER) {
            long seconds = u32(b, pos, le);
            long fraction = u32(b, pos + 4, le);
            long captured = u32(b, pos + 8, le);
            int data = pos + RECORD_HEADER;
            if (captured > length - data) {
                counters.increment(CaptureCounter.TRUNCATED_BLOCKS);
                return;
            }
            long millis = seconds * 1000 + (nanos ? fraction / 1_000_000 : fraction / 1000);
            parser.parse(linkType, b, data, (int) captured, millis, sink);
            pos = data + (int) captured;
        }
        if (pos < length) {
            counters.increment(CaptureCounter.TRUNCATED_BLOCKS);
        }
    }

    private static long u32(byte[] b, int o, boolean le) {
        return le ? Bytes.u32le(b, o) : Bytes.u32(b, o);
    }
}
