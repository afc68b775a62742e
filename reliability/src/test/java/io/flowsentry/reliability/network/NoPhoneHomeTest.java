package io.flowsentry.reliability.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.flowsentry.reliability.ChildCollector;
import io.flowsentry.reliability.SoftflowdReplay;
import io.flowsentry.reliability.WebhookReceiver;
import io.flowsentry.reliability.network.ConnectAttempts.Attempt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing leaves flowsentry but what its user configured: {@code flowsentry run} in a child JVM under
 * {@code strace}, fed softflowd's SMB export over loopback so that it detects and posts rows to a
 * webhook on loopback, then stopped with SIGTERM. Every connect and addressed send the kernel saw from
 * any of its threads must go to the webhook's address. A dependency that phones home (chronicle-analytics
 * resolving www.google-analytics.com, which the parent pom excludes) shows up as a connect to the
 * nameserver or to the host itself and fails the test; {@link #theCheckSeesAPhoneHome} shows that it does.
 */
class NoPhoneHomeTest {

    private static final Duration START = Duration.ofSeconds(120);
    /** The warm-up's log line names its private listeners: {@code (127.0.0.1:P1, 127.0.0.1:P2, one after the other)}. */
    private static final Pattern WARM_UP_SOCKETS = Pattern.compile("warmed up in \\d+ ms on private loopback listeners \\(([^)]*), one after the other\\)");
    private static final Pattern LOOPBACK_PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+)");

    @Test
    void collectorConnectsOnlyToItsWebhook(@TempDir Path dir) throws Exception {
        assumeTrue(ConnectAttempts.straceWorks(dir), "strace is not installed or ptrace is not permitted here");
        WebhookReceiver receiver = new WebhookReceiver();
        Path trace = dir.resolve("collector.strace");
        int port = SoftflowdReplay.freeUdpPort();
        int webhookPort = receiver.port();
        ChildCollector child = ChildCollector.start(ConnectAttempts.straceWrapper(trace), dir.resolve("data"),
                ChildCollector.writeTestConfig(dir), port, dir.resolve("collector.log"),
                "--webhook", receiver.url());
        try (SoftflowdReplay replay = new SoftflowdReplay(SoftflowdReplay.SMB_MIX_V9, port)) {
            child.awaitStatus(START);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (receiver.posts() == 0 && System.nanoTime() < deadline) {
                replay.sendOnce();
                Thread.sleep(500);
            }
            assertThat(receiver.posts()).as("webhook posts (early rows of the SMB mix)").isPositive();
            assertThat(child.stop(Duration.ofSeconds(60))).isZero();
        } finally {
            child.process().destroyForcibly();
            receiver.close();
        }
        // The collector's start-up warm-up sends synthetic datagrams from itself to its own private
        // listeners on 127.0.0.1 and names their ports in its log: datagrams to its own sockets, exempt by
        // exactly those addresses and ports, nothing wider.
        Matcher warmUp = WARM_UP_SOCKETS.matcher(Files.readString(dir.resolve("collector.log")));
        assertThat(warmUp.find()).as("the collector's log names its warm-up sockets").isTrue();
        Set<Integer> warmUpPorts = new java.util.HashSet<>();
        Matcher ports = LOOPBACK_PORT.matcher(warmUp.group(1));
        while (ports.find()) {
            warmUpPorts.add(Integer.parseInt(ports.group(1)));
        }
        assertThat(warmUpPorts).as("the warm-up's listener ports").isNotEmpty().doesNotContain(webhookPort);
        Set<String> loopback = Set.of("127.0.0.1", "::ffff:127.0.0.1");
        List<Attempt> attempts = ConnectAttempts.read(trace).stream()
                .filter(a -> !ConnectAttempts.isAccountLookup(a))
                .filter(a -> !(loopback.contains(a.address()) && warmUpPorts.contains(a.port()))).toList();
        assertThat(attempts).as("the trace saw the collector's own webhook connections")
                .anyMatch(a -> loopback.contains(a.address()) && a.port() == webhookPort);
        assertThat(attempts).as("connection attempts other than to the configured webhook 127.0.0.1:" + webhookPort)
                .allMatch(a -> loopback.contains(a.address()) && a.port() == webhookPort);
    }

    /**
     * The Kafka scale-out's clients connect to the configured brokers and to nothing else: a forwarder fed
     * the SMB export and a detect worker, each pointed at a loopback socket standing in for a broker (it
     * accepts and never answers, so the clients keep reconnecting to it), traced the same way.
     */
    @Test
    void kafkaForwarderAndWorkerConnectOnlyToTheirBrokers(@TempDir Path dir) throws Exception {
        assumeTrue(ConnectAttempts.straceWorks(dir), "strace is not installed or ptrace is not permitted here");
        try (java.net.ServerSocket broker = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<java.net.Socket> held = new java.util.ArrayList<>();
                try {
                    while (true) {
                        held.add(broker.accept());
                    }
                } catch (IOException closed) {
                    held.forEach(sock -> {
                        try {
                            sock.close();
                        } catch (IOException ignored) {
                            // closing anyway
                        }
                    });
                }
            }, "fake-broker");
            acceptor.setDaemon(true);
            acceptor.start();
            String bootstrap = "127.0.0.1:" + broker.getLocalPort();
            for (String role : List.of("forward", "detect")) {
                Path trace = dir.resolve(role + ".strace");
                Path log = dir.resolve(role + ".log");
                int port = SoftflowdReplay.freeUdpPort();
                ChildCollector child = ChildCollector.start(ConnectAttempts.straceWrapper(trace), dir.resolve(role),
                        ChildCollector.writeTestConfig(dir), port, log, "--kafka-bootstrap", bootstrap,
                        "--kafka-role", role);
                try (SoftflowdReplay replay = new SoftflowdReplay(SoftflowdReplay.SMB_MIX_V9, port)) {
                    child.awaitStatus(START);
                    for (int i = 0; i < 6; i++) {
                        replay.sendOnce();
                        Thread.sleep(500);
                    }
                    assertThat(child.stop(Duration.ofSeconds(90))).isZero();
                } finally {
                    child.process().destroyForcibly();
                }
                Set<Integer> warmUpPorts = new java.util.HashSet<>();
                Matcher warmUp = WARM_UP_SOCKETS.matcher(Files.readString(log));
                if (warmUp.find()) {
                    Matcher ports = LOOPBACK_PORT.matcher(warmUp.group(1));
                    while (ports.find()) {
                        warmUpPorts.add(Integer.parseInt(ports.group(1)));
                    }
                }
                assertThat(warmUpPorts).as(role + ": the warm-up's listener ports").doesNotContain(broker.getLocalPort());
                Set<String> loopback = Set.of("127.0.0.1", "::ffff:127.0.0.1");
                List<Attempt> attempts = ConnectAttempts.read(trace).stream()
                        .filter(a -> !ConnectAttempts.isAccountLookup(a))
                        .filter(a -> !(loopback.contains(a.address()) && warmUpPorts.contains(a.port()))).toList();
                assertThat(attempts).as(role + ": the trace saw the connections to the broker")
                        .anyMatch(a -> loopback.contains(a.address()) && a.port() == broker.getLocalPort());
                assertThat(attempts).as(role + ": connection attempts other than to the configured broker " + bootstrap)
                        .allMatch(a -> loopback.contains(a.address()) && a.port() == broker.getLocalPort());
            }
        }
    }

    /**
     * The shipped class path holds no analytics library: chronicle-analytics in particular, which the
     * parent pom excludes from chronicle-map. A run of the collector proves only the code paths it took;
     * this catches such a dependency whatever conditions it waits for before phoning home.
     */
    @Test
    void shippedLibrariesHoldNoAnalytics() throws IOException {
        List<String> names = ChildCollector.applicationLibraries().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).as("cli/target/lib").anyMatch(n -> n.startsWith("chronicle-map-"))
                .noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).contains("analytics"));
    }

    @Test
    void theCheckSeesAPhoneHome(@TempDir Path dir) throws Exception {
        assumeTrue(ConnectAttempts.straceWorks(dir), "strace is not installed or ptrace is not permitted here");
        assumeTrue(unshareWorks(dir), "unshare -n (a new network namespace) is not permitted here;"
                + " the phone-home control would reach the network, so it is skipped");
        Path trace = dir.resolve("phonehome.strace");
        List<String> cmd = new java.util.ArrayList<>(List.of("unshare", "-n"));
        cmd.addAll(ConnectAttempts.straceWrapper(trace));
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PhoneHome.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("phonehome.log").toFile()).start();
        assertThat(p.waitFor()).as(Files.readString(dir.resolve("phonehome.log"))).isZero();
        List<Attempt> attempts = ConnectAttempts.read(trace).stream()
                .filter(a -> !ConnectAttempts.isAccountLookup(a)).toList();
        // the host lookup (nameserver, or nscd asked by getaddrinfo) and the connect to the literal both
        // remain after the same exemption the collector's check applies
        assertThat(attempts).anyMatch(a -> a.address().equals("192.0.2.1") && a.port() == 443);
        assertThat(attempts).anyMatch(a -> a.port() == 53 || a.address().contains("nscd"));
    }

    private static boolean unshareWorks(Path dir) {
        try {
            Process p = new ProcessBuilder("unshare", "-n", "true").redirectErrorStream(true)
                    .redirectOutput(dir.resolve("unshare.out").toFile()).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
