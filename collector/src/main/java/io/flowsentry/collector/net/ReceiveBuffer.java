package io.flowsentry.collector.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares the SO_RCVBUF in force with the one asked for, and warns once when the kernel capped it.
 *
 * <p>Linux stores twice the value given to setsockopt (the extra half is its allowance for skb
 * bookkeeping, socket(7)) after capping the request at net.core.rmem_max, and getsockopt returns the
 * doubled value. Netty's epoll channel returns that raw value; the JDK (NIO) halves it back
 * ({@code NET_GetSockOpt}), so both are brought to the units of the request here. Measured on Linux 6.x
 * with net.core.rmem_max = 4,194,304: epoll asked 65,536 reports 131,072; asked 1,048,576 reports 2,097,152;
 * asked 33,554,432 reports 8,388,608 = 2 x rmem_max, i.e. 4,194,304 in force; the JDK's DatagramSocket
 * asked 1,048,576 reports 1,048,576 and asked 33,554,432 reports 4,194,304.
 */
final class ReceiveBuffer {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveBuffer.class);

    private final int requested;
    private final boolean epoll;
    private boolean warned;

    ReceiveBuffer(int requested, boolean epoll) {
        this.requested = requested;
        this.epoll = epoll;
    }

    /** @return the effective size in the units of the request */
    int check(ListenAddress address, int reported) {
        int effective = epoll ? reported / 2 : reported;
        if (effective < requested && !warned) {
            warned = true;
            LOG.warn("udp {}: SO_RCVBUF is {} bytes, not the {} asked for: the kernel capped it at net.core.rmem_max;"
                            + " raise it (sysctl -w net.core.rmem_max={}) to absorb bursts without drops",
                    address, effective, requested, requested);
        }
        return effective;
    }

    boolean warned() {
        return warned;
    }
}
