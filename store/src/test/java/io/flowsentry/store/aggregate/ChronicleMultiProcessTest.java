package io.flowsentry.store.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real child processes ({@link AggregatesWriterMain}) writing the store: killed with SIGKILL, then
 * reopened with recovery; read from this process while they write.
 */
class ChronicleMultiProcessTest {

    @TempDir
    Path tmp;

    private Process startWriter(Path dir, String mode, Path home) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-")) {
                cmd.add(arg);
            }
        }
        cmd.add("-Duser.home=" + home);
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(AggregatesWriterMain.class.getName());
        cmd.add(dir.toString());
        cmd.add(mode);
        return new ProcessBuilder(cmd).redirectError(tmp.resolve(mode + ".err").toFile()).start();
    }

    private static String awaitLine(Process p, BufferedReader out) throws Exception {
        String line = out.readLine();
        assertThat(line).as("first line of the writer (exit %s)", p.isAlive() ? "-" : p.exitValue()).isNotNull();
        return line;
    }

    static void assertConsistent(List<SourceAggregate> all) {
        for (SourceAggregate a : all) {
            assertThat(a.bytes()).as("bytes of %s", a.srcIp()).isEqualTo(100 * a.count());
            assertThat(a.packets()).isEqualTo(2 * a.count());
            assertThat(a.count()).isPositive();
        }
    }

    static void assertW10Complete(List<SourceAggregate> all) {
        List<SourceAggregate> w10 = all.stream().filter(a -> a.windowStart() == AggregatesWriterMain.W10).toList();
        assertThat(w10).hasSize(AggregatesWriterMain.SOURCES);
        for (SourceAggregate a : w10) {
            assertThat(a.count()).isEqualTo(AggregatesWriterMain.FLOWS_PER_SOURCE);
            assertThat(a.destIps()).hasSize(AggregatesWriterMain.FLOWS_PER_SOURCE);
            assertThat(a.apps()).containsExactly("smb");
            assertThat(a.firstTime()).isEqualTo(AggregatesWriterMain.W10);
            assertThat(a.lastTime()).isEqualTo(AggregatesWriterMain.W10 + 6000);
        }
    }

    @Test
    void aggregatesFlushedBeforeSigkillSurviveAndTheMapReopensWithRecovery() throws Exception {
        Path dir = tmp.resolve("aggregates");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Process p = startWriter(dir, "crash", home);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(awaitLine(p, out)).isEqualTo("READY recovered=false");
            Thread.sleep(300); // let it write window 11 for a while
            p.destroyForcibly(); // SIGKILL
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(p.exitValue()).isEqualTo(137);
        assertThat(dir.resolve(ChronicleSourceAggregates.OPEN_MARKER)).exists();

        try (ChronicleSourceAggregates store = ChronicleSourceAggregates.open(dir,
                ChronicleSourceAggregates.Options.defaults().withCapacity(10_000))) {
            assertThat(store.recovered()).isTrue();
            List<SourceAggregate> all = new ArrayList<>();
            store.forEach(all::add);
            assertConsistent(all);
            assertW10Complete(all);
            assertThat(store.size()).isEqualTo(all.size());
            assertThat(store.windows()).startsWith(AggregatesWriterMain.W10);
            // the recovered map takes updates and removals
            assertThat(store.removeWindow(AggregatesWriterMain.W10)).hasSize(AggregatesWriterMain.SOURCES);
            store.add(AggregatesWriterMain.W10, AggregatesWriterMain.flow(new io.flowsentry.flow.FlowRecord(), 1, 1, AggregatesWriterMain.W10));
        }
        assertThat(dir.resolve(ChronicleSourceAggregates.OPEN_MARKER)).doesNotExist();
        try (ChronicleSourceAggregates store = ChronicleSourceAggregates.open(dir,
                ChronicleSourceAggregates.Options.defaults().withCapacity(10_000))) {
            assertThat(store.recovered()).isFalse();
            assertThat(store.removeWindow(AggregatesWriterMain.W10)).singleElement()
                    .satisfies(a -> assertThat(a.count()).isEqualTo(1));
        }
        // chronicle-analytics is excluded: it did not write its client id into the writer's home directory
        // (JNA, a dependency of Chronicle, may leave its native-library cache in ~/.cache/JNA).
        assertThat(home.resolve(".chronicle.analytics.client.id")).doesNotExist();
        try (Stream<Path> files = Files.walk(home)) {
            assertThat(files).noneMatch(f -> f.getFileName().toString().toLowerCase().contains("analytics"));
        }
    }

    @Test
    void anotherProcessReadsTheLiveMapWhileTheWriterWrites() throws Exception {
        Path dir = tmp.resolve("aggregates");
        Path home = Files.createDirectories(tmp.resolve("home"));
        Process p = startWriter(dir, "serve", home);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(awaitLine(p, out)).isEqualTo("READY recovered=false");
            List<SourceAggregate> first = AggregatesReader.readAll(dir);
            assertConsistent(first);
            assertW10Complete(first);
            Thread.sleep(200);
            List<SourceAggregate> second = AggregatesReader.readAll(dir);
            assertConsistent(second);
            assertW10Complete(second);
            long w11First = first.stream().filter(a -> a.windowStart() == AggregatesWriterMain.W11).mapToLong(SourceAggregate::count).sum();
            long w11Second = second.stream().filter(a -> a.windowStart() == AggregatesWriterMain.W11).mapToLong(SourceAggregate::count).sum();
            assertThat(w11Second).as("the writer kept writing while read").isGreaterThan(w11First);
            assertThat(p.isAlive()).isTrue();
            p.getOutputStream().close(); // the writer closes its store cleanly
            assertThat(out.readLine()).isEqualTo("CLOSED");
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isZero();
        assertThat(dir.resolve(ChronicleSourceAggregates.OPEN_MARKER)).doesNotExist();
        assertThat(AggregatesReader.readAll(dir)).hasSizeGreaterThan(AggregatesWriterMain.SOURCES);
    }

    @Test
    void chronicleAnalyticsIsAbsentAtRunTime() {
        assertThatThrownBy(() -> Class.forName("net.openhft.chronicle.analytics.Analytics"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
