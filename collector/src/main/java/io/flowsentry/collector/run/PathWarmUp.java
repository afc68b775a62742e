package io.flowsentry.collector.run;

import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.collector.net.ExporterAllowlist;
import io.flowsentry.collector.net.ListenAddress;
import io.flowsentry.collector.net.ListenerSettings;
import io.flowsentry.collector.net.UdpListeners;
import io.flowsentry.decoder.DecoderLimits;
import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.decoder.SyntheticExports;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Warms the collector's whole path up before the real listeners bind: synthetic v5, v9 and IPFIX datagrams
 * go over loopback through a private listener of the same kind as the real ones (socket, event loop,
 * decoder, predicate, match handoff), and, in the second half of the sending time, the matches on to a
 * private detection thread with its own engine and store ({@link DetectionWarmUp}), so that the classes are
 * loaded and the JIT has compiled the receive and the detection paths when the first exporter datagrams
 * arrive.
 *
 * <p>Why the receive path: a cold collector reads its first datagrams slowly (class loading, interpreted
 * code, compiler threads on the same cores) and the socket buffer, 4 MiB at this machine's
 * net.core.rmem_max or about 100 ms of v9 at 1 M flows/s, overflows. Measured with v9 at 1 M flows/s for
 * 20 s starting 1 s after the listeners bound (2-core machine shared with other builds): without a warm-up
 * 12,560 datagrams dropped by the kernel, all in the first 1.5 s; after 1 s of decoding synthetic datagrams
 * in-process (no socket) 3,817, and after 3 s of it 3,471, all in the first 0.5 s; after 1,800 real
 * datagrams through the socket and a pause, none; with 1 s through a private socket, none in two runs.
 * Why the detection path: see {@link DetectionWarmUp}.
 *
 * <p>Everything here is private: the warm-up's own socket on an ephemeral loopback port, decoder
 * (templates, sequence numbers), handoff, engine and store; the collector's counters, store, engine,
 * detection files and webhooks never see it.
 */
final class PathWarmUp {

    private static final int DATAGRAMS_PER_VERSION = 64;
    /** Kept under the default net.core.rmem_max so the warm-up socket never logs a capped buffer. */
    private static final int RECEIVE_BUFFER = 128 * 1024;
    /** Datagrams sent and not yet read: 64 of about 1,400 bytes fit the warm-up socket's buffer. */
    private static final int IN_FLIGHT = 64;
    /**
     * Sending stops at this share of the budget (in quarters); the rest is for closing the listener, draining
     * the detection thread, closing its windows and deleting its map (0.3-0.5 s measured), so the whole
     * warm-up stays about within its budget. Sending lasts at least half the budget after the set-up
     * (0.4-0.8 s: the first Netty event loop and socket of the JVM, the private map), so a short budget
     * overruns by up to the set-up instead of sending nothing.
     */
    private static final int SENDING_QUARTERS = 3;
    /** The first half of the sending time warms the receive path alone (see {@link DetectionWarmUp#detectFrom}). */
    static final int RECEIVE_ONLY_PERCENT = 50;

    /** How often the event loop looks whether sending stopped, to hand its last matches over. */
    private static final long FINAL_HANDOFF_CHECK_MILLIS = 5;

    private PathWarmUp() {
    }

    /** What a warm-up did, for the start-up log. */
    record Result(long sent, long records, long matches, long handoffWaits, DetectionWarmUp.Result detection,
                  long millis, int port) {
    }

    /**
     * Sends synthetic datagrams to a private loopback listener for about {@code budgetMillis} (0: nothing) and
     * runs their matches through a private detection path.
     *
     * @param predicates the collector's predicate, as the real listeners read it
     * @param listeners  the real listeners' settings; the warm-up uses their transport options
     * @param detection  what the private engine and store are built from
     * @throws IOException when the loopback socket or the private store cannot be set up
     */
    static Result run(Supplier<SmbPredicate> predicates, Clock clock, DecoderLimits limits,
                      ListenerSettings listeners, DetectionWarmUp.Settings detection, long budgetMillis)
            throws IOException {
        return run(predicates, clock, limits, listeners, detection, budgetMillis, RECEIVE_ONLY_PERCENT);
    }

