package io.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code flowsentry scan} end to end over the corpus. Expected rows are derived independently of the
 * engine: from softflowd's input truth ({@code input/*.expected_directional_flows.tsv}, one row per
 * direction of each connection, which is one NetFlow/IPFIX record) and from the conn.log's own JSON, with
 * the predicate of DETECTION.md written again here over {@link InetAddress}.
 */
class ScanCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHARED = Path.of(System.getProperty("flowsentry.shared.dir"));
    private static final Path SOFTFLOWD = SHARED.resolve("corpus/softflowd");
    private static final Path ZEEK_SMB = SHARED.resolve("corpus/zeek/raw/zeek-docs/docs_reference_logs_smb.conn.ndjson");

    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int scan(String... args) {
        CommandLine cl = FlowsentryCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "scan";
        System.arraycopy(args, 0, all, 1, args.length);
        return cl.execute(all);
    }

    private List<JsonNode> rows() throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            rows.add(JSON.readTree(line));
        }
        return rows;
    }

    /** Version 3's predicate for a record without app or action (NetFlow from softflowd: action unknown). */
    private static boolean v3Matches(InetAddress dst, int dstPort) {
        if (dstPort != 139 && dstPort != 445) {
            return false;
        }
        byte[] a = dst.getAddress();
        if (a.length != 4) {
            return true;
        }
        int b0 = a[0] & 0xff;
        int b1 = a[1] & 0xff;
        return !(b0 == 10 || b0 == 172 && b1 >= 16 && b1 <= 31 || b0 == 192 && b1 == 168 || b0 == 100 && b1 >= 64 && b1 <= 127);
    }

    /** Per source: the count and the destinations of its matching directional flows. */
    private record Expected(int count, Set<InetAddress> dests, Set<Integer> ports) {
    }

    private static Map<InetAddress, Expected> fromTruth(Path tsv, boolean ipv4Only) throws IOException {
        Map<InetAddress, Expected> bySource = new HashMap<>();
        List<String> lines = Files.readAllLines(tsv);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            InetAddress src = InetAddress.getByName(f[0]);
            InetAddress dst = InetAddress.getByName(f[1]);
            int dstPort = Integer.parseInt(f[3]);
            if (ipv4Only && src.getAddress().length != 4 || !v3Matches(dst, dstPort)) {
                continue;
            }
            Expected e = bySource.getOrDefault(src, new Expected(0, new HashSet<>(), new HashSet<>()));
            e.dests().add(dst);
            e.ports().add(dstPort);
            bySource.put(src, new Expected(e.count() + 1, e.dests(), e.ports()));
        }
        return bySource;
    }

    private static Map<InetAddress, Expected> fromRows(List<JsonNode> rows) throws IOException {
        Map<InetAddress, Expected> bySource = new HashMap<>();
        for (JsonNode r : rows) {
            Set<InetAddress> dests = new HashSet<>();
            for (JsonNode d : r.get("dest_ip")) {
                dests.add(InetAddress.getByName(d.asText()));
            }
            Set<Integer> ports = new HashSet<>();
            r.get("dest_port").forEach(p -> ports.add(p.asInt()));
            assertThat(bySource.put(InetAddress.getByName(r.get("src_ip").asText()),
                    new Expected(r.get("count").asInt(), dests, ports))).as("one row per source").isNull();
        }
        return bySource;
    }

    /** Every softflowd export capture but the biflow one (its records order the two ends by address). */
    static List<String> softflowdExports() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.list(SOFTFLOWD.resolve("exports"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".pcap") && !n.contains("bidir"))
                    .sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("softflowdExports")
    void softflowdExportsGiveTheRowsTheInputTruthImplies(String export) throws Exception {
        Path pcap = SOFTFLOWD.resolve("exports").resolve(export);
        assertThat(scan(pcap.toString())).isEqualTo(0);
        List<JsonNode> rows = rows();
        // softflowd's v5 carries IPv4 only (corpus README); v9 and IPFIX carry both families.
        String input = export.substring(0, export.indexOf("__"));
        String version = export.substring(export.indexOf("__") + 2);
        Map<InetAddress, Expected> expected = fromTruth(
                SOFTFLOWD.resolve("input/" + input + ".expected_directional_flows.tsv"), version.startsWith("v5"));
        assertThat(fromRows(rows)).isEqualTo(expected);
        String sourcetype = version.startsWith("v5") ? "netflow:v5" : version.startsWith("v9") ? "netflow:v9" : "ipfix";
        for (JsonNode r : rows) {
            assertThat(r.get("kind").asText()).isEqualTo("window");
            assertThat(r.get("sourcetype").toString()).isEqualTo("[\"" + sourcetype + "\"]");
            assertThat(r.get("action").toString()).isEqualTo("[\"unknown\"]");
        }
        // Ordered by src_ip as text within the one window each capture spans.
        List<String> sources = rows.stream().map(r -> r.get("src_ip").asText()).toList();
        assertThat(sources).isSorted();
        assertThat(err.toString()).contains("1 capture file(s)").contains(rows.size() + " window, 0 late, 0 early");
    }

    @Test
    void theTruthHasRowsToFind() throws Exception {
        // Guards the test above against a truth that matches nothing: smb_mix has six outbound sources, the
        // link-local smb2readwrite one, the other Zeek traces none (RFC 1918 servers).
        assertThat(fromTruth(SOFTFLOWD.resolve("input/smb_mix_input.expected_directional_flows.tsv"), false)).hasSize(6);
        assertThat(fromTruth(SOFTFLOWD.resolve("input/zeek_btest_smb2readwrite.expected_directional_flows.tsv"), false))
                .hasSize(1);
        assertThat(fromTruth(SOFTFLOWD.resolve("input/zeek_btest_smb3.expected_directional_flows.tsv"), false)).isEmpty();
        assertThat(softflowdExports()).hasSize(21);
    }

    @Test
    void aDirectoryOfExportsWithTheExtendedProfile() throws Exception {
        Path exports = SOFTFLOWD.resolve("exports");
        assertThat(scan("--lateness", "3650d", exports.toString())).isEqualTo(0);
        Set<String> v3Sources = new TreeSet<>();
        rows().forEach(r -> v3Sources.add(r.get("src_ip").asText()));
        // zeek_btest_smb2readwrite is SMB between link-local 169.254/16 hosts: not one of version 3's ranges.
        assertThat(v3Sources).containsExactly("10.10.1.21", "10.10.1.22", "10.10.1.26", "10.10.1.28", "10.10.1.29",
                "169.254.128.18", "fd00:10:10::21");
        assertThat(err.toString()).contains("22 capture file(s)", "other file(s) skipped", "0 late");

        out.getBuffer().setLength(0);
        assertThat(scan("--lateness", "3650d", "--profile", "extended", exports.toString())).isEqualTo(0);
        List<JsonNode> rows = rows();
        Set<String> extendedSources = new TreeSet<>();
        rows.forEach(r -> extendedSources.add(r.get("src_ip").asText()));
        assertThat(extendedSources).containsExactly("10.10.1.21", "10.10.1.22", "10.10.1.26", "10.10.1.28",
                "10.10.1.29", "fd00:10:10::21");
        for (JsonNode r : rows) {
            assertThat(r.get("profile").asText()).isEqualTo("extended");
            if (r.get("src_ip").asText().equals("fd00:10:10::21")) {
                // The unique-local fd00:20::5 and documentation 2001:db8:4::139 are not the Internet.
                assertThat(r.get("dest_ip").toString()).isEqualTo("[\"2606:4700:4700::1111\"]");
            }
        }
    }

    @Test
    void inputsOutOfTimeOrderGiveLateRowsWithTheDefaultLateness() throws Exception {
        // softflowd without -a stamps flows with its wall clock (2027 here), with -a with the input's (2023):
        // reading the 2027 export first publishes nothing for 2023, whose flows then come late.
        Path a = SOFTFLOWD.resolve("exports/smb_mix_input__v10_port40012.pcap");
        Path b = SOFTFLOWD.resolve("exports/smb_mix_input__v5_pcaptime_port40030.pcap");
        assertThat(scan(a.toString(), b.toString())).isEqualTo(0);
        List<JsonNode> rows = rows();
        assertThat(rows).extracting(r -> r.get("kind").asText()).containsOnly("window", "late");
        assertThat(rows.stream().filter(r -> r.get("kind").asText().equals("late")).count()).isEqualTo(5);
        assertThat(rows.get(0).get("window_start").asText()).isEqualTo("2023-11-14T22:00:00");
        assertThat(rows.get(0).get("kind").asText()).isEqualTo("late");
    }

    @Test
    void earlyRowsOnRequest() throws Exception {
        Path pcap = SOFTFLOWD.resolve("exports/smb_mix_input__v9_port40011.pcap");
        assertThat(scan("--early", pcap.toString())).isEqualTo(0);
        List<JsonNode> rows = rows();
        assertThat(rows.stream().filter(r -> r.get("kind").asText().equals("early")).count()).isEqualTo(6);
        assertThat(rows.stream().filter(r -> r.get("kind").asText().equals("window")).count()).isEqualTo(6);
        // Each source's early row comes just before its window row.
        for (int i = 0; i < rows.size(); i += 2) {
            assertThat(rows.get(i).get("kind").asText()).isEqualTo("early");
            assertThat(rows.get(i + 1).get("src_ip")).isEqualTo(rows.get(i).get("src_ip"));
        }
    }

    @Test
    void anAssetsFileRemovesInternalDestinations() throws Exception {
        Path assets = tmp.resolve("assets.csv");
        Files.writeString(assets, "cidr,category\n52.84.0.0/16,internal|cloud\n");
        Path pcap = SOFTFLOWD.resolve("exports/smb_mix_input__v5_port40010.pcap");
        assertThat(scan("--assets", assets.toString(), pcap.toString())).isEqualTo(0);
        assertThat(rows()).extracting(r -> r.get("src_ip").asText())
                .containsExactly("10.10.1.22", "10.10.1.26", "10.10.1.28", "10.10.1.29");
    }

    @Test
    void theZeekCorpusHasNoOutboundSmb() throws Exception {
        // Its SMB connections (zeek-docs smb.conn.ndjson) all go to 192.168.10.0/24.
        assertThat(scan(SHARED.resolve("corpus/zeek").toString())).isEqualTo(0);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("conn.log file(s)").contains("0 matched");
    }

    /**
     * The zeek-docs SMB log with its 192.168.10.0/24 responders moved to 198.18.10.0/24 (benchmarking, not one
     * of version 3's ranges), gzip-compressed: the same connections, now outbound.
     */
    private Path outboundZeekLog() throws IOException {
        Path gz = tmp.resolve("conn.log.gz");
        String text = Files.readString(ZEEK_SMB).replace("\"id.resp_h\":\"192.168.10.", "\"id.resp_h\":\"198.18.10.");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return gz;
    }

    @Test
    void aGzipConnLogGivesOneRowPerHourWithItsServicesAndStates() throws Exception {
        Path gz = outboundZeekLog();
        assertThat(scan("--lateness", "3650d", gz.toString())).isEqualTo(0);
        List<JsonNode> rows = rows();
        // Independently: every line with resp_p 139/445 or service exactly "smb", conn_state not REJ.
        List<JsonNode> expected = new ArrayList<>();
        for (String line : Files.readAllLines(ZEEK_SMB)) {
            JsonNode c = JSON.readTree(line);
            int port = c.get("id.resp_p").asInt();
            String service = c.has("service") ? c.get("service").asText() : null;
            if ((port == 139 || port == 445 || "smb".equals(service)) && !"REJ".equals(c.get("conn_state").asText())) {
                expected.add(c);
            }
        }
        expected.sort((x, y) -> Double.compare(x.get("ts").asDouble(), y.get("ts").asDouble()));
        assertThat(rows).hasSize(expected.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode r = rows.get(i);
            JsonNode c = expected.get(i);
            long ts = (long) Math.floor(c.get("ts").asDouble());
            assertThat(r.get("start_time").asText()).isEqualTo(java.time.Instant.ofEpochSecond(ts).toString().replace("Z", ""));
            assertThat(r.get("src_ip").asText()).isEqualTo(c.get("id.orig_h").asText());
            assertThat(r.get("dest_ip").toString()).isEqualTo("[\"" + c.get("id.resp_h").asText().replace("192.168.10.", "198.18.10.") + "\"]");
            assertThat(r.get("app").toString()).isEqualTo("[\"" + c.get("service").asText() + "\"]");
            assertThat(r.get("action").toString()).isEqualTo("[\"allowed\"]");
            assertThat(r.get("sourcetype").toString()).isEqualTo("[\"zeek:conn:json\"]");
            assertThat(r.get("count").asInt()).isEqualTo(1);
        }
    }

    @Test
    void theSameLogInFileOrderWithTheDefaultLatenessHasALateRow() throws Exception {
        // Line 4 (2017-12-06) moves event time past line 5's window (2017-10-20), which was thus published.
        assertThat(scan(outboundZeekLog().toString())).isEqualTo(0);
        List<JsonNode> rows = rows();
        assertThat(rows).hasSize(4);
        assertThat(rows).filteredOn(r -> r.get("kind").asText().equals("late"))
                .extracting(r -> r.get("window_start").asText()).containsExactly("2017-10-20T18:00:00");
    }

    @Test
    void badInputIsExitCodeTwoWithOneLine() throws Exception {
        assertThat(scan(tmp.resolve("nope.pcap").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("flowsentry scan: " + tmp.resolve("nope.pcap") + ": no such file or directory\n");

        err.getBuffer().setLength(0);
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "hello\nworld\n");
        assertThat(scan(text.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("flowsentry scan: " + text + ": neither a pcap/pcapng capture nor a Zeek conn.log\n");

        err.getBuffer().setLength(0);
        Path config = tmp.resolve("f.yaml");
        Files.writeString(config, "detection: {window: 2 hours}\n");
        assertThat(scan("--config", config.toString(), text.toString())).isEqualTo(2);
        assertThat(err.toString()).startsWith("flowsentry scan: detection.window: '2 hours' is not a duration").hasLineCount(1);

        err.getBuffer().setLength(0);
        assertThat(scan("--profile", "v14", text.toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("flowsentry scan: --profile: 'v14' is not a profile (known: escu-v3, extended)\n");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aGzipCaptureGivesTheSameRowsAsThePlainOne() throws Exception {
        Path pcap = SOFTFLOWD.resolve("exports/smb_mix_input__v9_port40011.pcap");
        assertThat(scan(pcap.toString())).isEqualTo(0);
        String plain = out.toString();
        Path gz = tmp.resolve("exports.pcap.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(pcap, o);
        }
        out.getBuffer().setLength(0);
        assertThat(scan(gz.toString())).isEqualTo(0);
        assertThat(out.toString()).isEqualTo(plain).isNotEmpty();
    }
}
