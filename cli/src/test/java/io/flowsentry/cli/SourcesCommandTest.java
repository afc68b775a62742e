package io.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import io.flowsentry.store.aggregate.ChronicleSourceAggregates;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesCommandTest {

    static final long W10 = 1_795_773_600_000L; // 2026-11-27T10:00:00Z

    @TempDir
    Path dataDir;

    private final CommandOutput cli = new CommandOutput();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "sources";
        all[1] = "--data-dir";
        all[2] = dataDir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return cli.run(all);
    }

    private void write() throws Exception {
        try (ChronicleSourceAggregates store = ChronicleSourceAggregates.open(dataDir.resolve("aggregates"),
                ChronicleSourceAggregates.Options.defaults().withCapacity(100))) {
            FlowRecord f = new FlowRecord();
            String[][] flows = {
                    {"10.0.0.2", "2.2.2.2", "139", "60", "unknown", null, "netflow:v5"},
                    {"10.0.0.2", "100.200.1.1", "445", "120", "unknown", null, "netflow:v9"},
                    {"10.0.0.2", "11.0.0.1", "1445", "180", "allowed", "smb", "zeek:conn"},
                    {"10.0.0.1", "198.18.7.7", "445", "5", "unknown", null, "ipfix"},
            };
            for (String[] r : flows) {
                long[] s = IpAddress.parse(r[0]);
                long[] d = IpAddress.parse(r[1]);
                f.reset().src(s[0], s[1]).dst(d[0], d[1]).dstPort(Integer.parseInt(r[2]))
                        .timeStart(W10 + Long.parseLong(r[3]) * 1000).bytes(10).packets(1)
                        .action(Action.fromText(r[4])).app(r[5]).sourceType(SourceType.fromText(r[6]));
                store.add(W10, f);
            }
        }
    }

    @Test
    void jsonRowsLargestCountFirstWithValuesSortedAsText() throws Exception {
        write();
        assertThat(run("--json")).isZero();
        assertThat(out.toString()).isEqualTo(
                "{\"window_start\":\"2026-11-27T10:00:00\",\"src_ip\":\"10.0.0.2\",\"start_time\":\"2026-11-27T10:01:00\","
                        + "\"end_time\":\"2026-11-27T10:03:00\",\"action\":[\"allowed\",\"unknown\"],\"app\":[\"smb\"],"
                        + "\"dest_ip\":[\"100.200.1.1\",\"11.0.0.1\",\"2.2.2.2\"],\"dest_port\":[139,1445,445],"
                        + "\"sourcetype\":[\"netflow:v5\",\"netflow:v9\",\"zeek:conn\"],\"count\":3,\"bytes\":30,\"packets\":3,"
                        + "\"truncated\":false,\"dest_ip_overflow\":0,\"dest_ip_estimate\":3,\"dest_port_overflow\":0,"
                        + "\"dest_port_estimate\":3,\"app_overflow\":0}\n"
                        + "{\"window_start\":\"2026-11-27T10:00:00\",\"src_ip\":\"10.0.0.1\",\"start_time\":\"2026-11-27T10:00:05\","
                        + "\"end_time\":\"2026-11-27T10:00:05\",\"action\":[\"unknown\"],\"app\":[],"
                        + "\"dest_ip\":[\"198.18.7.7\"],\"dest_port\":[445],\"sourcetype\":[\"ipfix\"],\"count\":1,"
                        + "\"bytes\":10,\"packets\":1,\"truncated\":false,\"dest_ip_overflow\":0,\"dest_ip_estimate\":1,"
                        + "\"dest_port_overflow\":0,\"dest_port_estimate\":1,\"app_overflow\":0}\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void tableWithTop() throws Exception {
        write();
        assertThat(run("--top", "1")).isZero();
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("WINDOW_START").contains("SRC_IP", "COUNT");
        assertThat(lines[1]).startsWith("2026-11-27T10:00:00  10.0.0.2 ").contains(" 3  2026-11-27T10:01:00  2026-11-27T10:03:00  3 ")
                .contains("139,1445,445").endsWith("smb / allowed,unknown");
        assertThat(lines[2]).isEqualTo("(1 of 2 aggregates; --top 0 shows all)");
    }

    @Test
    void noAggregatesYetIsNotAnError() {
        assertThat(run()).isZero();
        assertThat(out.toString()).isEqualTo("no aggregates in " + dataDir.resolve("aggregates") + "\n");
        out.getBuffer().setLength(0);
        assertThat(run("--json")).isZero();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void missingDataDirectoryAndBadTopAreExit2() {
        assertThat(run("--top", "-1")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("flowsentry sources: invalid --top: -1 (expected: 0 for all, or a positive count)\n");
        CommandOutput other = new CommandOutput();
        assertThat(other.run("sources", "--data-dir", dataDir.resolve("nope").toString())).isEqualTo(2);
        assertThat(other.err()).isEqualTo("flowsentry sources: no such data directory: " + dataDir.resolve("nope") + "\n");
    }
}
