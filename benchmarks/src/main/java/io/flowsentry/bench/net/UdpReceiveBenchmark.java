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
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One sender, one listener socket on loopback (one event loop): datagrams of 1,400 bytes (a full NetFlow v9
 * export) per second received and handed to a consumer, with recvmmsg off (1 datagram per read) or on (16),
 * and UDP_GRO off or on. Also prints the receive thread's CPU time per datagram, the cost recvmmsg lowers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class UdpReceiveBenchmark {

    private static final int BATCH = 256;
    private static final int PAYLOAD = 1_400;

    @Param({"1", "16"})
    int datagramsPerRead;

    @Param({"false", "true"})
    boolean udpGro;

    private UdpListeners listeners;
    private DatagramChannel sender;
    private InetSocketAddress target;
    private final ByteBuffer payload = ByteBuffer.allocateDirect(PAYLOAD);
    private final AtomicLong received = new AtomicLong();
    private volatile long receiveThreadId = -1;
    private long lost;
    private long cpuAtStart;
    private long receivedAtStart;

    @Setup(Level.Trial)
    public void start() throws IOException {
        ListenerSettings settings = ListenerSettings.defaults()
                .withAddresses(List.of(new ListenAddress("127.0.0.1", 0))).withEventLoops(1)
                .withReceiveBufferBytes(4 << 20).withDatagramsPerRead(datagramsPerRead).withUdpGro(udpGro);
        listeners = UdpListeners.start(settings, loop -> (hi, lo, port, buf, at) -> {
            if (receiveThreadId < 0) {
                receiveThreadId = Thread.currentThread().getId();
            }
            received.lazySet(received.get() + 1);
        }, System::currentTimeMillis);
        target = new InetSocketAddress("127.0.0.1", listeners.boundPorts().get(0));
        sender = DatagramChannel.open();
        sender.connect(target);
        for (int i = 0; i < PAYLOAD; i++) {
            payload.put(i, (byte) i);
        }
        payload.putShort(0, (short) 9);
    }

    @Setup(Level.Iteration)
    public void markCpu() {
        cpuAtStart = receiveCpu();
        receivedAtStart = received.get();
    }

    @TearDown(Level.Iteration)
    public void reportCpu() {
        long datagrams = received.get() - receivedAtStart;
        if (datagrams > 0 && cpuAtStart >= 0) {
            System.out.printf("  [receive thread: %.0f ns CPU per datagram over %d datagrams; %d lost]%n",
                    (receiveCpu() - cpuAtStart) / (double) datagrams, datagrams, lost);
        }
    }

    private long receiveCpu() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return receiveThreadId < 0 ? -1 : threads.getThreadCpuTime(receiveThreadId);
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        sender.close();
        listeners.close();
    }

    /** Sends a batch and waits until the consumer has it (or 1 s passed: counted as lost). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long sendAndReceive() throws IOException {
        long goal = received.get() + BATCH;
        for (int i = 0; i < BATCH; i++) {
            payload.clear();
            sender.write(payload);
        }
        long deadline = System.nanoTime() + 1_000_000_000L;
        while (received.get() < goal) {
            if (System.nanoTime() > deadline) {
                lost += goal - received.get();
                break;
            }
            Thread.onSpinWait();
        }
        return received.get();
    }
}
