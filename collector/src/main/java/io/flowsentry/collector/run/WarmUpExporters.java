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
 * warm-up, as they do when a real exporter's first datagram arrives; with event time moving on and new
 * sources appearing, as a live export's do. Compiled for an exporter table that
 * only ever hit, they were recompiled on the first real datagram (an {@code unstable_if} trap in
 * {@code ExporterState.domain}, seen with {@code -XX:+LogCompilation}), while the socket buffer filled.
 */
final class WarmUpExporters {

    private static final int DATAGRAMS_PER_VERSION = 64;
    /** Datagrams sent and not yet read: 64 of about 1,400 bytes fit the warm-up socket's 128 KiB buffer. */
    private static final int IN_FLIGHT = 64;
    /** 127.0.{1-16}.{1-254}: Linux delivers all of 127.0.0.0/8 on the loopback interface. */
    private static final int ADDRESSES = 16 * 254;

    /**
     * Event time moves one second per round (in steps of 32 at each build), from two minutes past
     * {@link SyntheticExports#EXPORT_SECONDS} (2024-01-01T00:00Z) and back after 30 minutes: every flow stays
     * in one hour's window, so no window closes on event time during a warm-up, while the engine's watermark
     * keeps moving as it does live.
     */
    private static final long FIRST_EXPORT_SECONDS = SyntheticExports.EXPORT_SECONDS + 120;
    private static final int EVENT_SECONDS_CYCLE = 30 * 60;
    /**
     * The datagrams are built once per 32 rounds (building them every round cut the rounds sent in 2.5 s from
     * about 900 to 280), and each build moves the record keys on by one block of
     * {@link #DATAGRAMS_PER_VERSION} seeds, over 8 blocks: new sources keep appearing over the first hundreds
     * of milliseconds, after earlier ones had their early rows, as when a real exporter's traffic starts.
     * 8 blocks hold about 1,500 outbound SMB sources, fewer than the private map's
     * {@link DetectionWarmUp#CAPACITY}.
     */
    private static final int ROUNDS_PER_BUILD = 32;
    private static final int BLOCKS = 8;
    /**
     * Two templates per exporter and version, IPv4 and IPv6 records, as routers export both: compiled for
     * one template id only, the template look-up was recompiled on the first real exporter's second one.
     * One seed in 8 also sends its IPv6 v9 and IPFIX datagrams.
     */
    private static final int IPV4_TEMPLATE = SyntheticExports.TEMPLATE_ID;
    private static final int IPV6_TEMPLATE = SyntheticExports.TEMPLATE_ID + 1;
    private static final int IPV6_EVERY = 8;

    private final List<ByteBuffer> templates;
    private final List<ByteBuffer> data = new ArrayList<>();
    private int rounds;

    WarmUpExporters() {
        templates = List.of(
                ByteBuffer.wrap(SyntheticExports.v9Template(IPV4_TEMPLATE, SyntheticExports.V9_FIELDS)),
                ByteBuffer.wrap(SyntheticExports.v9Template(IPV6_TEMPLATE, SyntheticExports.V9_V6_FIELDS)),
                ByteBuffer.wrap(SyntheticExports.ipfixTemplate(IPV4_TEMPLATE, SyntheticExports.IPFIX_V4_FIELDS)),
                ByteBuffer.wrap(SyntheticExports.ipfixTemplate(IPV6_TEMPLATE, SyntheticExports.IPFIX_V6_FIELDS)));
    }

    /** Round {@code round}'s data datagrams: v9, IPFIX and v5 in turn, some IPv6 (built anew every 32 rounds). */
    private List<ByteBuffer> data(int round) {
        if (round % ROUNDS_PER_BUILD == 0) {
            long exportSeconds = FIRST_EXPORT_SECONDS + round % EVENT_SECONDS_CYCLE;
            int firstSeed = round / ROUNDS_PER_BUILD % BLOCKS * DATAGRAMS_PER_VERSION;
            data.clear();
            for (int seed = firstSeed; seed < firstSeed + DATAGRAMS_PER_VERSION; seed++) {
                data.add(ByteBuffer.wrap(SyntheticExports.v9Data(IPV4_TEMPLATE, SyntheticExports.V9_FIELDS, seed,
                        exportSeconds)));
                data.add(ByteBuffer.wrap(SyntheticExports.ipfixData(IPV4_TEMPLATE, SyntheticExports.IPFIX_V4_FIELDS,
                        seed, exportSeconds)));
                data.add(ByteBuffer.wrap(SyntheticExports.v5(seed, exportSeconds)));
                if (seed % IPV6_EVERY == 0) {
                    data.add(ByteBuffer.wrap(SyntheticExports.v9Data(IPV6_TEMPLATE, SyntheticExports.V9_V6_FIELDS,
                            seed, exportSeconds)));
                    data.add(ByteBuffer.wrap(SyntheticExports.ipfixData(IPV6_TEMPLATE,
                            SyntheticExports.IPFIX_V6_FIELDS, seed, exportSeconds)));
                }
            }
        }
        return data;
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
            List<ByteBuffer> data = data(rounds);
            try (DatagramChannel out = exporter(rounds++, listener)) {
                // Templates first: each round is a new exporter, and the first ones may be dropped while the
                // listener is still cold.
                for (ByteBuffer template : templates) {
                    out.write(template.duplicate());
                }
                for (int i = 0; i < data.size() && System.nanoTime() < deadlineNanos; i++) {
                    while (sent - (received.getAsLong() - receivedBefore) >= IN_FLIGHT
                            && System.nanoTime() < deadlineNanos) {
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
     * (480-940 in 2.5 s measured), so every round is an exporter the decoder has not seen; the decoder's
     * table evicts the least recently seen beyond its limit, as it would for real exporters.
     */
    static String exporterAddress(int round) {
        int n = Math.floorMod(round, ADDRESSES);
        return "127.0." + (1 + n / 254) + "." + (1 + n % 254);
    }
}
