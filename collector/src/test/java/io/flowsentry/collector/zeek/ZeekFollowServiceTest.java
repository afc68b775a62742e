package io.flowsentry.collector.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.decoder.zeek.BadLineLog;
import io.flowsentry.decoder.zeek.ConnLogCounters;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SourceType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeekFollowServiceTest {

    private static final String TSV_HEADER = "#separator \\x09\n#unset_field\t-\n#path\tconn\n#open\t2026-11-28-10-00-00\n"
            + "#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tconn_state\n";

    @TempDir
    Path tmp;

    private final List<FlowRecord> records = new ArrayList<>();
    private final ConnLogCounters counters = new ConnLogCounters();

    private ZeekFollowService service(Path a, Path b) {
        ZeekFollowConfig config = ZeekFollowConfig.of(List.of(a, b));
        return new ZeekFollowService(config, tmp.resolve("data"),
                dir -> new ConnLogLineHandler(r -> records.add(new FlowRecord().copyFrom(r)), counters, BadLineLog.standard(), () -> 0),
                null);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void followsTsvAndJsonDirectoriesAndKeepsColumnsAcrossARestart() throws IOException {
        Path tsvDir = Files.createDirectories(tmp.resolve("sensor-a"));
        Path jsonDir = Files.createDirectories(tmp.resolve("sensor-b"));
        // Columns in a non-default order: a restarted reader must take them from the header again.
        append(tsvDir.resolve("conn.log"), TSV_HEADER + "1764000000.5\t10.0.0.1\t5000\t198.51.100.7\t445\ttcp\tsmb\tSF\n");
        append(jsonDir.resolve("conn.log"),
                "{\"ts\":1764000001.25,\"id.orig_h\":\"10.0.0.2\",\"id.orig_p\":5001,\"id.resp_h\":\"2001:db8::7\",\"id.resp_p\":139,\"proto\":\"tcp\",\"conn_state\":\"REJ\"}\n");
        try (ZeekFollowService s = service(tsvDir, jsonDir)) {
            assertThat(s.pollAll()).isEqualTo(5 + 1 + 1); // header and data line, JSON line
        }
        assertThat(records).hasSize(2);

        append(tsvDir.resolve("conn.log"), "1764000002.0\t10.0.0.3\t5002\t203.0.113.9\t139\tudp\t-\tS0\n");
        try (ZeekFollowService s = service(tsvDir, jsonDir)) {
            assertThat(s.pollAll()).isEqualTo(1);
        }
        assertThat(records).hasSize(3);
        FlowRecord resumed = records.get(2);
        assertThat(resumed.timeStart()).isEqualTo(1_764_000_002_000L);
        assertThat(resumed.dstPort()).isEqualTo(139);
        assertThat(resumed.protocol()).isEqualTo(17);
        assertThat(resumed.sourceType()).isEqualTo(SourceType.ZEEK_CONN);
        assertThat(records.get(1).sourceType()).isEqualTo(SourceType.ZEEK_CONN_JSON);
        assertThat(counters.badTotal()).isZero();
        try (var files = Files.list(tmp.resolve("data").resolve("zeek"))) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .hasSize(2)
                    .allMatch(n -> n.matches("conn-sensor-[ab]-[0-9a-f]+\\.checkpoint"));
        }
    }

    @Test
    void scheduledPollingDeliversWithoutBeingAsked() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sensor-c"));
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        ZeekFollowConfig config = new ZeekFollowConfig(List.of(dir), "conn.log", java.time.Duration.ofMillis(10), 1 << 20);
        List<FlowRecord> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ZeekFollowService s = new ZeekFollowService(config, tmp.resolve("data"),
                d -> new ConnLogLineHandler(r -> seen.add(new FlowRecord().copyFrom(r)), new ConnLogCounters(), BadLineLog.standard(), () -> 0),
                executor)) {
            s.start();
            append(dir.resolve("conn.log"), TSV_HEADER + "1764000000.5\t10.0.0.1\t5000\t198.51.100.7\t445\ttcp\tsmb\tSF\n");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0).dstPort()).isEqualTo(445);
    }
}
