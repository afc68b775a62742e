package io.flowsentry.bench.net;

import io.flowsentry.collector.net.ListenAddress;
import io.flowsentry.collector.net.ListenerSettings;
import io.flowsentry.collector.net.UdpListeners;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One listener socket on loopback (one event loop) receiving datagrams of 1,400 bytes (a full NetFlow v9
 * export), with recvmmsg off (1 datagram per read) or on (16), and UDP_GRO off or on.
 * <ul>
 *   <li>{@code steady}: one sender, batches of 256 sent and awaited: the receiver wakes for nearly every
 *   datagram, as under a light, steady load;</li>
 *   <li>{@code burst}: the receive thread is held while 2,048 datagrams queue in the socket (as when it was
 *   descheduled, or a burst arrives), then released: the measured time is the drain alone, where reading
 *   many datagrams per system call can pay off.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UdpReceiveBenchmark {

    static final int PAYLOAD = 1_400;
    static final int STEADY_BATCH = 256;
    /** 2,048 x ~2,304 bytes of skb truesize = 4.7 MB, inside the 8 MiB the kernel grants for a 4 MiB request. */
    static final int BURST = 2_048;

    @State(Scope.Benchmark)
    public abstract static class Listener {
        @Param({"1", "16"})
        int datagramsPerRead;

        @Param({"false", "true"})
        boolean udpGro;

        UdpListeners listeners;
        DatagramChannel sender;
        final ByteBuffer payload = ByteBuffer.allocateDirect(PAYLOAD);
        final AtomicLong received = new AtomicLong();
        volatile CountDownLatch gate;
        volatile boolean held;

        @Setup(Level.Trial)
        public void start() throws IOException {
            ListenerSettings settings = ListenerSettings.defaults()
                    .withAddresses(List.of(new ListenAddress("127.0.0.1", 0))).withEventLoops(1)
                    .withReceiveBufferBytes(4 << 20).withDatagramsPerRead(datagramsPerRead).withUdpGro(udpGro);
            listeners = UdpListeners.start(settings, loop -> (hi, lo, port, buf, at) -> {
                CountDownLatch g = gate;
                if (g != null) {
                    held = true;
                    try {
                        g.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                received.lazySet(received.get() + 1);
            }, System::currentTimeMillis);
            sender = DatagramChannel.open();
            sender.connect(new InetSocketAddress("127.0.0.1", listeners.boundPorts().get(0)));
            payload.putShort(0, (short) 9);
        }

        void send(int count) throws IOException {
            for (int i = 0; i < count; i++) {
                payload.clear();
                sender.write(payload);
            }
        }

        /** Waits until {@code goal} datagrams were consumed; false after 2 s (kernel drops). */
        boolean awaitReceived(long goal) {
            long deadline = System.nanoTime() + 2_000_000_000L;
            while (received.get() < goal) {
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.onSpinWait();
            }
            return true;
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            CountDownLatch g = gate;
            if (g != null) {
                g.countDown();
            }
            sender.close();
            listeners.close();
        }
    }

    public static class Steady extends Listener {
    }

    public static class Burst extends Listener {
        long goal;

        /** Holds the receive thread on one datagram, then queues {@link #BURST} more behind it. */
        @Setup(Level.Invocation)
        public void queueBurst() throws IOException, InterruptedException {
            held = false;
            gate = new CountDownLatch(1);
            goal = received.get() + 1 + BURST;
            send(1);
            while (!held) {
                Thread.onSpinWait();
            }
            send(BURST);
        }
    }

    @Benchmark
    @OperationsPerInvocation(STEADY_BATCH)
    public boolean steady(Steady s) throws IOException {
        long goal = s.received.get() + STEADY_BATCH;
        s.send(STEADY_BATCH);
        return s.awaitReceived(goal);
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public boolean burst(Burst s) {
        CountDownLatch g = s.gate;
        s.gate = null;
        g.countDown();
        return s.awaitReceived(s.goal);
    }
}
