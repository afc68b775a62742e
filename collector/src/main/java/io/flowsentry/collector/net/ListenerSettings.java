package io.flowsentry.collector.net;

import java.util.List;

/**
 * How the UDP listeners are set up.
 *
 * @param addresses          where to listen; default {@link ListenAddress#DEFAULT_NETFLOW} and
 *                           {@link ListenAddress#DEFAULT_IPFIX}
 * @param eventLoops         receive threads; with epoll each listener gets one SO_REUSEPORT socket per
 *                           thread; default the number of cores
 * @param receiveBufferBytes SO_RCVBUF asked of the kernel per socket; default {@link #DEFAULT_RECEIVE_BUFFER}
 * @param allowlist          exporters allowed to send; default all
 * @param datagramsPerRead   epoll only: datagrams one {@code recvmmsg(2)} call may return (1 turns
 *                           recvmmsg off); default {@link #DEFAULT_DATAGRAMS_PER_READ}
 * @param udpGro             epoll only: UDP generic receive offload (the kernel coalesces a flow's
 *                           datagrams; Netty splits them again); default off, see BENCHMARKS.md
 */
public record ListenerSettings(List<ListenAddress> addresses, int eventLoops, int receiveBufferBytes,
                               ExporterAllowlist allowlist, int datagramsPerRead, boolean udpGro) {

    /**
     * 32 MiB: at 100,000 datagrams/s of 1,400 bytes the kernel charges each about 2,304 bytes of skb
     * truesize, so 33,554,432 / 2,304 = 14,563 datagrams, about 145 ms of arrivals held while a receive
     * thread is descheduled or a decoder stalls. Linux caps it at net.core.rmem_max (a warning says so).
     */
    public static final int DEFAULT_RECEIVE_BUFFER = 32 * 1024 * 1024;

    /**
     * 16: one recvmmsg call fills 16 slots of 65,507 bytes (1 MiB of pooled buffer), enough to empty a
     * burst in a few system calls; BENCHMARKS.md has the measurement.
     */
    public static final int DEFAULT_DATAGRAMS_PER_READ = 16;

    public ListenerSettings {
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no listen address (expected: at least one host:port)");
        }
        if (eventLoops < 1) {
            throw new IllegalArgumentException("invalid event loop count: " + eventLoops + " (expected: >= 1)");
        }
        if (receiveBufferBytes < 1) {
            throw new IllegalArgumentException("invalid receive buffer: " + receiveBufferBytes + " (expected: > 0 bytes)");
        }
        if (datagramsPerRead < 1 || datagramsPerRead > 1024) {
            throw new IllegalArgumentException("invalid datagrams per read: " + datagramsPerRead + " (expected: 1 ~ 1024)");
        }
    }

    public static ListenerSettings defaults() {
        return new ListenerSettings(List.of(ListenAddress.DEFAULT_NETFLOW, ListenAddress.DEFAULT_IPFIX),
                Runtime.getRuntime().availableProcessors(), DEFAULT_RECEIVE_BUFFER, ExporterAllowlist.allowAll(),
                DEFAULT_DATAGRAMS_PER_READ, false);
    }

    public ListenerSettings withAddresses(List<ListenAddress> newAddresses) {
        return new ListenerSettings(newAddresses, eventLoops, receiveBufferBytes, allowlist, datagramsPerRead, udpGro);
    }

    public ListenerSettings withEventLoops(int n) {
        return new ListenerSettings(addresses, n, receiveBufferBytes, allowlist, datagramsPerRead, udpGro);
    }

    public ListenerSettings withReceiveBufferBytes(int bytes) {
        return new ListenerSettings(addresses, eventLoops, bytes, allowlist, datagramsPerRead, udpGro);
    }

    public ListenerSettings withAllowlist(ExporterAllowlist list) {
        return new ListenerSettings(addresses, eventLoops, receiveBufferBytes, list, datagramsPerRead, udpGro);
    }

    public ListenerSettings withDatagramsPerRead(int n) {
        return new ListenerSettings(addresses, eventLoops, receiveBufferBytes, allowlist, n, udpGro);
    }

    public ListenerSettings withUdpGro(boolean on) {
        return new ListenerSettings(addresses, eventLoops, receiveBufferBytes, allowlist, datagramsPerRead, on);
    }
}
