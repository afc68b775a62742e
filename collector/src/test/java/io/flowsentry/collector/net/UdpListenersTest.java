package io.flowsentry.collector.net;

import io.flowsentry.flow.IpAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Real sockets on loopback: datagrams sent with a plain DatagramSocket, received by the listeners. */
class UdpListenersTest {

    private record Received(String exporter, int exporterPort, String payload, long receivedAt, String thread) {
    }

    private static final long CLOCK = 1_700_000_000_123L;

    private final LinkedBlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final List<Integer> consumersCreated = Collections.synchronizedList(new ArrayList<>());
    private UdpListeners listeners;

    private DatagramConsumerFactory recordingFactory() {
        return loop -> {
            consumersCreated.add(loop);
            return (hi, lo, port, payload, at) -> {
                byte[] copy = new byte[payload.remaining()];
                payload.get(payload.position(), copy);
                received.add(new Received(IpAddress.toString(hi, lo), port, new String(copy, StandardCharsets.US_ASCII),
                        at, Thread.currentThread().getName()));
            };
        };
    }

    private UdpListeners start(ListenerSettings settings, DatagramConsumerFactory factory) {
        listeners = UdpListeners.start(settings, factory, () -> CLOCK);
        return listeners;
    }

    @AfterEach
    void stop() {
        if (listeners != null) {
            listeners.close();
        }
    }

    private static ListenerSettings loopback(String host, int eventLoops) {
        return ListenerSettings.defaults().withAddresses(List.of(new ListenAddress(host, 0))).withEventLoops(eventLoops)
                .withReceiveBufferBytes(1 << 20);
    }

    private static void send(DatagramSocket socket, String host, int port, String text) throws Exception {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        socket.send(new DatagramPacket(b, b.length, new InetSocketAddress(InetAddress.getByName(host), port)));
    }

