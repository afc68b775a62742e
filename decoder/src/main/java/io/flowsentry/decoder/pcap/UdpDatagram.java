package io.flowsentry.decoder.pcap;

/**
 * One UDP datagram found in a capture: a flyweight reused for every datagram, valid only during the
 * {@link UdpDatagramSink#accept} call. The payload is a slice of the capture's bytes.
 */
public final class UdpDatagram {

    long timestampMillis;
    long srcHi;
    long srcLo;
    long dstHi;
    long dstLo;
    int srcPort;
    int dstPort;
    byte[] buffer;
    int payloadOffset;
    int payloadLength;

    /** Capture time, epoch ms (0 for pcapng simple packet blocks, which carry none). */
    public long timestampMillis() {
        return timestampMillis;
    }

    public long srcHi() {
        return srcHi;
    }

    public long srcLo() {
        return srcLo;
    }

    public long dstHi() {
        return dstHi;
    }

    public long dstLo() {
        return dstLo;
    }

    public int srcPort() {
        return srcPort;
    }

    public int dstPort() {
        return dstPort;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    public int payloadLength() {
        return payloadLength;
    }
}
