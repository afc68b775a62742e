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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second oracle for pmacct's captures: nfacctd's own output ({@code raw/<test>/output-flow-00.json},
 * one line per flow) for all captures of a test, compared as a multiset (nfacctd interleaves the
 * captures of multi-source tests). nfacctd renormalises counters by the sampling rate, so the decoded
 * bytes and packets are multiplied by the record's sampling interval: this checks the interval too
 * (test 104: 1 in 256 from the options data).
 */
class PmacctOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Integer> PROTOCOLS = Map.of(
            "icmp", 1, "ipencap", 4, "tcp", 6, "udp", 17, "ipv6-icmp", 58, "vrrp", 112);

    static Stream<Path> tests() throws IOException {
        try (Stream<Path> s = Files.list(Corpus.source("pmacct").resolve("raw"))) {
            return s.filter(d -> Files.exists(d.resolve("output-flow-00.json")) && Files.exists(d.resolve("traffic-00.pcap")))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{index}: {0}")
    @MethodSource("tests")
    void decodedFlowsEqualNfacctdOutput(Path dir) throws IOException {
        List<String> decoded = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path pcap : s.filter(p -> p.getFileName().toString().matches("traffic-\\d+\\.pcap")).sorted().toList()) {
                for (DecodedFlow f : Replay.of(pcap).flows) {
                    decoded.add(key(f.record()));
                }
            }
        }
        List<String> nfacctd = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("output-flow-00.json"))) {
            if (!line.isBlank()) {
                nfacctd.add(key(JSON.readTree(line)));
            }
        }
        Collections.sort(decoded);
        Collections.sort(nfacctd);
        assertThat(decoded).as(dir.getFileName().toString()).containsExactlyElementsOf(nfacctd);
    }

    private static String key(FlowRecord r) {
        long rate = Math.max(1, r.samplingInterval());
        return IpAddress.toString(r.srcHi(), r.srcLo()) + " " + IpAddress.toString(r.dstHi(), r.dstLo()) + " "
                + r.srcPort() + " " + r.dstPort() + " " + r.protocol() + " " + r.packets() * rate + " " + r.bytes() * rate;
    }

    private static String key(JsonNode o) {
        String proto = o.path("ip_proto").asText();
        Integer number = PROTOCOLS.get(proto);
        long[] src = IpAddress.parse(o.path("ip_src").asText());
        long[] dst = IpAddress.parse(o.path("ip_dst").asText());
        return IpAddress.toString(src[0], src[1]) + " " + IpAddress.toString(dst[0], dst[1]) + " "
                + o.path("port_src").asInt() + " " + o.path("port_dst").asInt() + " "
                + (number != null ? number : Integer.parseInt(proto)) + " " + o.path("packets").asLong() + " " + o.path("bytes").asLong();
    }
}
