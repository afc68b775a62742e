package io.flowsentry.collector.net;

/**
 * What one listener has done so far.
 *
 * @param address              as configured
 * @param boundPort            the port actually bound (differs from the configured one only for port 0)
 * @param sockets              sockets bound (one per event loop with SO_REUSEPORT, else one)
 * @param receiveBufferBytes   the SO_RCVBUF in force, in the units it was asked in (see {@link ReceiveBuffer})
 * @param datagrams            accepted datagrams
 * @param bytes                their payload bytes
 * @param denied               datagrams from senders outside the allowlist
 * @param consumerFailures     datagrams whose consumer threw
 * @param kernelDrops          the kernel's drop count for the port, -1 when unknown (not Linux)
 */
public record ListenerStatus(String address, int boundPort, int sockets, int receiveBufferBytes, long datagrams,
                             long bytes, long denied, long consumerFailures, long kernelDrops) {
}
