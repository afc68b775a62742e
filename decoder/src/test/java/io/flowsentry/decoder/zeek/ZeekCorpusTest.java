package io.flowsentry.decoder.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every conn.log of ../shared/corpus/zeek, against the counts its MANIFEST.tsv states (data_lines,
 * ipv6_rows, the SMB column, the canonified-ts rows and header notes), worked out here from the
 * manifest and the file's own column names, not from the reader's output.
 */
class ZeekCorpusTest {

    private static final Path ZEEK = Path.of(System.getProperty("flowsentry.shared.dir", "../shared"), "corpus", "zeek");
    private static final Pattern CANONIFIED = Pattern.compile("(\\d+) rows with canonified ts");

    /**
     * Where MANIFEST.tsv is wrong, the right number, checked by hand (awk over the file):
     * <ul>
     * <li>the manifest counts IPv6 rows in the {@code id.orig_h}/{@code id.resp_h} columns only, so the
     *     logs written with a field-name map or {@code scope_sep "_"} show 0; their {@code src}/{@code dst}
     *     ({@code id_orig_h}/{@code id_resp_h}) columns hold 3 IPv6 rows, as their siblings
     *     field-extension*.log (same trace) do;
     * <li>head-canonified field-extension-invalid has one canonified {@code ts} (after three unset
     *     {@code _write_ts}, {@code _stream}, {@code _system_name} columns) that its note omits.
     * </ul>
     */
    private static final java.util.Map<String, Integer> IPV6_CORRECTED = java.util.Map.of(
            "raw/zeek-btest-2020/Baseline__scripts.base.frameworks.logging.field-name-map__conn.log", 3,
            "raw/zeek-btest-2020/Baseline__scripts.base.frameworks.logging.scope_sep__conn.log", 3,
            "raw/zeek-btest-2020/Baseline__scripts.base.frameworks.logging.scope_sep_and_field_name_map__conn.log", 3);
    private static final java.util.Map<String, Integer> CANONIFIED_CORRECTED = java.util.Map.of(
            "raw/zeek-btest-head-canonified/scripts.base.frameworks.logging.field-extension-invalid__conn.log", 1);

    record Row(String file, String format, int dataLines, String smb, int ipv6Rows, String notes) {
        @Override
        public String toString() {
            return file;
        }
    }

    static Stream<Row> manifest() throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(ZEEK.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            rows.add(new Row(f[0], f[1], Integer.parseInt(f[2]), f[3], Integer.parseInt(f[4]), f[8]));
        }
        assertThat(rows).hasSizeGreaterThan(200);
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("manifest")
    void readsAsTheManifestSays(Row row) throws IOException {
        Path file = ZEEK.resolve(row.file());
        List<FlowRecord> records = new ArrayList<>();
        ConnLogCounters counters = new ConnLogCounters();
        ConnLogFormat format;
        try (InputStream in = Files.newInputStream(file)) {
            format = ConnLogReader.read(in, row.file(), r -> records.add(new FlowRecord().copyFrom(r)), counters);
        }

        Matcher m = CANONIFIED.matcher(row.notes());
        int canonified = CANONIFIED_CORRECTED.getOrDefault(row.file(), m.find() ? Integer.parseInt(m.group(1)) : 0);
        boolean zeekCut = row.notes().contains("zeek-cut style");
        boolean noHeader = row.notes().contains("NO #fields/#types header");

        if (row.format().equals("JSON")) {
            assertThat(format).isEqualTo(ConnLogFormat.JSON);
            assertThat(records).hasSize(row.dataLines());
            assertThat(counters.badTotal()).isZero();
            assertContent(row, records);
            return;
        }
        if (noHeader && !zeekCut) {
            // Rows without any names: nothing tells which column is which.
            assertThat(format).isEqualTo(ConnLogFormat.NOT_CONN_LOG);
            assertThat(records).isEmpty();
            assertThat(counters.bad(BadLine.NO_HEADER)).isEqualTo(row.dataLines());
            return;
        }
        assertThat(format).isEqualTo(zeekCut ? ConnLogFormat.TSV_ZEEK_CUT : ConnLogFormat.TSV_HEADER);
        int dataRows = zeekCut ? row.dataLines() - 1 : row.dataLines();
        if (hasRequiredColumns(columnNames(file, zeekCut))) {
            assertThat(records).hasSize(dataRows - canonified);
            assertThat(counters.bad(BadLine.BAD_TIME)).isEqualTo(canonified);
            assertThat(counters.badTotal()).isEqualTo(canonified);
            if (canonified == 0) {
                assertContent(row, records);
            }
        } else {
            assertThat(records).isEmpty();
            assertThat(counters.bad(BadLine.MISSING_REQUIRED_FIELD)).isEqualTo(dataRows);
            assertThat(counters.badTotal()).isEqualTo(dataRows);
        }
    }

    private static void assertContent(Row row, List<FlowRecord> records) {
        long ipv6 = records.stream()
                .filter(r -> !IpAddress.isIpv4(r.srcHi(), r.srcLo()) || !IpAddress.isIpv4(r.dstHi(), r.dstLo()))
                .count();
        assertThat(ipv6).as("ipv6 rows").isEqualTo((long) IPV6_CORRECTED.getOrDefault(row.file(), row.ipv6Rows()));
        long smb = records.stream()
                .filter(r -> r.dstPort() == 139 || r.dstPort() == 445
                        || (r.app() != null && Arrays.asList(r.app().split(",")).contains("smb")))
                .count();
        int expectedSmb = row.smb().startsWith("yes(") ? Integer.parseInt(row.smb().substring(4, row.smb().length() - 1)) : 0;
        assertThat(smb).as("smb rows").isEqualTo(expectedSmb);
        for (FlowRecord r : records) {
            assertThat(r.timeEnd()).isGreaterThanOrEqualTo(r.timeStart());
            assertThat(r.sourceType()).isNotNull();
        }
    }

    private static List<String> columnNames(Path file, boolean zeekCut) throws IOException {
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (!zeekCut && line.startsWith("#fields\t")) {
                return Arrays.asList(line.substring("#fields\t".length()).split("\t", -1));
            }
            if (zeekCut && !line.startsWith("#")) {
                return Arrays.asList(line.split("\t", -1));
            }
        }
        throw new AssertionError("no column names in " + file);
    }

    private static boolean hasRequiredColumns(List<String> names) {
        return names.contains("ts")
                && names.stream().anyMatch(Set.of("id.orig_h", "id_orig_h", "src", "src_ip")::contains)
                && names.stream().anyMatch(Set.of("id.resp_h", "id_resp_h", "dst", "dst_ip")::contains)
                && names.stream().anyMatch(Set.of("id.resp_p", "id_resp_p", "dst_port")::contains);
    }
}
