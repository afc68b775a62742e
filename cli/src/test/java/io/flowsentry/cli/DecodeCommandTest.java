package io.flowsentry.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecodeCommandTest {

    private static final Path CORPUS = Path.of(System.getProperty("flowsentry.shared.dir", "../../shared"), "corpus");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = FlowsentryCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private List<String> lines() {
        return out.toString().isEmpty() ? List.of() : Arrays.asList(out.toString().split("\\R"));
    }

    @Test
    void decodesAPcapToOneJsonLinePerRecord() {
        int code = run("decode", CORPUS.resolve("goflow2/pcap/v5_6flows.pcap").toString());
        assertThat(code).isZero();
        assertThat(lines()).hasSize(6);
        // goflow2 TestDecodeNetFlowV5 / tshark oracle v5_6flows.flows.tsv row 1.
        assertThat(lines().get(0)).isEqualTo("{\"time_start\":\"2018-10-22T11:52:48.921Z\",\"time_end\":\"2018-10-22T11:52:48.925Z\","
                + "\"src_ip\":\"10.128.2.121\",\"dest_ip\":\"10.128.2.1\",\"src_port\":8080,\"dest_port\":47384,\"transport\":6,"
                + "\"bytes\":590,\"packets\":5,\"tcp_flags\":27,\"action\":\"unknown\",\"app\":null,\"sourcetype\":\"netflow:v5\","
                + "\"exporter\":\"192.0.2.10\",\"observation_domain\":2056,\"sampling_interval\":0}");
        assertThat(err.toString()).contains("6 flow records from 1 datagrams").contains("decode.flow_records: 6");
    }

    @Test
    void portRestrictsTheDatagramsOfACapture() {
        assertThat(run("decode", "--port", "2055", CORPUS.resolve("goflow2/pcap/v5_6flows.pcap").toString())).isZero();
        assertThat(lines()).hasSize(6);
        out.getBuffer().setLength(0);
        assertThat(run("decode", "--port", "9995", CORPUS.resolve("goflow2/pcap/v5_6flows.pcap").toString())).isZero();
        assertThat(lines()).isEmpty();
    }

    @Test
    void rawFilesShareTemplatesInFileOrder() {
        Path raw = CORPUS.resolve("goflow2/raw");
        int code = run("decode", raw.resolve("netflow_TestDecodeNetFlowV9_template_v9_ed43fe7fb7.bin").toString(),
                raw.resolve("netflow_TestDecodeNetFlowV9_data_v9_8b3adb7e5f.bin").toString());
        assertThat(code).isZero();
        assertThat(lines()).hasSize(21);
        assertThat(lines().get(0)).contains("\"src_ip\":\"198.38.120.222\"", "\"dest_ip\":\"88.121.217.208\"",
                "\"bytes\":1500", "\"packets\":1", "\"sourcetype\":\"netflow:v9\"", "\"exporter\":null");
    }

    @Test
    void rawConcatenatedSplitsEachPduByItsLength() {
        Path file = CORPUS.resolve("logstash/raw/ipfix.dat");
        assertThat(run("decode", file.toString())).isZero();
        // One datagram: only the first of the 3 IPFIX messages (6 flows, as logstash and tshark).
        assertThat(lines()).hasSize(6);
        out.getBuffer().setLength(0);
        assertThat(run("decode", "--raw-concatenated", file.toString())).isZero();
        // Split: 6 + 1 + 5 flows, as tshark decodes the split pcap (logstash/oracle/ipfix.flows.tsv).
        assertThat(lines()).hasSize(12);
    }

    @Test
    void decodesZeekConnLogsOfBothFormsDetectedFromTheContent(@TempDir Path dir) throws Exception {
        // MANIFEST.tsv: 92 data lines (TSV with header), 5 (JSON lines); the same reader gunzips.
        Path tsv = CORPUS.resolve("zeek/raw/brimdata-zed/wrccdc2018_excerpt_conn.log");
        Path json = CORPUS.resolve("zeek/raw/zeek-docs/docs_reference_logs_smb.conn.ndjson");
        Path gz = dir.resolve("conn.log.gz");
        try (var zip = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
            zip.write(Files.readAllBytes(json));
        }
        assertThat(run("decode", tsv.toString(), json.toString(), gz.toString())).isZero();
        assertThat(lines()).hasSize(92 + 5 + 5);
        assertThat(lines().subList(0, 92)).allMatch(l -> l.contains("\"sourcetype\":\"zeek:conn\""));
        assertThat(lines().subList(92, 102)).allMatch(l -> l.contains("\"sourcetype\":\"zeek:conn:json\""));
        // The first JSON line of the Zeek documentation's smb conn.log, as written there.
        assertThat(lines().get(92)).contains("\"src_ip\":\"192.168.10.31\"", "\"dest_ip\":\"192.168.10.10\"",
                "\"src_port\":49282", "\"dest_port\":445", "\"transport\":6", "\"app\":\"gssapi,smb,dce_rpc,krb\"");
        assertThat(err.toString()).contains("102 flow records").contains("conn.log: lines=").contains(" records=102");
    }

    @Test
    void aFileThatIsNoCaptureIsExit2WithOneLine(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello, not a capture\n");
        assertThat(run("decode", text.toString())).isEqualTo(2);
        assertThat(err.toString().trim().split("\\R")).hasSize(1);
        assertThat(err.toString()).contains("notes.txt").contains("not a pcap/pcapng capture");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMissingFileIsExit2WithOneLine(@TempDir Path dir) {
        assertThat(run("decode", dir.resolve("absent.pcap").toString())).isEqualTo(2);
        assertThat(err.toString().trim()).isEqualTo("flowsentry decode: cannot read " + dir.resolve("absent.pcap") + ": no such file");
    }

    @Test
    void malformedPayloadIsCountedNotFatal() {
        // vflow multiMessage: malformed options template and 257 trailing bytes.
        assertThat(run("decode", CORPUS.resolve("vflow/raw/ipfix_multiMessage_v10.bin").toString())).isZero();
        assertThat(err.toString()).contains("decode.template_truncated: 1").contains("decode.trailing_bytes: 1");
    }

    @Test
    void helpShowsExamples() {
        assertThat(run("decode", "--help")).isZero();
        assertThat(out.toString()).contains("Examples:").contains("--raw-concatenated").contains("--port");
    }
}
