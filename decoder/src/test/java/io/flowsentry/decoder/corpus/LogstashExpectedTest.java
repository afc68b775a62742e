package io.flowsentry.decoder.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second oracle: the full events Logstash's own tests expect ({@code logstash/expected/*.json},
 * {@code events_by_decode_index}). Logstash numbers flow and options records together in packet order,
 * as tshark lists them, so decode index i is tshark row i (of either kind); the flows among them are
 * compared with the decoded records: addresses, ports, protocol, bytes, packets, reverse bytes.
 */
class LogstashExpectedTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PCAP = Pattern.compile("tshark oracle pcap: \\.\\./(pcap/\\S+\\.pcap)");

    static Stream<Path> expectedFiles() throws IOException {
        try (Stream<Path> s = Files.list(Corpus.source("logstash").resolve("expected"))) {
            return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("expectedFiles")
    void decodedFlowsMatchLogstashEvents(Path expectedFile) throws IOException {
        JsonNode expected = JSON.readTree(expectedFile.toFile());
        Matcher m = PCAP.matcher(expected.path("note").asText());
        JsonNode events = expected.path("events_by_decode_index");
        if (!m.find() || events.isEmpty()) {
            return; // only asserts no exception, or no full event given
        }
        String pcap = m.group(1);
        Replay replay = Replay.of(Corpus.source("logstash").resolve(pcap));
        List<String> kinds = new ArrayList<>();
        for (Map<String, String> row : Corpus.tsv(Corpus.source("logstash").resolve("oracle/" + Corpus.oracleName(pcap) + ".flows.tsv"))) {
            kinds.add(row.get("kind"));
        }
        int beyondTshark = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = events.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            int index = Integer.parseInt(e.getKey());
            if (index >= kinds.size()) {
                beyondTshark++;
                continue;
            }
            if (!kinds.get(index).equals("flow")) {
                continue; // an options record
            }
            int flow = (int) kinds.subList(0, index).stream().filter("flow"::equals).count();
            assertThat(replay.flows.size()).as(pcap + " has flow " + flow).isGreaterThan(flow);
            assertEvent(e.getValue().path("netflow"), replay.flows.get(flow).record(), pcap + " event " + index);
        }
        // Only where tshark stops early (H3C, checked in CorpusTsharkDiffersTest) are there events beyond its rows.
        assertThat(beyondTshark == 0 || TsharkDiffers.NAMES.contains(Corpus.oracleName(pcap)))
                .as(pcap + ": events beyond tshark's rows").isTrue();
    }

    private static void assertEvent(JsonNode nf, FlowRecord r, String what) {
        String src = address(nf, "ipv4_src_addr", "sourceIPv4Address", "ipv6_src_addr", "sourceIPv6Address");
        String dst = address(nf, "ipv4_dst_addr", "destinationIPv4Address", "ipv6_dst_addr", "destinationIPv6Address");
        if (src != null) {
            assertThat(IpAddress.toString(r.srcHi(), r.srcLo())).as(what + " src").isEqualTo(canonical(src));
        }
        if (dst != null) {
            assertThat(IpAddress.toString(r.dstHi(), r.dstLo())).as(what + " dst").isEqualTo(canonical(dst));
        }
        Long v;
        if ((v = first(nf, "l4_src_port", "sourceTransportPort")) != null) {
            assertThat((long) r.srcPort()).as(what + " src port").isEqualTo(v);
        }
        if ((v = first(nf, "l4_dst_port", "destinationTransportPort")) != null) {
            assertThat((long) r.dstPort()).as(what + " dst port").isEqualTo(v);
        }
        if ((v = first(nf, "protocol", "protocolIdentifier")) != null) {
            assertThat((long) r.protocol()).as(what + " protocol").isEqualTo(v);
        }
        if ((v = first(nf, "in_bytes", "octetDeltaCount", "octetTotalCount", "in_permanent_bytes", "fwd_flow_delta_bytes")) != null) {
            assertThat(r.bytes()).as(what + " bytes").isEqualTo(v);
        }
        if ((v = first(nf, "in_pkts", "packetDeltaCount", "packetTotalCount")) != null) {
            assertThat(r.packets()).as(what + " packets").isEqualTo(v);
        }
        if ((v = first(nf, "reverseOctetDeltaCount", "reverseOctetTotalCount", "rev_flow_delta_bytes")) != null) {
            assertThat(r.reverseBytes()).as(what + " reverse bytes").isEqualTo(v);
        }
    }

    /** The IPv4 address, unless it is 0.0.0.0 beside a real IPv6 one (then the flow is IPv6). */
    private static String address(JsonNode nf, String v4a, String v4b, String v6a, String v6b) {
        String v4 = nf.has(v4a) ? nf.get(v4a).asText() : nf.has(v4b) ? nf.get(v4b).asText() : null;
        String v6 = nf.has(v6a) ? nf.get(v6a).asText() : nf.has(v6b) ? nf.get(v6b).asText() : null;
        if (v6 != null && !canonical(v6).equals("::") && (v4 == null || v4.equals("0.0.0.0"))) {
            return v6;
        }
        return v4;
    }

    private static String canonical(String address) {
        long[] a = IpAddress.parse(address);
        return IpAddress.toString(a[0], a[1]);
    }

    private static Long first(JsonNode nf, String... names) {
        for (String n : names) {
            if (nf.has(n) && nf.get(n).isNumber()) {
                return nf.get(n).asLong();
            }
        }
        return null;
    }
}
