package io.flowsentry.collector.run;

import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.collector.net.ListenAddress;
import io.flowsentry.collector.net.ListenerSettings;
import io.flowsentry.collector.net.UdpListeners;
import io.flowsentry.decoder.DecoderLimits;
import io.flowsentry.decoder.FlowDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Warms the collector's whole path up before the real listeners bind: synthetic v5, v9 and IPFIX datagrams
 * go over loopback through private listeners of the same kind as the real ones (socket, event loop,
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
 * <p>The warm-up's listener is replaced by a second one when the detection starts, so the code that runs
 * once per socket and per event loop thread (Netty's lazily created read handle, a new thread's first
 * thread-local) also runs after the receive path is compiled, as it does when the real listeners bind;
 * and the warm-up's ingest guards event time as the real one does ({@code maxFutureMillis}). Each
 * difference between the warm-up's path and the real one showed, with {@code -XX:+LogCompilation}, as a
 * trap sending compiled receive code back to the interpreter on the first real datagram: with v5 at
 * 3.5 M flows/s, 5,000-9,500 datagrams dropped in the first half-second.
 *
 * <p>Everything here is private: the warm-up's own sockets on ephemeral loopback ports, decoders
 * (templates, sequence numbers), handoff, engine and store; the collector's counters, store, engine,
 * detection files and webhooks never see it.
 */
final class PathWarmUp {

    /** Kept under the default net.core.rmem_max so the warm-up socket never logs a capped buffer. */
    private static final int RECEIVE_BUFFER = 128 * 1024;
    /**
     * Where the warm-up's exporters send from. Its listeners check the configured allowlist with this block
     * added, so the allowlist check is compiled for the list the real listeners use.
     */
    private static final String LOOPBACK = "127.0.0.0/8";
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

    /**
     * What a warm-up did, for the start-up log.
     *
     * @param exporters the loopback addresses the synthetic datagrams came from
     * @param ports     the private listeners' ports on 127.0.0.1, in the order they ran
     */
    record Result(long sent, long records, long matches, long handoffWaits, DetectionWarmUp.Result detection,
                  long millis, List<Integer> ports, int exporters) {
    }

    /** What the warm-up's ingests are built from: the real ones' predicate supplier and future guard. */
    record Ingests(Supplier<SmbPredicate> predicates, long maxFutureMillis) {
    }

    /**
     * Sends synthetic datagrams to private loopback listeners for about {@code budgetMillis} (0: nothing) and
     * runs their matches through a private detection path.
     *
     * @param ingests   the collector's predicate supplier and future guard, as the real listeners use them
     * @param listeners the real listeners' settings; the warm-up uses their transport options and allowlist
     * @param detection what the private engine and store are built from
     * @throws IOException when the loopback socket or the private store cannot be set up
     */
    static Result run(Ingests ingests, Clock clock, DecoderLimits limits, ListenerSettings listeners,
                      DetectionWarmUp.Settings detection, long budgetMillis) throws IOException {
        return run(ingests, clock, limits, listeners, detection, budgetMillis, RECEIVE_ONLY_PERCENT);
    }

    /**
     * @param receiveOnlyPercent the share of the sending time, from its start, in which the matches are
     *                           discarded and only the receive path works (0: the detection from the start);
     *                           the second listener takes over at that point, or halfway at 0
     */
    static Result run(Ingests ingests, Clock clock, DecoderLimits limits, ListenerSettings listeners,
                      DetectionWarmUp.Settings detection, long budgetMillis, int receiveOnlyPercent)
            throws IOException {
        if (budgetMillis <= 0) {
            return new Result(0, 0, 0, 0, DetectionWarmUp.Result.NONE, 0, List.of(), 0);
        }
        long start = System.nanoTime();
        MatchHandoff handoff = new MatchHandoff(DetectionWarmUp.BATCHES, DetectionWarmUp.BATCH_SIZE);
        List<FlowCounters> producers = new CopyOnWriteArrayList<>();
        DetectionWarmUp detecting = DetectionWarmUp.start(detection, ingests.predicates().get(), handoff,
                () -> producers, clock);
        ListenerSettings settings = listeners.withAddresses(List.of(new ListenAddress("127.0.0.1", 0)))
                .withEventLoops(1).withReceiveBufferBytes(RECEIVE_BUFFER)
                .withAllowlist(listeners.allowlist().including(LOOPBACK));
        WarmUpExporters exporters = new WarmUpExporters();
        PrivateListener.Factory listenerFactory = () -> new PrivateListener(settings, loop -> {
            Ingest ingest = new Ingest(ingests.predicates(), handoff, ingests.maxFutureMillis());
            producers.add(ingest.counters());
            return new NetworkConsumer(new FlowDecoder(clock, limits), ingest);
        }, clock);
        long sent = 0;
        List<Integer> ports = new ArrayList<>(2);
        DetectionWarmUp.Result detected;
        try {
            long sendUntil;
            try (PrivateListener first = listenerFactory.start()) {
                ports.add(first.port());
                long budgetNanos = budgetMillis * 1_000_000L;
                long sendFrom = System.nanoTime();
                sendUntil = Math.max(start + budgetNanos / 4 * SENDING_QUARTERS, sendFrom + budgetNanos / 2);
                long detectFrom = sendFrom + (sendUntil - sendFrom) / 100 * receiveOnlyPercent;
                detecting.detectFrom(detectFrom);
                long secondFrom = receiveOnlyPercent > 0 ? detectFrom : sendFrom + (sendUntil - sendFrom) / 2;
                sent += first.receive(exporters, secondFrom);
            }
            try (PrivateListener second = listenerFactory.start()) {
                ports.add(second.port());
                sent += second.receive(exporters, sendUntil);
            }
        } finally {
            detected = detecting.finish();
        }
        return new Result(sent, total(producers, FlowCounters::recordsTotal), detected.matches(),
                total(producers, FlowCounters::handoffWaits), detected, (System.nanoTime() - start) / 1_000_000L,
                List.copyOf(ports), exporters.rounds());
    }

    /**
     * One private listener: its socket, event loop and consumers. Closing it hands the last matches over (on
     * the loop's thread) and closes the socket.
     */
    private static final class PrivateListener implements AutoCloseable {

        interface Factory {
            PrivateListener start() throws IOException;
        }

        private final List<NetworkConsumer> consumers = new CopyOnWriteArrayList<>();
        private final UdpListeners listener;
        private final AtomicBoolean sending = new AtomicBoolean(true);
        private final CountDownLatch handedOver;

        PrivateListener(ListenerSettings settings, IntFunction<NetworkConsumer> consumerForLoop,
                        Clock clock) throws IOException {
            listener = UdpListeners.startUnannounced(settings, loop -> {
                NetworkConsumer consumer = consumerForLoop.apply(loop);
                consumers.add(consumer);
                return consumer;
            }, new ClockMillis(clock));
            listener.scheduleOnEachLoop(loop -> consumers.get(loop).tick(clock.millis()), NetworkConsumer.TICK_MILLIS);
            handedOver = new CountDownLatch(consumers.size());
            listener.scheduleOnEachLoop(loop -> {
                if (!sending.get() && handedOver.getCount() > 0) {
                    consumers.get(loop).ingest().flush();
                    handedOver.countDown();
                }
            }, FINAL_HANDOFF_CHECK_MILLIS);
        }

        int port() {
            return listener.boundPorts().get(0);
        }

        long receive(WarmUpExporters exporters, long untilNanos) throws IOException {
            return exporters.sendUntil(new InetSocketAddress("127.0.0.1", port()), this::datagrams, untilNanos);
        }

        private long datagrams() {
            long n = 0;
            for (NetworkConsumer consumer : consumers) {
                n += consumer.ingest().counters().datagramsTotal();
            }
            return n;
        }

        @Override
        public void close() {
            // The last matches wait for a full batch or 100 ms; hand them over now, on the loop's thread.
            sending.set(false);
            awaitQuietly(handedOver, 10 * FINAL_HANDOFF_CHECK_MILLIS);
            listener.close();
        }
    }

    private static void awaitQuietly(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A counter summed over the warm-up's ingests. */
    private static long total(List<FlowCounters> producers, ToLongFunction<FlowCounters> counter) {
        long n = 0;
        for (FlowCounters c : producers) {
            n += counter.applyAsLong(c);
        }
        return n;
    }
}
