package io.flowsentry.decoder.pcap;

import io.flowsentry.decoder.Bytes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Reads a classic pcap or a pcapng capture held in memory and yields its UDP datagrams in order.
 * Transport-free: the caller opens the file. Damage inside a capture is counted, not thrown; only
 * bytes that are no capture at all raise {@link NotACaptureException}.
 */
public final class CaptureReader {

    /** Classic pcap magic numbers as read little-endian: microsecond and nanosecond resolution. */
    static final long PCAP_MICROS_LE = 0xa1b2c3d4L;
    static final long PCAP_NANOS_LE = 0xa1b23c4dL;
    static final long PCAP_MICROS_BE = 0xd4c3b2a1L;
    static final long PCAP_NANOS_BE = 0x4d3cb2a1L;
    /** pcapng Section Header Block type, the same in both byte orders. */
    static final long PCAPNG_SHB = 0x0a0d0d0aL;

    private final CaptureCounters counters = new CaptureCounters();
    private final PacketParser parser = new PacketParser(counters);

    public CaptureCounters counters() {
        return counters;
    }

    /** Whether {@code b} starts with a pcap or pcapng magic number. */
    public static boolean isCapture(byte[] b, int length) {
        if (length < 4) {
            return false;
        }
        long magic = Bytes.u32le(b, 0);
        return magic == PCAP_MICROS_LE || magic == PCAP_NANOS_LE || magic == PCAP_MICROS_BE
                || magic == PCAP_NANOS_BE || magic == PCAPNG_SHB;
    }

    public void read(byte[] b, UdpDatagramSink sink) throws NotACaptureException {
        read(b, b.length, sink);
    }

    public void read(byte[] b, int length, UdpDatagramSink sink) throws NotACaptureException {
        if (!isCapture(b, length)) {
            throw new NotACaptureException("not a pcap or pcapng capture (first bytes are no pcap/pcapng magic number)");
        }
        if (Bytes.u32le(b, 0) == PCAPNG_SHB) {
            new PcapngFormat(counters, parser).read(b, length, sink);
        } else {
            ClassicPcapFormat.read(b, length, counters, parser, sink);
        }
    }

    public void read(ByteBuffer buffer, UdpDatagramSink sink) throws NotACaptureException {
        byte[] b = new byte[buffer.remaining()];
        buffer.duplicate().get(b);
        read(b, sink);
    }

    public void read(InputStream in, UdpDatagramSink sink) throws IOException, NotACaptureException {
        read(in.readAllBytes(), sink);
    }
}