    /** Waits for a condition that the traffic makes true; bounded so a broken listener fails, not hangs. */
    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within the bound").isTrue();
    }

    @Test
    void deliversEachDatagramWithTheExporterAddressPortAndClock() throws Exception {
        UdpListeners l = start(loopback("127.0.0.1", 2), recordingFactory());
        int port = l.boundPorts().get(0);
        assertThat(port).isPositive();
        assertThat(consumersCreated).containsExactlyInAnyOrder(0, 1);
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            for (int i = 0; i < 5; i++) {
                send(sender, "127.0.0.1", port, "datagram-" + i);
            }
            List<Received> got = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                Received r = received.poll(10, TimeUnit.SECONDS);
                assertThat(r).as("datagram %d arrived", i).isNotNull();
                got.add(r);
            }
            assertThat(got).extracting(Received::payload)
                    .containsExactly("datagram-0", "datagram-1", "datagram-2", "datagram-3", "datagram-4");
            assertThat(got).allSatisfy(r -> {
                assertThat(r.exporter()).isEqualTo("127.0.0.1");
                assertThat(r.exporterPort()).isEqualTo(sender.getLocalPort());
                assertThat(r.receivedAt()).isEqualTo(CLOCK);
                assertThat(r.thread()).startsWith("flowsentry-udp");
            });
            // One sender (one 4-tuple) reaches one socket, so one thread, whatever SO_REUSEPORT spreads.
            assertThat(got).extracting(Received::thread).containsOnly(got.get(0).thread());
        }
        ListenerStatus status = l.status().get(0);
        assertThat(status.datagrams()).isEqualTo(5);
        assertThat(status.bytes()).isEqualTo(5 * "datagram-0".length());
        assertThat(status.denied()).isZero();
        assertThat(status.sockets()).isEqualTo(l.epoll() ? 2 : 1);
        assertThat(status.receiveBufferBytes()).isPositive();
        if (new KernelUdpDrops(java.nio.file.Path.of("/proc/net/udp"), java.nio.file.Path.of("/proc/net/udp6")).available()) {
            assertThat(status.kernelDrops()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void theNioTransportDeliversTheSameWithOneSocketPerListener() throws Exception {
        listeners = UdpListeners.start(loopback("127.0.0.1", 2), recordingFactory(), () -> CLOCK, false);
        assertThat(listeners.epoll()).isFalse();
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(sender, "127.0.0.1", listeners.boundPorts().get(0), "over-nio");
            Received r = received.poll(10, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.exporter()).isEqualTo("127.0.0.1");
            assertThat(r.exporterPort()).isEqualTo(sender.getLocalPort());
            assertThat(r.payload()).isEqualTo("over-nio");
        }
        ListenerStatus status = listeners.status().get(0);
        assertThat(status.sockets()).isEqualTo(1);
        // 1 MiB asked; the JDK reports the value in the units it was asked in, capped at rmem_max.
        java.nio.file.Path rmemMax = java.nio.file.Path.of("/proc/sys/net/core/rmem_max");
        if (java.nio.file.Files.isReadable(rmemMax)) {
            // readAllLines: Files.readString returns only the first byte of a /proc/sys file on JDK 17.
            int cap = Integer.parseInt(java.nio.file.Files.readAllLines(rmemMax).get(0).strip());
            assertThat(status.receiveBufferBytes()).isEqualTo(Math.min(1 << 20, cap));
        }
    }

    @Test
    void ipv6SendersArriveInTheirIpv6Form() throws Exception {
        UdpListeners l = start(loopback("::1", 1), recordingFactory());
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            send(sender, "::1", l.boundPorts().get(0), "v6");
            Received r = received.poll(10, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.exporter()).isEqualTo("::1");
            assertThat(r.payload()).isEqualTo("v6");
        }
    }

    @Test
    void aDualStackListenerReportsIpv4SendersInIpv4Form() throws Exception {
        UdpListeners l = start(loopback("::", 1), recordingFactory());
        try (DatagramSocket v4 = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket v6 = new DatagramSocket(new InetSocketAddress("::1", 0))) {
            send(v4, "127.0.0.1", l.boundPorts().get(0), "from-v4");
            Received r4 = received.poll(10, TimeUnit.SECONDS);
            send(v6, "::1", l.boundPorts().get(0), "from-v6");
            Received r6 = received.poll(10, TimeUnit.SECONDS);
            assertThat(r4).isNotNull();
            assertThat(r6).isNotNull();
            // ::ffff:127.0.0.1 on the wire of a dual-stack socket is the same 128-bit value as 127.0.0.1.
            assertThat(r4.exporter()).isEqualTo("127.0.0.1");
            assertThat(r6.exporter()).isEqualTo("::1");
        }
    }

    @Test
    void datagramsFromSendersOutsideTheAllowlistAreCountedAndNeverDecoded() throws Exception {
        ExporterAllowlist only127_0_0_2 = ExporterAllowlist.of(List.of("127.0.0.2/32"));
        UdpListeners l = start(loopback("0.0.0.0", 1).withAllowlist(only127_0_0_2), recordingFactory());
        int port = l.boundPorts().get(0);
        try (DatagramSocket denied = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             DatagramSocket allowed = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            send(denied, "127.0.0.1", port, "from-127.0.0.1-a");
            send(denied, "127.0.0.1", port, "from-127.0.0.1-b");
            send(denied, "127.0.0.1", port, "from-127.0.0.1-c");
            awaitTrue(() -> l.status().get(0).denied() == 3);
            send(allowed, "127.0.0.1", port, "from-127.0.0.2");
            Received r = received.poll(10, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.exporter()).isEqualTo("127.0.0.2");
            assertThat(r.payload()).isEqualTo("from-127.0.0.2");
        }
        assertThat(received).isEmpty();
        ListenerStatus status = l.status().get(0);
        assertThat(status.denied()).isEqualTo(3);
        assertThat(status.datagrams()).isEqualTo(1);
    }

    @Test
    void aThrowingConsumerIsCountedAndTheNextDatagramStillArrives() throws Exception {
        Map<String, Integer> seen = new ConcurrentHashMap<>();
        UdpListeners l = start(loopback("127.0.0.1", 1), loop -> (hi, lo, port, payload, at) -> {
            String text = StandardCharsets.US_ASCII.decode(payload).toString();
            seen.merge(text, 1, Integer::sum);
            if (text.equals("poison")) {
                throw new IllegalStateException("decoder bug");
            }
        });
        int port = l.boundPorts().get(0);
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(sender, "127.0.0.1", port, "poison");
            send(sender, "127.0.0.1", port, "fine");
            awaitTrue(() -> seen.containsKey("fine"));
        }
        assertThat(l.status().get(0).consumerFailures()).isEqualTo(1);
        assertThat(l.status().get(0).datagrams()).isEqualTo(2);
    }

    @Test
    void aLargeDatagramArrivesWhole() throws Exception {
        UdpListeners l = start(loopback("127.0.0.1", 1), recordingFactory());
        String big = "x".repeat(60_000);
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            sender.setSendBufferSize(1 << 17);
            send(sender, "127.0.0.1", l.boundPorts().get(0), big);
            Received r = received.poll(10, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.payload()).hasSize(60_000).isEqualTo(big);
        }
    }

    @Test
    void aBusyPortIsReportedWithTheAddress() throws Exception {
        try (DatagramSocket squatter = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            ListenerSettings settings = ListenerSettings.defaults()
                    .withAddresses(List.of(new ListenAddress("127.0.0.1", squatter.getLocalPort()))).withEventLoops(1);
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> UdpListeners.start(settings, recordingFactory(), () -> 0L))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen on udp 127.0.0.1:" + squatter.getLocalPort());
        }
    }

    @Test
    void datagramsTheKernelDroppedShowInTheListenersDropCount() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(KernelUdpDrops.system().available(), "no /proc/net/udp here");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        // A small buffer and a consumer held on the first datagram: the socket queue overflows.
        UdpListeners l = start(loopback("127.0.0.1", 1).withReceiveBufferBytes(16 * 1024).withDatagramsPerRead(1),
                loop -> (hi, lo, port, payload, at) -> {
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
        int sent = 400;
        try (DatagramSocket sender = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            String payload = "x".repeat(1_200);
            for (int i = 0; i < sent; i++) {
                send(sender, "127.0.0.1", l.boundPorts().get(0), payload);
            }
        } finally {
            release.countDown();
        }
        // Loopback loses nothing else: every datagram was either handed on or dropped by the kernel.
        awaitTrue(() -> l.status().get(0).datagrams() + l.status().get(0).kernelDrops() == sent);
        assertThat(l.status().get(0).kernelDrops()).isPositive();
    }

    @Test
    void aRefusedPrivilegedPortNamesTheCapability() {
        // The text Netty's native bind reports for EACCES (errno 13).
        Exception denied = new java.io.IOException("bind(..) failed with error(-13): Permission denied");
        assertThat(UdpListeners.privilegedPortHint(514, denied)).contains("CAP_NET_BIND_SERVICE")
                .contains("systemctl edit flowsentry");
        assertThat(UdpListeners.privilegedPortHint(2055, denied)).isEmpty();
        assertThat(UdpListeners.privilegedPortHint(514, new java.io.IOException("Address already in use"))).isEmpty();
    }

    @Test
    void closeStopsReceiving() throws Exception {
        UdpListeners l = start(loopback("127.0.0.1", 2), recordingFactory());
        int port = l.boundPorts().get(0);
        l.close();
        listeners = null;
        // The port is free again: a plain socket can bind it.
        try (DatagramSocket again = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }
}
