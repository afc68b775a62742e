package io.flowsentry.cli;

import io.flowsentry.collector.publish.FilePublisher;
import io.flowsentry.collector.publish.PublishedRow;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DetectionsCommandTest {

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static String row(String kind, String src, String windowStart, String windowEnd, String destIps, int count) {
        return "{\"rule_id\":\"1bed7774-304a-4e8f-9d72-d80e45ff492b\",\"rule_name\":\"Detect Outbound SMB Traffic\","
                + "\"window_start\":\"" + windowStart + "\",\"window_end\":\"" + windowEnd + "\",\"src_ip\":\"" + src + "\","
                + "\"start_time\":\"2026-11-27T10:03:12\",\"end_time\":\"2026-11-27T10:41:07\",\"action\":[\"allowed\"],"
                + "\"app\":[],\"dest_ip\":[" + destIps + "],\"dest_port\":[139,445],\"sourcetype\":[\"ipfix\"],"
                + "\"count\":" + count + ",\"kind\":\"" + kind + "\",\"risk_score\":25}";
    }

    private void publishAt(String instant, PublishedRow... rows) {
        try (FilePublisher publisher = new FilePublisher(dataDir.resolve("detections"),
                Clock.fixed(Instant.parse(instant), ZoneOffset.UTC))) {
            publisher.publish(List.of(rows));
        }
    }

    @BeforeEach
    void publishTwoDays() {
        publishAt("2026-11-26T23:30:00Z",
                new PublishedRow("a", "window", 0, "10.0.0.1", row("window", "10.0.0.1", "2026-11-26T22:00:00", "2026-11-26T23:00:00", "\"198.51.100.7\"", 17)));
        publishAt("2026-11-27T10:03:13Z",
                new PublishedRow("b", "early", 0, "10.9.9.9", row("early", "10.9.9.9", "2026-11-27T10:00:00", "2026-11-27T11:00:00", "\"203.0.113.9\"", 1)));
        publishAt("2026-11-27T11:10:00Z",
                new PublishedRow("c", "window", 0, "10.9.9.9", row("window", "10.9.9.9", "2026-11-27T10:00:00", "2026-11-27T11:00:00",
                        "\"1.1.1.1\",\"2.2.2.2\",\"3.3.3.3\",\"4.4.4.4\"", 5)),
                new PublishedRow("d", "window", 0, "2001:db8::5", row("window", "2001:db8::5", "2026-11-27T10:00:00", "2026-11-27T11:00:00", "\"2001:db8:1::1\"", 2)));
    }

    private int run(String... args) {
        CommandLine cl = FlowsentryCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 3];
        all[0] = "detections";
        all[1] = "--data-dir";
        all[2] = dataDir.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return cl.execute(all);
    }

    private List<String> outLines() {
        return out.toString().lines().toList();
    }

    @Test
    void tableListsRowsNewestFirstAcrossDays() {
        assertThat(run()).isEqualTo(0);
        List<String> lines = outLines();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).startsWith("TIME").contains("KIND", "SRC_IP", "DEST_IP", "DEST_PORT", "COUNT", "WINDOW");
        // d and c were published in one batch: d is the later line of the file, so the newer.
        assertThat(lines.get(1)).matches("2026-11-27T11:10:00 +window +2001:db8::5 +2001:db8:1::1 +139,445 +2 +2026-11-27T10:00:00/11:00:00");
        assertThat(lines.get(2)).matches("2026-11-27T11:10:00 +window +10\\.9\\.9\\.9 +1\\.1\\.1\\.1,2\\.2\\.2\\.2,3\\.3\\.3\\.3,\\+1 +139,445 +5 +.*");
        assertThat(lines.get(3)).startsWith("2026-11-27T10:03:13  early");
        assertThat(lines.get(4)).startsWith("2026-11-26T23:30:00  window").contains("198.51.100.7", "2026-11-26T22:00:00/23:00:00");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void jsonPrintsTheLinesAsPublished() throws Exception {
        assertThat(run("--json", "--since", "2026-11-27")).isEqualTo(0);
        List<String> file = Files.readAllLines(dataDir.resolve("detections").resolve("detections-2026-11-27.jsonl"));
        assertThat(outLines()).containsExactly(file.get(2), file.get(1), file.get(0));
    }

    @Test
    void filtersCombine() {
        assertThat(run("--json", "--kind", "window", "--src", "10.0.0.0/8")).isEqualTo(0);
        assertThat(outLines()).extracting(l -> l.replaceAll(".*\"row_id\":\"([a-z])\".*", "$1")).containsExactly("c", "a");

        out.getBuffer().setLength(0);
        assertThat(run("--json", "--src", "2001:db8::/32")).isEqualTo(0);
        assertThat(outLines()).hasSize(1).allMatch(l -> l.contains("\"row_id\":\"d\""));

        out.getBuffer().setLength(0);
        assertThat(run("--json", "--src", "10.9.9.9", "--since", "2026-11-27T10:30:00Z")).isEqualTo(0);
        assertThat(outLines()).hasSize(1).allMatch(l -> l.contains("\"row_id\":\"c\""));

        out.getBuffer().setLength(0);
        assertThat(run("--json", "--src", "10.9.9.8/32")).isEqualTo(0);
        assertThat(outLines()).isEmpty();
    }

    @Test
    void limitKeepsTheNewestAndSaysSo() {
        assertThat(run("--limit", "2")).isEqualTo(0);
        assertThat(outLines()).hasSize(3);
        assertThat(outLines().get(2)).contains("10.9.9.9");
        assertThat(err.toString().trim()).isEqualTo("flowsentry detections: showing the newest 2 rows (--limit 0 for all)");
    }

    @Test
    void badArgumentsGiveOneErrorLineAndExitCode2() {
        for (String[] args : new String[][] {{"--since", "2x"}, {"--src", "10.0.0.0/33"}, {"--src", "host.example"},
                {"--kind", "weekly"}, {"--limit", "-1"}}) {
            err.getBuffer().setLength(0);
            assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
            assertThat(err.toString().lines().toList()).as(String.join(" ", args)).hasSize(1)
                    .allMatch(l -> l.startsWith("flowsentry detections: invalid " + args[0]));
        }
        err.getBuffer().setLength(0);
        assertThat(run("--limit", "many")).isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(1)
                .allMatch(l -> l.startsWith("flowsentry detections: Invalid value for option '--limit'"));
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anEmptyDataDirectoryPrintsOnlyTheHeader(@TempDir Path empty) {
        CommandLine cl = FlowsentryCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("detections", "--data-dir", empty.toString())).isEqualTo(0);
        assertThat(outLines()).hasSize(1).allMatch(l -> l.startsWith("TIME"));
    }

    @Test
    void sinceAcceptsDurationsAndUtcTimes() {
        Instant now = Instant.parse("2026-11-27T12:00:00Z");
        assertThat(DetectionsCommand.parseSince("30m", now)).isEqualTo(Instant.parse("2026-11-27T11:30:00Z"));
        assertThat(DetectionsCommand.parseSince("2h", now)).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(DetectionsCommand.parseSince("7d", now)).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
        assertThat(DetectionsCommand.parseSince("90s", now)).isEqualTo(Instant.parse("2026-11-27T11:58:30Z"));
        assertThat(DetectionsCommand.parseSince("2026-11-27T10:00:00+01:00", now)).isEqualTo(Instant.parse("2026-11-27T09:00:00Z"));
        assertThat(DetectionsCommand.parseSince("2026-11-27T10:00:00", now)).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
        assertThat(DetectionsCommand.parseSince("2026-11-27", now)).isEqualTo(Instant.parse("2026-11-27T00:00:00Z"));
    }

    @Test
    void sourceFilterMatchesPrefixesOfBothFamilies() {
        var v4 = DetectionsCommand.parseSource("172.16.0.0/12");
        assertThat(DetectionsCommand.holds(v4, "172.31.255.255")).isTrue();
        assertThat(DetectionsCommand.holds(v4, "172.32.0.0")).isFalse();
        assertThat(DetectionsCommand.holds(v4, "::ffff:172.20.1.1")).as("IPv4-mapped is IPv4").isTrue();
        assertThat(DetectionsCommand.holds(DetectionsCommand.parseSource("0.0.0.0/0"), "2001:db8::1"))
                .as("IPv4 /0 holds only IPv4").isFalse();
        assertThat(DetectionsCommand.holds(DetectionsCommand.parseSource("::/0"), "10.0.0.1")).isTrue();
        var v6 = DetectionsCommand.parseSource("2001:db8:8000::/33");
        assertThat(DetectionsCommand.holds(v6, "2001:db8:8000::1")).isTrue();
        assertThat(DetectionsCommand.holds(v6, "2001:db8:7fff::1")).isFalse();
        assertThat(DetectionsCommand.holds(DetectionsCommand.parseSource("10.1.2.3"), "10.1.2.3")).as("an address is its /32").isTrue();
    }
}
