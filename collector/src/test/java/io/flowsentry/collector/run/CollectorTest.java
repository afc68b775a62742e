package io.flowsentry.collector.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowsentry.collector.admin.CollectorStatus;
import io.flowsentry.collector.config.ConfigLoader;
import io.flowsentry.collector.config.FlowsentryConfig;
import io.flowsentry.collector.config.HostPort;
import io.flowsentry.decoder.pcap.CaptureReader;
import io.flowsentry.flow.IpAddress;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flowsentry run} end to end in one JVM: softflowd's real exports of the corpus input replayed over
 * UDP into a running collector; the early rows published to the daily file name exactly the sources that
 * the input pcap's truth (tshark's per-direction flows) implies under DETECTION.md's predicate.
 */
class CollectorTest {

    static final Path SOFTFLOWD = Path.of(System.getProperty("flowsentry.shared.dir"), "corpus", "softflowd");
    static final String[] EXPORTS = {
            "exports/smb_mix_input__v5_port40010.pcap",
            "exports/smb_mix_input__v9_port40011.pcap",
            "exports/smb_mix_input__v10_port40012.pcap"};

    @TempDir
    Path dataDir;

    @Test
    void publishesEarlyRowsForTheOutboundSmbSourcesOfTheInput() throws Exception {
        FlowsentryConfig config = testConfig();
        List<byte[]> datagrams = new ArrayList<>();
        for (String export : EXPORTS) {
            datagrams.addAll(payloads(SOFTFLOWD.resolve(export)));
        }
        try (Collector collector = Collector.start(config, null, Clock.systemUTC())) {
            int port = collector.boundPorts().get(0);
            send(datagrams, port);
            // softflowd exported 27 (v5, IPv4 only), 37 (v9) and 37 (IPFIX) records: the MANIFEST counts.
            await(() -> collector.status().recordsTotal() == 27 + 37 + 37);
            CollectorStatus status = collector.status();
            assertThat(status.recordsTotal()).isEqualTo(27 + 37 + 37);
            assertThat(status.datagramsTotal()).isEqualTo(datagrams.size());
            assertThat(status.recordsBySourcetype()).containsEntry("netflow:v5", 27L)
                    .containsEntry("netflow:v9", 37L).containsEntry("ipfix", 37L);
            Path day = dataDir.resolve("detections");
            Set<String> expected = expectedSources();
            await(() -> earlySources(day).equals(expected));
            assertThat(earlySources(day)).isEqualTo(expected).isNotEmpty();
        }
        assertThat(dataDir.resolve("run").toFile().list()).isEmpty();
        // A clean stop leaves no marker: the next start opens the map without recovery.
        try (Collector again = Collector.start(testConfig(), null, Clock.systemUTC())) {
            assertThat(again.store().recovered()).isFalse();
            assertThat(again.store().size()).isGreaterThan(0);
        }
    }

    @Test
    void followsZeekConnLogsIntoTheSamePipeline() throws Exception {
        Path zeekDir = Files.createDirectories(dataDir.resolve("zeek-logs"));
        String header = String.join("\n",
                "#separator \\x09", "#set_separator\t,", "#empty_field\t(empty)", "#unset_field\t-", "#path\tconn",
                "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration"
                        + "\torig_bytes\tresp_bytes\tconn_state",
                "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring");
        // One SMB connection to a public address (a detection) and one to 192.168/16 (excluded by ESCU v3).
        String lines = String.join("\n",
                "1795773605.100000\tCa\t10.1.2.3\t49282\t198.51.100.7\t445\ttcp\tgssapi,smb\t0.2\t100\t200\tSF",
                "1795773606.100000\tCb\t10.1.2.4\t49283\t192.168.10.10\t445\ttcp\tsmb\t0.2\t100\t200\tSF");
        Files.writeString(zeekDir.resolve("conn.log"), header + "\n" + lines + "\n");
        FlowsentryConfig config = ConfigLoader.parse("store: {capacity_sources: 10000}\nmetrics: {listen: null}\n"
                        + "zeek: {directories: ['" + zeekDir + "'], poll_interval: 50ms}\n", "test")
                .withListeners(List.of(new HostPort("127.0.0.1", 0))).withDataDir(dataDir);
        try (Collector collector = Collector.start(config, null, Clock.systemUTC())) {
            await(() -> collector.status().recordsBySourcetype().get("zeek:conn") == 2L);
            assertThat(collector.status().recordsBySourcetype()).containsEntry("zeek:conn", 2L);
            Path day = dataDir.resolve("detections");
            await(() -> !earlySources(day).isEmpty());
            assertThat(earlySources(day)).containsExactly("10.1.2.3");
        }
    }

    private FlowsentryConfig testConfig() {
        FlowsentryConfig c = ConfigLoader.parse("""
                store: {capacity_sources: 10000}
                metrics: {listen: null}
                """, "test");
        return c.withListeners(List.of(new HostPort("127.0.0.1", 0))).withDataDir(dataDir);
    }

    /**
     * The predicate of DETECTION.md applied, independently of the engine, to tshark's directional flows of
     * the input pcap: destination port 139 or 445, destination outside the four version-3 ranges.
     */
    static Set<String> expectedSources() {
        Set<String> out = new TreeSet<>();
        try (Stream<String> lines = Files.lines(SOFTFLOWD.resolve("input/smb_mix_input.expected_directional_flows.tsv"))) {
            lines.skip(1).forEach(line -> {
                String[] f = line.split("\t");
                int dport = Integer.parseInt(f[3]);
                if ((dport == 139 || dport == 445) && !inV3Ranges(f[1])) {
                    long[] src = IpAddress.parse(f[0]);
                    out.add(IpAddress.toString(src[0], src[1]));
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static boolean inV3Ranges(String address) {
        long[] a = IpAddress.parse(address);
        if (!IpAddress.isIpv4(a[0], a[1])) {
            return false;
        }
        long v4 = a[1] & 0xffff_ffffL;
        return (v4 >>> 24) == 10 || (v4 >>> 20) == 0xac1 || (v4 >>> 16) == 0xc0a8 || (v4 >>> 22) == (100 << 2 | 1);
    }

    static Set<String> earlySources(Path detections) {
        Set<String> out = new TreeSet<>();
        if (!Files.isDirectory(detections)) {
            return out;
        }
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(detections)) {
            for (Path f : files.toList()) {
                for (String line : Files.readAllLines(f)) {
                    JsonNode row = json.readTree(line);
                    if (row.get("kind").asText().equals("early")) {
                        out.add(row.get("src_ip").asText());
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    static List<byte[]> payloads(Path pcap) throws Exception {
        List<byte[]> out = new ArrayList<>();
        new CaptureReader().read(Files.readAllBytes(pcap), d -> {
            byte[] p = new byte[d.payloadLength()];
            System.arraycopy(d.buffer(), d.payloadOffset(), p, 0, p.length);
            out.add(p);
        });
        return out;
    }

    static void send(List<byte[]> datagrams, int port) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            InetAddress loopback = InetAddress.getLoopbackAddress();
            for (byte[] d : datagrams) {
                socket.send(new DatagramPacket(d, d.length, loopback, port));
            }
        }
    }

    /**
     * Polls a condition for at most 30 s (a bound for a busy CI machine, not a speed claim); the assertion
     * that follows says what differs when it never held.
     */
    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }
}
