package io.flowsentry.collector.net;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The UDP listeners of the collector: binds every configured address, hands each accepted datagram to the
 * {@link DatagramConsumer} of the receiving thread, counts, and stops cleanly.
 *
 * <p>On Linux with the native transport available: epoll, with SO_REUSEPORT and one socket per event
 * loop per listener, so the kernel spreads exporters over the threads; {@code recvmmsg(2)} reads up to
 * {@link ListenerSettings#datagramsPerRead} datagrams per call. Elsewhere NIO, one socket per listener,
 * and a log line saying why.
 */
public final class UdpListeners implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(UdpListeners.class);

    /** Bounded stop: channels get this long to close, then the loops to finish queued work. */
    private static final long CLOSE_TIMEOUT_MS = 2_000;
    private static final long QUIET_PERIOD_MS = 100;
    private static final long SHUTDOWN_TIMEOUT_MS = 3_000;

    private final boolean epoll;
    private final EventLoopGroup group;
    private final List<Listener> listeners;
    private final KernelUdpDrops kernelDrops;

    private record Listener(ListenAddress address, int boundPort, List<Channel> channels, int receiveBufferBytes,
                            ListenerCounters counters) {
    }

    private UdpListeners(boolean epoll, EventLoopGroup group, List<Listener> listeners, KernelUdpDrops kernelDrops) {
        this.epoll = epoll;
        this.group = group;
        this.listeners = listeners;
        this.kernelDrops = kernelDrops;
    }

    /**
     * Binds every listener. On a bind failure the ones already bound are closed again.
     *
     * @throws IllegalStateException naming the address that could not be bound and why
     */
    public static UdpListeners start(ListenerSettings settings, DatagramConsumerFactory consumers,
                                     LongSupplier clockMillis) {
        return start(settings, consumers, clockMillis, Epoll.isAvailable(), true);
    }

    /**
     * As {@link #start(ListenerSettings, DatagramConsumerFactory, LongSupplier)} without the start-up log
     * lines: for short-lived internal listeners (the receive-path warm-up) that the log should not announce.
     */
    public static UdpListeners startUnannounced(ListenerSettings settings, DatagramConsumerFactory consumers,
                                                LongSupplier clockMillis) {
        return start(settings, consumers, clockMillis, Epoll.isAvailable(), false);
    }

    /** As {@link #start(ListenerSettings, DatagramConsumerFactory, LongSupplier)}; {@code epoll false} forces NIO. */
    static UdpListeners start(ListenerSettings settings, DatagramConsumerFactory consumers, LongSupplier clockMillis,
                              boolean epoll) {
        return start(settings, consumers, clockMillis, epoll, true);
    }

    private static UdpListeners start(ListenerSettings settings, DatagramConsumerFactory consumers,
                                      LongSupplier clockMillis, boolean epoll, boolean announce) {
        if (!epoll && announce) {
            LOG.info("UDP listeners use NIO, one socket per listener: the epoll transport is unavailable ({})",
                    String.valueOf(Epoll.unavailabilityCause()));
        }
        if (settings.allowlist().allowsAll() && announce) {
            LOG.warn("no exporter allowlist: datagrams from any sender are decoded (set exporters_allow in the configuration)");
        }
        IoHandlerFactory ioFactory = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(settings.eventLoops(),
                new DefaultThreadFactory("flowsentry-udp", true), ioFactory);
        List<EventLoop> loops = new ArrayList<>();
        List<DatagramConsumer> perLoop = new ArrayList<>();
        for (EventExecutor executor : group) {
            perLoop.add(consumers.create(loops.size()));
            loops.add((EventLoop) executor);
        }
        UdpListeners result = new UdpListeners(epoll, group, new ArrayList<>(), KernelUdpDrops.system());
        try {
            ReceiveBuffer receiveBuffer = new ReceiveBuffer(settings.receiveBufferBytes(), epoll);
            for (ListenAddress address : settings.addresses()) {
                result.listeners.add(bind(settings, address, loops, perLoop, clockMillis, epoll, receiveBuffer));
            }
        } catch (RuntimeException e) {
            result.close();
            throw e;
        }
        for (Listener l : announce ? result.listeners : List.<Listener>of()) {
            LOG.info("listening on udp {} ({} socket(s), {}, SO_RCVBUF {} bytes)", l.address(), l.channels().size(),
                    epoll ? "epoll" : "nio", l.receiveBufferBytes());
        }
        return result;
    }

    private static Listener bind(ListenerSettings settings, ListenAddress address, List<EventLoop> loops,
                                 List<DatagramConsumer> perLoop, LongSupplier clockMillis, boolean epoll,
                                 ReceiveBuffer receiveBuffer) {
        InetSocketAddress socketAddress = address.toSocketAddress();
        SocketProtocolFamily family = socketAddress.getAddress() instanceof Inet6Address
                ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
        ListenerCounters counters = new ListenerCounters();
        List<Channel> channels = new ArrayList<>();
        int socketsWanted = epoll ? loops.size() : 1;
        int boundPort = socketAddress.getPort();
        int effective = -1;
        for (int i = 0; i < socketsWanted; i++) {
            Bootstrap bootstrap = new Bootstrap()
                    .group(loops.get(i))
                    .channelFactory(channelFactory(epoll, family))
                    .option(ChannelOption.SO_RCVBUF, settings.receiveBufferBytes())
                    .handler(new DatagramAdapter(address.toString(), settings.allowlist(), counters, perLoop.get(i),
                            clockMillis));
            if (epoll) {
                // recvmmsg: Netty divides the read buffer into slots of MAX_DATAGRAM_PAYLOAD_SIZE bytes.
                int slots = settings.datagramsPerRead();
                bootstrap.option(EpollChannelOption.SO_REUSEPORT, true)
                        .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, slots > 1 ? DatagramAdapter.MAX_PAYLOAD : 0)
                        .option(EpollChannelOption.UDP_GRO, settings.udpGro())
                        .option(ChannelOption.RCVBUF_ALLOCATOR,
                                new FixedRecvByteBufAllocator(DatagramAdapter.MAX_PAYLOAD * slots));
            } else {
                bootstrap.option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(DatagramAdapter.MAX_PAYLOAD));
            }
            // Port 0 (tests): the further SO_REUSEPORT sockets join the port the first one got.
            InetSocketAddress target = new InetSocketAddress(socketAddress.getAddress(), boundPort);
            ChannelFuture bound = bootstrap.bind(target).awaitUninterruptibly();
            if (!bound.isSuccess()) {
                channels.forEach(Channel::close);
                throw new IllegalStateException("cannot listen on udp " + address + ": " + bound.cause().getMessage()
                        + privilegedPortHint(boundPort, bound.cause()), bound.cause());
            }
            Channel channel = bound.channel();
            channels.add(channel);
            boundPort = ((InetSocketAddress) channel.localAddress()).getPort();
            effective = receiveBuffer.check(address, ((DatagramChannel) channel).config().getReceiveBufferSize());
        }
        return new Listener(address, boundPort, List.copyOf(channels), effective, counters);
    }

    /** Ports below 1024 need CAP_NET_BIND_SERVICE, which the packaged systemd unit does not grant by default. */
    static String privilegedPortHint(int port, Throwable cause) {
        String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (port > 0 && port < 1024 && (message.contains("permission denied") || message.contains("eacces"))) {
            return " (a port below 1024 needs CAP_NET_BIND_SERVICE: under systemd, add"
                    + " CapabilityBoundingSet=CAP_NET_BIND_SERVICE and AmbientCapabilities=CAP_NET_BIND_SERVICE"
                    + " with 'systemctl edit flowsentry')";
        }
        return "";
    }

    private static ChannelFactory<Channel> channelFactory(boolean epoll, SocketProtocolFamily family) {
        return epoll ? () -> new EpollDatagramChannel(family) : () -> new NioDatagramChannel(family);
    }

    public boolean epoll() {
        return epoll;
    }

    /**
     * Runs {@code task} with each event loop's index on that loop's own thread every {@code periodMillis},
     * so per-loop state (a decoder's exporter table) can be copied out without locks.
     */
    public void scheduleOnEachLoop(java.util.function.IntConsumer task, long periodMillis) {
        int index = 0;
        for (EventExecutor executor : group) {
            int loop = index++;
            executor.scheduleAtFixedRate(() -> task.accept(loop), periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** True once {@link #close()} has stopped every event loop thread. */
    public boolean terminated() {
        return group.isTerminated();
    }

    /** The port each listener is bound to, in configuration order. */
    public List<Integer> boundPorts() {
        return listeners.stream().map(Listener::boundPort).toList();
    }

    public List<ListenerStatus> status() {
        List<ListenerStatus> out = new ArrayList<>(listeners.size());
        for (Listener l : listeners) {
            ListenerCounters c = l.counters();
            out.add(new ListenerStatus(l.address().toString(), l.boundPort(), l.channels().size(), l.receiveBufferBytes(),
                    c.datagrams(), c.bytes(), c.denied(), c.consumerFailures(), kernelDrops.dropsForPort(l.boundPort())));
        }
        return out;
    }

    /**
     * Closes the sockets (no datagram is read after this returns), lets the loops finish the datagrams
     * already read, and stops the threads; each step bounded.
     */
    @Override
    public void close() {
        for (Listener l : listeners) {
            for (Channel ch : l.channels()) {
                if (!ch.close().awaitUninterruptibly(CLOSE_TIMEOUT_MS)) {
                    LOG.warn("udp {}: socket did not close within {} ms", l.address(), CLOSE_TIMEOUT_MS);
                }
            }
        }
        if (!group.shutdownGracefully(QUIET_PERIOD_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MS + 1_000)) {
            LOG.warn("UDP event loops did not stop within {} ms", SHUTDOWN_TIMEOUT_MS + 1_000);
        }
    }
}
