package io.flowsentry.decoder.corpus;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One capture of the corpus with its tshark oracle, listed from the source's MANIFEST (or PCAPS) rows. */
record CorpusCase(String source, String pcap, String oracle) {

    static final List<String> FLOW_SOURCES = List.of("logstash", "pmacct", "goflow2", "python-netflow", "vflow", "softflowd");

    Path pcapPath() {
        return Corpus.source(source).resolve(pcap);
    }

    Path oraclePath(String suffix) {
        return Corpus.source(source).resolve("oracle").resolve(oracle + suffix);
    }

    /** Every capture: logstash's PCAPS.tsv rows, softflowd's exports, the others' oracle_pcap column. */
    static List<CorpusCase> all() {
        List<CorpusCase> out = new ArrayList<>();
        for (String source : FLOW_SOURCES) {
            Path dir = Corpus.source(source);
            Set<String> pcaps = new LinkedHashSet<>();
            if (Files.exists(dir.resolve("PCAPS.tsv"))) {
                for (Map<String, String> row : Corpus.tsv(dir.resolve("PCAPS.tsv"))) {
                    pcaps.add(row.get("pcap"));
                }
            }
            for (Map<String, String> row : Corpus.tsv(dir.resolve("MANIFEST.tsv"))) {
                String pcap = row.getOrDefault("oracle_pcap", row.get("file"));
                if (pcap != null && pcap.endsWith(".pcap")) {
                    pcaps.add(pcap);
                }
            }
            for (String pcap : pcaps) {
                out.add(new CorpusCase(source, pcap, Corpus.oracleName(pcap)));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return source + "/" + pcap;
    }
}
