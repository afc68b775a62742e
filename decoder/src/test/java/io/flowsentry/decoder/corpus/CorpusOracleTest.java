package io.flowsentry.decoder.corpus;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every flow capture of the corpus, replayed through the pcap reader and the decoder, equals tshark's
 * decode record for record, in order (addresses, ports, protocol, bytes, packets), except where the
 * corpus README documents that tshark is wrong or silent: those captures are checked in
 * {@link CorpusTsharkDiffersTest} against the right answer, and are excluded here by name.
 */
class CorpusOracleTest {

    static List<CorpusCase> cases() {
        List<CorpusCase> out = new ArrayList<>();
        for (CorpusCase c : CorpusCase.all()) {
            if (!TsharkDiffers.NAMES.contains(c.oracle())) {
                out.add(c);
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void recordsEqualTsharkInOrder(CorpusCase c) {
        // pmacct's MANIFEST lists the 400-series and 502 captures, which the corpus does not hold.
        assumeTrue(Files.exists(c.pcapPath()), "capture not in the corpus: " + c.pcapPath());
        Replay replay = Replay.of(c.pcapPath());
        List<OracleFlow> oracle = OracleFlow.tshark(c.oraclePath(".flows.tsv"));
        assertSameFlows(replay.flows, oracle, c.toString());
    }

    static void assertSameFlows(List<DecodedFlow> decoded, List<OracleFlow> oracle, String what) {
        List<String> diffs = new ArrayList<>();
        for (int i = 0; i < Math.min(decoded.size(), oracle.size()); i++) {
            String d = oracle.get(i).differences(decoded.get(i).record());
            if (!d.isEmpty()) {
                diffs.add("record " + i + " (frame " + oracle.get(i).frame() + "/" + decoded.get(i).frame() + "): " + d);
            }
        }
        assertThat(diffs).as(what + ": field differences").isEmpty();
        assertThat(decoded.size()).as(what + ": record count").isEqualTo(oracle.size());
    }
}
