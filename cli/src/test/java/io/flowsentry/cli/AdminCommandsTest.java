package io.flowsentry.cli;

import io.flowsentry.collector.admin.AdminChannel;
import io.flowsentry.collector.admin.AdminJson;
import io.flowsentry.collector.admin.CollectorStatus;
import io.flowsentry.collector.admin.RunInfo;
import io.flowsentry.collector.net.ListenerStatus;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code status} and {@code reload} against a real admin channel in this process. */
class AdminCommandsTest {

    /**
     * This JVM's own start: the run file's start time is checked against the process's real start (a later
     * process start means a reused pid), so the fixed clock must not lie before it.
     */
    private static final Instant JVM_START = ProcessHandle.current().info().startInstant().orElseThrow()
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(JVM_START.plusMillis(250), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = FlowsentryCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static CollectorStatus status() {
        return new CollectorStatus(ProcessHandle.current().pid(), "0.1.0", JVM_START.toString(),
                List.of(new ListenerStatus("0.0.0.0:2055", 2055, 2, 4_194_304, 1_500, 2_100_000, 4, 0, 12),
                        new ListenerStatus("0.0.0.0:4739", 4739, 2, 4_194_304, 10, 14_000, 0, 0, 0)),
                List.of(new CollectorStatus.ExporterStatus("192.0.2.1", List.of(5, 9), 3, "2026-11-28T05:10:00Z", 1_400, 2),
                        new CollectorStatus.ExporterStatus("2001:db8::7", List.of(10), 1, "2026-11-28T05:10:01Z", 110, 0)),
                1_510, 45_000, Map.of("NETFLOW_V5", 15_000L, "NETFLOW_V9", 29_000L, "IPFIX", 1_000L), 75.5, 12, 6, 2,
                "retrying (3 failures, last: HTTP 503)", 3, 41, false, 1_536, 70);
    }

    @Test
    void statusPrintsTheTablesAndTheJson() throws Exception {
        try (AdminChannel ignored = AdminChannel.start(dataDir, AdminCommandsTest::status, () -> { }, CLOCK, false)) {
            Run human = run("status", "--data-dir", dataDir.toString());
            assertThat(human.exit()).isZero();
            assertThat(human.err()).isEmpty();
            assertThat(human.out())
                    .contains("records     45000 total, 75.5/s (IPFIX 1000, NETFLOW_V5 15000, NETFLOW_V9 29000)")
                    .contains("datagrams   1510 total, kernel drops 12")
                    .contains("windows     6 open")
                    .contains("handoff     receive threads waited 3 times for the detection thread, 41 ms in all;"
                            + " 1536 matches waiting, 70 batches of 512 made")
                    .contains("outbox      2 rows waiting, webhook retrying (3 failures, last: HTTP 503)")
                    .containsPattern("LISTENER +SOCKETS +SO_RCVBUF +DATAGRAMS +BYTES +DENIED +KERNEL DROPS")
                    .containsPattern("0\\.0\\.0\\.0:2055 +2 +4194304 +1500 +2100000 +4 +12")
                    .containsPattern("192\\.0\\.2\\.1 +5,9 +3 +1400 +2 +2026-11-28T05:10:00Z")
                    .containsPattern("2001:db8::7 +10 +1 +110 +0 +2026-11-28T05:10:01Z");

            Run json = run("status", "--data-dir", dataDir.toString(), "--json");
            assertThat(json.exit()).isZero();
            var tree = AdminJson.mapper().readTree(json.out());
            assertThat(tree.get("datagrams_total").asLong()).isEqualTo(1_510);
            assertThat(tree.get("records_total").asLong()).isEqualTo(45_000);
            assertThat(tree.get("records_by_sourcetype").get("NETFLOW_V5").asLong()).isEqualTo(15_000);
            assertThat(tree.get("listeners").get(0).get("kernel_drops").asLong()).isEqualTo(12);
            assertThat(tree.get("handoff_waits_total").asLong()).isEqualTo(3);
            assertThat(tree.get("handoff_wait_millis_total").asLong()).isEqualTo(41);
            assertThat(tree.get("handoff_pending_matches").asLong()).isEqualTo(1_536);
            assertThat(tree.get("handoff_batches").asInt()).isEqualTo(70);
            assertThat(tree.get("kafka").get("role").asText()).isEqualTo("off");
            assertThat(human.out()).doesNotContain("kafka ");
            assertThat(json.out().strip()).doesNotContain("\n");
        }
    }

    @Test
    void statusShowsTheCollectorsPartInAKafkaScaleOut() throws Exception {
        CollectorStatus s = status();
        for (CollectorStatus.KafkaStatus kafka : List.of(
                new CollectorStatus.KafkaStatus("forward", "flowsentry.matches", 9_000, 2, 0, 0, 0),
                new CollectorStatus.KafkaStatus("detect", "flowsentry.matches", 0, 0, 12_000, 3, 4))) {
            CollectorStatus withKafka = new CollectorStatus(s.pid(), s.version(), s.started(), s.listeners(),
                    s.exporters(), s.datagramsTotal(), s.recordsTotal(), s.recordsBySourcetype(), s.recordsPerSecond(),
                    s.kernelDropsTotal(), s.windowsOpen(), s.outboxDepth(), s.webhookState(), s.handoffWaitsTotal(),
                    s.handoffWaitMillisTotal(), false, s.handoffPendingMatches(), s.handoffBatches(), kafka);
            try (AdminChannel ignored = AdminChannel.start(dataDir, () -> withKafka, () -> { }, CLOCK, false)) {
                String human = run("status", "--data-dir", dataDir.toString()).out();
                var tree = AdminJson.mapper().readTree(run("status", "--data-dir", dataDir.toString(), "--json").out())
                        .get("kafka");
                assertThat(tree.get("role").asText()).isEqualTo(kafka.role());
                assertThat(tree.get("topic").asText()).isEqualTo("flowsentry.matches");
                if (kafka.role().equals("forward")) {
                    assertThat(human).contains("kafka       forwarding to topic flowsentry.matches: 9000 flows sent,"
                            + " 2 not delivered");
                    assertThat(tree.get("flows_sent").asLong()).isEqualTo(9_000);
                    assertThat(tree.get("send_failures").asLong()).isEqualTo(2);
                } else {
                    assertThat(human).contains("kafka       detecting from topic flowsentry.matches: 4 partitions"
                            + " owned, 12000 messages read, 3 malformed");
                    assertThat(tree.get("consumed").asLong()).isEqualTo(12_000);
                    assertThat(tree.get("malformed").asLong()).isEqualTo(3);
                    assertThat(tree.get("partitions").asInt()).isEqualTo(4);
                }
            }
        }
    }

    @Test
    void statusSaysWhenTheInputIsIdleAndWindowsCloseOnTheClock() throws Exception {
        CollectorStatus s = status();
        CollectorStatus idle = new CollectorStatus(s.pid(), s.version(), s.started(), s.listeners(), s.exporters(),
                s.datagramsTotal(), s.recordsTotal(), s.recordsBySourcetype(), s.recordsPerSecond(),
                s.kernelDropsTotal(), s.windowsOpen(), s.outboxDepth(), s.webhookState(), s.handoffWaitsTotal(),
                s.handoffWaitMillisTotal(), true, s.handoffPendingMatches(), s.handoffBatches());
        try (AdminChannel ignored = AdminChannel.start(dataDir, () -> idle, () -> { }, CLOCK, false)) {
            assertThat(run("status", "--data-dir", dataDir.toString()).out())
                    .contains("windows     6 open (input idle: closing on the clock, now - idle_after)");
            var tree = AdminJson.mapper().readTree(run("status", "--data-dir", dataDir.toString(), "--json").out());
            assertThat(tree.get("detection_idle").asBoolean()).isTrue();
            assertThat(tree.get("windows_open").asLong()).isEqualTo(6);
        }
        try (AdminChannel ignored = AdminChannel.start(dataDir, AdminCommandsTest::status, () -> { }, CLOCK, false)) {
            assertThat(run("status", "--data-dir", dataDir.toString()).out()).contains("windows     6 open\n");
            var tree = AdminJson.mapper().readTree(run("status", "--data-dir", dataDir.toString(), "--json").out());
            assertThat(tree.get("detection_idle").asBoolean()).isFalse();
        }
    }

    @Test
    void statusWhenNothingRunsIsOneLineAndExit1() {
        Run r = run("status", "--data-dir", dataDir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("flowsentry is not running (no " + dataDir.resolve("run/admin.json") + ")"
                + System.lineSeparator());
    }

    @Test
    void statusNamesAStaleRunFile() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        Files.createDirectories(dataDir.resolve("run"));
        Files.write(dataDir.resolve("run/admin.json"),
                AdminJson.mapper().writeValueAsBytes(new RunInfo(gone.pid(), "127.0.0.1:9", Instant.now().toString())));
        Run r = run("status", "--data-dir", dataDir.toString(), "--json");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("flowsentry is not running (stale run/admin.json from pid " + gone.pid() + ")");
    }

    @Test
    void reloadCallsTheCollectorAndReportsItsRefusal() throws Exception {
        AtomicInteger reloads = new AtomicInteger();
        try (AdminChannel ignored = AdminChannel.start(dataDir, AdminCommandsTest::status, reloads::incrementAndGet,
                CLOCK, false)) {
            Run r = run("reload", "--data-dir", dataDir.toString());
            assertThat(r.exit()).isZero();
            assertThat(r.out().strip()).isEqualTo("reloaded (pid " + ProcessHandle.current().pid() + ")");
            assertThat(reloads.get()).isEqualTo(1);
        }
        try (AdminChannel ignored = AdminChannel.start(dataDir, AdminCommandsTest::status, () -> {
            throw new IllegalArgumentException("suppressions[0].dest_port: 70000 (expected: 0 ~ 65535)");
        }, CLOCK, false)) {
            Run r = run("reload", "--data-dir", dataDir.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.err()).contains("reload failed, the previous configuration stays in force")
                    .contains("suppressions[0].dest_port: 70000 (expected: 0 ~ 65535)");
        }
        Run notRunning = run("reload", "--data-dir", dataDir.toString());
        assertThat(notRunning.exit()).isEqualTo(1);
        assertThat(notRunning.err()).startsWith("flowsentry is not running");
    }

    @Test
    void completionScriptCoversTheSubcommandsAndTheirOptions() {
        Run r = run("completion");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("complete -F _complete_flowsentry")
                .contains("status").contains("reload").contains("--data-dir").contains("--json");
    }

    @Test
    void everySubcommandHasHelpWithExamples() {
        for (String command : List.of("status", "reload", "completion")) {
            Run r = run(command, "--help");
            assertThat(r.exit()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: flowsentry " + command).contains("Examples:");
        }
    }
}
