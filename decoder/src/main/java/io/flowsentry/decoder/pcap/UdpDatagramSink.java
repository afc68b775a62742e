package io.flowsentry.decoder.pcap;

/** Receives each UDP datagram of a capture, in capture order. */
@FunctionalInterface
public interface UdpDatagramSink {
    void accept(UdpDatagram datagram);
}
