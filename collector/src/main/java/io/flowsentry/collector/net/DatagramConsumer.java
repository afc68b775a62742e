package io.flowsentry.collector.net;

import java.nio.ByteBuffer;

/**
 * Receives each UDP datagram a listener accepted (the exporter allowlist already applied). One instance
 * serves one event-loop thread and is only ever called from it, so per-thread decoder state (templates,
 * sequence numbers, the reusable flow record) needs no locks.
 *
 * <p>An exporter's datagrams reach one thread only: with SO_REUSEPORT the kernel picks the socket by a
 * hash of the 4-tuple (source address and port, destination address and port), which is constant for one
 * exporter process.
 */
@FunctionalInterface
public interface DatagramConsumer {

    /**
     * @param exporterHi       bits 127..64 of the sender's address ({@link io.flowsentry.flow.IpAddress} form)
     * @param exporterLo       bits 63..0 of the sender's address (IPv4 is IPv4-mapped)
     * @param exporterPort     the sender's UDP port (RFC 7011 §10.3: a UDP transport session is the
     *                         pair of exporter and collector addresses and ports)
     * @param payload          the datagram, from {@code position()} (0) to {@code limit()}; backed by an
     *                         array ({@code hasArray()} holds); valid only during this call and overwritten
     *                         by the next datagram: copy what must outlive the call
     * @param receivedAtMillis receive time, epoch ms, from the listener's clock
     */
    void onDatagram(long exporterHi, long exporterLo, int exporterPort, ByteBuffer payload, long receivedAtMillis);
}
