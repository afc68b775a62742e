package io.flowsentry.collector.run;

import io.flowsentry.decoder.SyntheticExports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * The warm-up's exporters: rounds of synthetic v9, IPFIX and v5 datagrams ({@link SyntheticExports}), each
 * round from a loopback address of its own ({@link #exporterAddress}), so the decoder's paths for an
 * exporter, an observation domain and a sequence number seen for the first time run throughout the
 * warm-up, as they do when a real exporter's first datagram arrives. Compiled for an exporter table that
 * only ever hit, they were recompiled on the first real datagram (an {@code unstable_if} trap in
 * {@code ExporterState.domain}, seen with {@code -XX:+LogCompilation}), while the socket buffer filled.
 */
final class WarmUpExporters {

    private static final int DATAGRAMS_PER_VERSION = 64;
    /** Datagrams sent and not yet read: 64 of about 1,400 bytes fit the warm-up socket's 128 KiB buffer. */
    static final int IN_FLIGHT = 64;
    /** 127.0.{1-16}.{1-254}: Linux delivers all of 127.0.0.0/8 on the loopback interface. */
    private static final int ADDRESSES = 16 * 254;

    private final List<ByteBuffer> data = new ArrayList<>();
    private final List<ByteBuffer> templates;
    private int rounds;

    WarmUpExporters() {
        for (int seed = 0; seed < DATAGRAMS_PER_VERSION; seed++) {
            data.add(ByteBuffer.wrap(SyntheticExports.v9Data(SyntheticExports.TEMPLATE_ID, SyntheticExports.V9_FIELDS, seed)));
            data.add(ByteBuffer.wrap(SyntheticExports.ipfixData(SyntheticExports.TEMPLATE_ID, SyntheticExports.IPFIX_V4_FIELDS, seed)));
            data.add(ByteBuffer.wrap(SyntheticExports.v5(seed)));
        }
        templates = List.of(
                ByteBuffer.wrap(SyntheticExports.v9Template(SyntheticExports.TEMPLATE_ID, SyntheticExports.V9_FIELDS)),
                ByteBuffer.wrap(SyntheticExports.ipfixTemplate(SyntheticExports.TEMPLATE_ID, SyntheticExports.IPFIX_V4_FIELDS)));
    }

    /** Rounds begun so far, over every call of {@link #sendUntil}: the exporters the warm-up has used. */
    int rounds() {
        return rounds;
    }

    /**
     * Sends rounds to {@code listener} until {@code deadlineNanos} ({@link System#nanoTime()}), never more
     * than {@link #IN_FLIGHT} datagrams ahead of what the listener has read ({@code received}, counted from
     * this call on), so its socket does not overflow while it is still slow.
     *
     * @return the data datagrams sent (templates not counted)
     */
    long sendUntil(InetSocketAddress listener, LongSupplier received, long deadlineNanos) throws IOException {
        long receivedBefore = received.getAsLong();
        long sent = 0;
        while (System.nanoTime() < deadlineNanos) {
            try (DatagramChannel out = exporter(rounds++, listener)) {
                // Templates first: each round is a new exporter, and the first ones may be dropped while the
                // listener is still cold.
                for (ByteBuffer template : templates) {
                    out.write(template.duplicate());
                }
                for (int i = 0; i < data.size() && System.nanoTime() < deadlineNanos; i++) {
                    while (sent - (received.getAsLong() - receivedBefore) >= IN_FLIGHT && System.nanoTime() < deadlineNanos) {
                        LockSupport.parkNanos(50_000L);
                    }
                    out.write(data.get(i).duplicate());
                    sent++;
                }
            }
        }
        return sent;
    }

    /**
     * A socket sending from {@link #exporterAddress}{@code (round)}, or, where the system does not let a
     * socket bind to it, from the default loopback address (then one exporter for the whole warm-up).
     */
    private static DatagramChannel exporter(int round, InetSocketAddress listener) throws IOException {
        DatagramChannel out = DatagramChannel.open();
        try {
            out.bind(new InetSocketAddress(exporterAddress(round), 0));
        } catch (IOException e) {
            out.close();
            out = DatagramChannel.open();
        }
        out.connect(listener);
        return out;
    }

    /**
     * 127.0.{1-16}.{1-254} by round. 4,064 addresses are more rounds than a warm-up of a few seconds sends
     * (about 860 in 2.5 s measured), so every round is an exporter the decoder has not seen; the decoder's
     * table evicts the least recently seen beyond its limit, as it would for real exporters.
     */
    static String exporterAddress(int round) {
        int n = Math.floorMod(round, ADDRESSES);
        return "127.0." + (1 + n / 254) + "." + (1 + n % 254);
    }
}
