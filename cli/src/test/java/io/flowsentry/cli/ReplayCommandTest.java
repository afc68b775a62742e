package io.flowsentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static io.flowsentry.cli.AdminCommandsTest.run;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays corpus captures to a socket on loopback and compares what arrives with tshark's decode of the
 * same capture ({@code oracle/*.json}, the {@code udp.payload} of each frame), an independent reading.
 */
class ReplayCommandTest {

    private static final Path CORPUS = Path.of(System.getProperty("flowsentry.shared.dir"), "corpus");
    /** pmacct 501: 71 frames, 66 IPFIX datagrams from 2001:db8:90::1 and 5 BGP TCP segments. */
    private static final Path PMACCT_501 = CORPUS.resolve("pmacct/raw/501-IPFIXv10-BGP-IPv6-CISCO-MPLS/traffic-00.pcap");
    private static final Path PMACCT_501_ORACLE = CORPUS.resolve("pmacct/oracle/501-IPFIXv10-BGP-IPv6-CISCO-MPLS__traffic-00.json");
    private static final Path SOFTFLOWD_V10 = CORPUS.resolve("softflowd/exports/smb_mix_input__v10_port40012.pcap");

    @TempDir
    Path work;

    private DatagramChannel receiver;
    private int port;

    private record Arrival(byte[] payload, int sourcePort) {
    }

    @BeforeEach
    void listen() throws IOException {
        receiver = DatagramChannel.open();
        receiver.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        receiver.bind(new InetSocketAddress("127.0.0.1", 0));
        receiver.configureBlocking(false);
        port = ((InetSocketAddress) receiver.getLocalAddress()).getPort();
    }

    @AfterEach
    void close() throws IOException {
        receiver.close();
    }

    /** Everything that arrived, waiting (bounded) until {@code expected} datagrams are in, then draining. */
    private List<Arrival> receive(int expected) throws Exception {
        List<Arrival> got = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.allocate(65_535);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (got.size() < expected && System.nanoTime() < deadline) {
            buf.clear();
            InetSocketAddress from = (InetSocketAddress) receiver.receive(buf);
            if (from == null) {
                Thread.sleep(2);
                continue;
            }
            buf.flip();
            byte[] payload = new byte[buf.remaining()];
            buf.get(payload);
            got.add(new Arrival(payload, from.getPort()));
        }
        return got;
    }

    private static List<byte[]> oraclePayloads(Path oracle) throws IOException {
        List<byte[]> payloads = new ArrayList<>();
        for (JsonNode frame : new ObjectMapper().readTree(oracle.toFile())) {
            JsonNode udp = frame.path("_source").path("layers").path("udp");
            if (!udp.isMissingNode()) {
                payloads.add(HexFormat.of().parseHex(udp.get("udp.payload").asText().replace(":", "")));
            }
        }
        return payloads;
    }

    @Test
    void sendsEveryFlowDatagramOfTheCaptureInOrderAsTsharkSeesThem() throws Exception {
        List<byte[]> expected = oraclePayloads(PMACCT_501_ORACLE);
        assertThat(expected).hasSize(66);

        AdminCommandsTest.Run r = run("replay", PMACCT_501.toString(), "--to", "127.0.0.1:" + port, "--rate", "5000");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        int totalBytes = expected.stream().mapToInt(b -> b.length).sum();
        assertThat(r.out().strip()).isEqualTo("sent 66 datagrams (" + totalBytes + " bytes) from 1 exporter(s) to 127.0.0.1:" + port);

        List<Arrival> got = receive(66);
        assertThat(got).hasSize(66);
        for (int i = 0; i < 66; i++) {
            assertThat(got.get(i).payload()).as("datagram %d", i).isEqualTo(expected.get(i));
        }
        // One exporter in the capture: one source socket.
        assertThat(got.stream().map(Arrival::sourcePort).distinct()).hasSize(1);
    }

    @Test
    void loopRepeatsTheCapture() throws Exception {
        AdminCommandsTest.Run r = run("replay", SOFTFLOWD_V10.toString(), "--to", "localhost:" + port, "--loop", "3",
                "--rate", "5000", "--json");
        assertThat(r.exit()).isZero();
        JsonNode summary = new ObjectMapper().readTree(r.out());
        assertThat(summary.get("sent").asLong()).isEqualTo(6);
        assertThat(summary.get("exporters").asLong()).isEqualTo(1);
        assertThat(summary.get("skipped").asLong()).isZero();
        List<Arrival> got = receive(6);
        assertThat(got).hasSize(6);
        Set<String> distinct = new HashSet<>();
        got.forEach(a -> distinct.add(HexFormat.of().formatHex(a.payload())));
        assertThat(distinct).hasSize(2);
        assertThat(got.get(0).payload()).isEqualTo(got.get(2).payload()).isEqualTo(got.get(4).payload());
    }

    @Test
    void refusesTargetsOffLoopbackUnlessAllowed() throws Exception {
        AdminCommandsTest.Run r = run("replay", SOFTFLOWD_V10.toString(), "--to", "192.0.2.1:2055");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to send to 192.0.2.1:2055: not a loopback address").contains("--allow-remote");
        assertThat(r.out()).isEmpty();
        assertThat(receive(0)).isEmpty();
    }

    @Test
    void badInputIsExit2WithOneLine() throws Exception {
        Path text = Files.writeString(work.resolve("notes.txt"), "not a capture at all\n");
        AdminCommandsTest.Run notCapture = run("replay", text.toString(), "--to", "127.0.0.1:" + port);
        assertThat(notCapture.exit()).isEqualTo(2);
        assertThat(notCapture.err().strip()).isEqualTo("flowsentry: " + text + " is not a pcap or pcapng capture");

        AdminCommandsTest.Run missing = run("replay", work.resolve("absent.pcap").toString(), "--to", "127.0.0.1:" + port);
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("no such capture");

        assertThat(run("replay", SOFTFLOWD_V10.toString(), "--to", "127.0.0.1:" + port, "--rate", "0").exit()).isEqualTo(2);
        assertThat(run("replay", SOFTFLOWD_V10.toString(), "--to", "127.0.0.1").exit()).isEqualTo(2);
        assertThat(run("replay", SOFTFLOWD_V10.toString()).exit()).isEqualTo(2);
        assertThat(receive(0)).isEmpty();
    }
}