    /**
     * @param receiveOnlyPercent the share of the sending time, from its start, in which the matches are
     *                           discarded and only the receive path works (0: the detection from the start)
     */
    static Result run(Supplier<SmbPredicate> predicates, Clock clock, DecoderLimits limits,
                      ListenerSettings listeners, DetectionWarmUp.Settings detection, long budgetMillis,
                      int receiveOnlyPercent) throws IOException {
        if (budgetMillis <= 0) {
            return new Result(0, 0, 0, 0, DetectionWarmUp.Result.NONE, 0, 0);
        }
        long start = System.nanoTime();
        MatchHandoff handoff = new MatchHandoff(DetectionWarmUp.BATCHES, DetectionWarmUp.BATCH_SIZE);
        List<Ingest> ingests = new CopyOnWriteArrayList<>();
        List<FlowCounters> producers = new CopyOnWriteArrayList<>();
        List<NetworkConsumer> consumers = new CopyOnWriteArrayList<>();
        DetectionWarmUp detecting = DetectionWarmUp.start(detection, predicates.get(), handoff, () -> producers, clock);
        ListenerSettings settings = listeners.withAddresses(List.of(new ListenAddress("127.0.0.1", 0)))
                .withEventLoops(1).withReceiveBufferBytes(RECEIVE_BUFFER).withAllowlist(ExporterAllowlist.allowAll());
        long sent = 0;
        int port = 0;
        DetectionWarmUp.Result detected;
        try {
            UdpListeners listener = UdpListeners.startUnannounced(settings, loop -> {
                Ingest ingest = new Ingest(predicates, handoff, 0);
                ingests.add(ingest);
                producers.add(ingest.counters());
                NetworkConsumer consumer = new NetworkConsumer(new FlowDecoder(clock, limits), ingest);
                consumers.add(consumer);
                return consumer;
            }, clock::millis);
            try {
                listener.scheduleOnEachLoop(loop -> consumers.get(loop).tick(clock.millis()), NetworkConsumer.TICK_MILLIS);
                AtomicBoolean sending = new AtomicBoolean(true);
                CountDownLatch handedOver = new CountDownLatch(consumers.size());
                listener.scheduleOnEachLoop(loop -> {
                    if (!sending.get() && handedOver.getCount() > 0) {
                        consumers.get(loop).ingest().flush();
                        handedOver.countDown();
                    }
                }, FINAL_HANDOFF_CHECK_MILLIS);
                port = listener.boundPorts().get(0);
                long budgetNanos = budgetMillis * 1_000_000L;
                long sendFrom = System.nanoTime();
                long sendUntil = Math.max(start + budgetNanos / 4 * SENDING_QUARTERS, sendFrom + budgetNanos / 2);
                detecting.detectFrom(sendFrom + (sendUntil - sendFrom) / 100 * receiveOnlyPercent);
                try (DatagramChannel out = DatagramChannel.open()) {
                    out.connect(new InetSocketAddress("127.0.0.1", port));
                    sent = send(out, () -> total(ingests, FlowCounters::datagramsTotal), sendUntil);
                }
                // The last matches wait for a full batch or 100 ms; hand them over now, on the loop's thread.
                sending.set(false);
                awaitQuietly(handedOver, 10 * FINAL_HANDOFF_CHECK_MILLIS);
            } finally {
                listener.close();
            }
        } finally {
            detected = detecting.finish();
        }
        long records = total(ingests, FlowCounters::recordsTotal);
        long waits = 0;
        for (Ingest ingest : ingests) {
            waits += ingest.counters().handoffWaits();
        }
        return new Result(sent, records, detected.matches(), waits, detected, (System.nanoTime() - start) / 1_000_000L,
                port);
    }

    /**
     * Sends until {@code deadlineNanos} ({@link System#nanoTime()}), never more than {@link #IN_FLIGHT}
     * datagrams ahead of what the listener has read, so the warm-up socket does not overflow while the
     * listener is still slow.
     */
    private static long send(DatagramChannel out, LongSupplier received, long deadlineNanos) throws IOException {
        List<ByteBuffer> data = new ArrayList<>();
        for (int seed = 0; seed < DATAGRAMS_PER_VERSION; seed++) {
            data.add(ByteBuffer.wrap(SyntheticExports.v9Data(SyntheticExports.TEMPLATE_ID, SyntheticExports.V9_FIELDS, seed)));
            data.add(ByteBuffer.wrap(SyntheticExports.ipfixData(SyntheticExports.TEMPLATE_ID, SyntheticExports.IPFIX_V4_FIELDS, seed)));
            data.add(ByteBuffer.wrap(SyntheticExports.v5(seed)));
        }
        List<ByteBuffer> templates = List.of(
                ByteBuffer.wrap(SyntheticExports.v9Template(SyntheticExports.TEMPLATE_ID, SyntheticExports.V9_FIELDS)),
                ByteBuffer.wrap(SyntheticExports.ipfixTemplate(SyntheticExports.TEMPLATE_ID, SyntheticExports.IPFIX_V4_FIELDS)));
        long sent = 0;
        while (System.nanoTime() < deadlineNanos) {
            // Templates again each round: the first ones may be dropped while the listener is still cold.
            for (ByteBuffer template : templates) {
                out.write(template.duplicate());
            }
            for (int i = 0; i < data.size() && System.nanoTime() < deadlineNanos; i++) {
                while (sent - received.getAsLong() >= IN_FLIGHT && System.nanoTime() < deadlineNanos) {
                    LockSupport.parkNanos(50_000L);
                }
                out.write(data.get(i).duplicate());
                sent++;
            }
        }
        return sent;
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A counter summed over the warm-up's ingests. */
    private static long total(List<Ingest> ingests, ToLongFunction<FlowCounters> counter) {
        long n = 0;
        for (Ingest ingest : ingests) {
            n += counter.applyAsLong(ingest.counters());
        }
        return n;
    }
}
