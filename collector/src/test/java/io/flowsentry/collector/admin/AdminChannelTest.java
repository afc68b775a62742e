package io.flowsentry.collector.admin;

import io.flowsentry.collector.net.ListenerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AdminChannelTest {

    /**
     * This JVM's own start: the run file's start time is checked against the process's real start (a later
     * process start means a reused pid), so the fixed clock must not lie before it.
     */
    private static final Instant JVM_START = ProcessHandle.current().info().startInstant().orElseThrow()
            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(JVM_START.plusMillis(250), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    private static CollectorStatus sampleStatus() {
        return new CollectorStatus(ProcessHandle.current().pid(), "0.1.0", JVM_START.toString(),
                List.of(new ListenerStatus("0.0.0.0:2055", 2055, 2, 4_194_304, 120, 168_000, 3, 0, 7)),
                List.of(new CollectorStatus.ExporterStatus("192.0.2.1", List.of(9), 2, "2026-11-28T05:01:00Z", 120, 1)),
                120, 3_000, Map.of("NETFLOW_V9", 3_000L), 50.0, 7, 4, 0, "none configured", 0, 0);
    }

    @Test
    void announcesItselfServesStatusAndReloadAndCleansUp() throws Exception {
        AtomicInteger reloads = new AtomicInteger();
        AdminChannel channel = AdminChannel.start(dataDir, AdminChannelTest::sampleStatus, reloads::incrementAndGet,
                CLOCK, false);
        try {
            long pid = ProcessHandle.current().pid();
            assertThat(Files.readString(dataDir.resolve("run/flowsentry.pid"))).isEqualTo(pid + "\n");
            String adminJson = Files.readString(dataDir.resolve("run/admin.json"));
            assertThat(AdminJson.mapper().readTree(adminJson).get("pid").asLong()).isEqualTo(pid);
            assertThat(AdminJson.mapper().readTree(adminJson).get("admin").asText()).isEqualTo("127.0.0.1:" + channel.port());
            assertThat(AdminJson.mapper().readTree(adminJson).get("started").asText()).isEqualTo(JVM_START.toString());
            try (var files = Files.list(dataDir.resolve("run"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("flowsentry.pid", "admin.json");
            }

            AdminClient client = AdminClient.locate(dataDir);
            assertThat(client.status()).isEqualTo(sampleStatus());
            String raw = client.get("/status");
            assertThat(AdminJson.mapper().readTree(raw).get("datagrams_total").asLong()).isEqualTo(120);
            assertThat(AdminJson.mapper().readTree(raw).get("records_by_sourcetype").get("NETFLOW_V9").asLong()).isEqualTo(3000);

            client.post("/reload");
            client.post("/reload");
            assertThat(reloads.get()).isEqualTo(2);
            assertThatThrownBy(() -> client.post("/status")).hasMessageContaining("HTTP 405");
            assertThatThrownBy(() -> client.get("/reload")).hasMessageContaining("HTTP 405");
            assertThatThrownBy(() -> client.get("/nothing")).hasMessageContaining("HTTP 404");
        } finally {
            channel.close();
        }
        assertThat(dataDir.resolve("run/admin.json")).doesNotExist();
        assertThat(dataDir.resolve("run/flowsentry.pid")).doesNotExist();
        assertThatThrownBy(() -> AdminClient.locate(dataDir)).isInstanceOf(AdminClient.NotRunningException.class)
                .hasMessage("flowsentry is not running (no " + dataDir.resolve("run/admin.json") + ")");
    }

    @Test
    void aFailedReloadAnswers500WithItsMessage() throws Exception {
        try (AdminChannel ignored = AdminChannel.start(dataDir, AdminChannelTest::sampleStatus, () -> {
            throw new IllegalArgumentException("suppressions[2].src_cidr: '10.0.0.300/8' is not a CIDR");
        }, CLOCK, false)) {
            assertThatThrownBy(() -> AdminClient.locate(dataDir).post("/reload")).isInstanceOf(IOException.class)
                    .hasMessage("flowsentry answered HTTP 500: suppressions[2].src_cidr: '10.0.0.300/8' is not a CIDR");
        }
    }

    @Test
    void aFileLeftByADeadProcessIsReportedAsStale() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor(10, TimeUnit.SECONDS);
        long deadPid = gone.pid();
        writeRunFile(new RunInfo(deadPid, "127.0.0.1:1", Instant.now().toString()));
        assertThatThrownBy(() -> AdminClient.locate(dataDir))
                .hasMessage("flowsentry is not running (stale run/admin.json from pid " + deadPid + ")");
        // A new collector takes the directory over.
        try (AdminChannel channel = AdminChannel.start(dataDir, AdminChannelTest::sampleStatus, () -> { }, CLOCK, false)) {
            assertThat(AdminClient.locate(dataDir).info().pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(channel.info().pid()).isEqualTo(ProcessHandle.current().pid());
        }
    }

    @Test
    void aLivePidThatStartedAfterTheFileIsAReusedPid() throws Exception {
        writeRunFile(new RunInfo(ProcessHandle.current().pid(), "127.0.0.1:1", "2000-01-01T00:00:00Z"));
        assertThatThrownBy(() -> AdminClient.locate(dataDir)).hasMessageContaining("stale run/admin.json from pid");
    }

    @Test
    void aSecondCollectorOnTheSameDataDirectoryIsRefused() throws Exception {
        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            writeRunFile(new RunInfo(other.pid(), "127.0.0.1:1", Instant.now().toString()));
            assertThatThrownBy(() -> AdminChannel.start(dataDir, AdminChannelTest::sampleStatus, () -> { }, CLOCK, false))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("another flowsentry (pid " + other.pid() + ") is running");
        } finally {
            other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anAdminAddressOffLoopbackIsNeverContacted() throws Exception {
        writeRunFile(new RunInfo(ProcessHandle.current().pid(), "192.0.2.10:8080", Instant.now().toString()));
        assertThatThrownBy(() -> AdminClient.locate(dataDir))
                .hasMessage("flowsentry run/admin.json names admin address '192.0.2.10:8080' (expected: 127.0.0.1:PORT)");
    }

    @Test
    void sighupRunsTheReloadAction() throws Exception {
        CountDownLatch reloaded = new CountDownLatch(1);
        try (AdminChannel channel = AdminChannel.start(dataDir, AdminChannelTest::sampleStatus, reloaded::countDown,
                CLOCK, true)) {
            // Without the handler SIGHUP would end this JVM: send it only when the handler is in place.
            org.junit.jupiter.api.Assumptions.assumeTrue(channel.sighupInstalled(), "SIGHUP not available here");
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(ProcessHandle.current().pid())).start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(reloaded.await(10, TimeUnit.SECONDS)).as("reload ran after SIGHUP").isTrue();
        }
    }

    private void writeRunFile(RunInfo info) throws IOException {
        Files.createDirectories(dataDir.resolve("run"));
        Files.write(dataDir.resolve("run/admin.json"), AdminJson.mapper().writeValueAsBytes(info));
    }
}
