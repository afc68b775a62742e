package io.flowsentry.collector.net;

import io.flowsentry.flow.IpAddress;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * The Netty edge of a listener, and only an adapter: applies the exporter allowlist, counts, copies the
 * payload into this channel's reusable array and hands (exporter, payload, receive time) to the
 * {@link DatagramConsumer} of the channel's event-loop thread. No decoding happens here.
 *
 * <p>The copy (at most 65,535 bytes, typically one MTU) lets the decoders work on a plain array with no
 * Netty type and no allocation per datagram. The packet is released by {@link SimpleChannelInboundHandler}.
 */
final class DatagramAdapter extends SimpleChannelInboundHandler<DatagramPacket> {

    private static final Logger LOG = LoggerFactory.getLogger(DatagramAdapter.class);

    /** The largest UDP payload: 65,535 (the 16-bit UDP length) - 8 (UDP header); IPv4 allows 20 less. */
    static final int MAX_PAYLOAD = 65_535 - 8;

    private final String listener;
    private final ExporterAllowlist allowlist;
    private final ListenerCounters counters;
    private final DatagramConsumer consumer;
    private final LongSupplier clockMillis;
    private final byte[] payloadArray = new byte[MAX_PAYLOAD];
    private final ByteBuffer payload = ByteBuffer.wrap(payloadArray);
    private final long[] address = new long[2];

    DatagramAdapter(String listener, ExporterAllowlist allowlist, ListenerCounters counters,
                    DatagramConsumer consumer, LongSupplier clockMillis) {
        super(DatagramPacket.class, true);
        this.listener = listener;
        this.allowlist = allowlist;
        this.counters = counters;
        this.consumer = consumer;
        this.clockMillis = clockMillis;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        InetSocketAddress sender = packet.sender();
        toHiLo(sender.getAddress(), address);
        if (!allowlist.allows(address[0], address[1])) {
            counters.denied.increment();
            return;
        }
        ByteBuf content = packet.content();
        int length = Math.min(content.readableBytes(), payloadArray.length);
        content.getBytes(content.readerIndex(), payloadArray, 0, length);
        payload.clear().limit(length);
        counters.datagrams.increment();
        counters.bytes.add(length);
        try {
            consumer.onDatagram(address[0], address[1], sender.getPort(), payload, clockMillis.getAsLong());
        } catch (RuntimeException e) {
            // A consumer failure is a counted outcome: the next datagram is handled as usual.
            if (counters.consumerFailures.sum() == 0) {
                LOG.warn("listener {}: consumer failed on a datagram from {} ({} bytes); counting further failures"
                        + " without logging each", listener, sender, length, e);
            }
            counters.consumerFailures.increment();
        }
    }

    static void toHiLo(InetAddress address, long[] out) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int v4 = ((bytes[0] & 0xff) << 24) | ((bytes[1] & 0xff) << 16) | ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
            out[0] = 0;
            out[1] = IpAddress.v4Lo(v4);
        } else {
            IpAddress.fromBytes16(bytes, 0, out);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP read error (e.g. ICMP-reported) does not close a listening socket.
        LOG.debug("listener {}: {}", listener, cause.toString());
    }
}
