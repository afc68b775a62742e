package io.flowsentry.packaging;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Inspects the built flowsentry-VERSION.tar.gz: entries, modes, the launcher, and runs it. */
class TarballTest {

    private static final String VERSION = System.getProperty("flowsentry.version");
    private static final String TOP = "flowsentry-" + VERSION + "/";

    @TempDir
    Path work;

    /** {@code tar -tvzf}: entry name (without the top directory) to its mode string. */
    private static Map<String, String> entries(Path tarball) throws Exception {
        String listing = Shell.ok(tarball.getParent(), "tar", "-tvzf", tarball.toString());
        return Arrays.stream(listing.split("\n")).filter(l -> !l.isBlank()).map(l -> l.trim().split("\\s+"))
                .collect(Collectors.toMap(f -> f[f.length - 1].substring(TOP.length()), f -> f[0], (a, b) -> a));
    }

    @Test
    void holdsTheLauncherLibrariesConfigManPagesUnitAndReadme() throws Exception {
        Path tarball = Shell.property("flowsentry.tarball");
        assertThat(tarball).exists();
        Map<String, String> entries = entries(tarball);
        assertThat(entries.keySet()).allMatch(name -> !name.startsWith("/") && !name.contains(".."));
        assertThat(entries).containsEntry("bin/flowsentry", "-rwxr-xr-x");
        assertThat(entries.keySet()).contains(
                "lib/flowsentry-cli.jar",
                "etc/flowsentry.yaml",
                "share/man/man1/flowsentry.1",
                "share/man/man1/flowsentry-status.1",
                "share/man/man1/flowsentry-reload.1",
                "share/systemd/flowsentry.service",
                "share/bash-completion/completions/flowsentry",
                "README.md");
        List<String> jars = entries.keySet().stream().filter(n -> n.startsWith("lib/") && n.endsWith(".jar"))
                .map(n -> n.substring("lib/".length())).toList();
        assertThat(jars).anyMatch(j -> j.startsWith("flowsentry-collector-"))
                .anyMatch(j -> j.startsWith("flowsentry-decoder-"))
                .anyMatch(j -> j.startsWith("chronicle-map-"))
                .anyMatch(j -> j.startsWith("picocli-4"))
                .anyMatch(j -> j.startsWith("logback-classic-"));
        // Build- and test-time libraries stay out.
        assertThat(jars).noneMatch(j -> j.startsWith("picocli-codegen") || j.startsWith("junit") || j.startsWith("assertj"));
    }

    @Test
    void theLauncherCarriesTheSameJvmFlagsAsTheSourceLauncherAndThePom() throws Exception {
        Path root = Shell.property("flowsentry.repo.root");
        String distLauncher = Files.readString(root.resolve("packaging/src/dist/bin/flowsentry"));
        List<String> flags = JvmFlags.ofLauncher(distLauncher);
        assertThat(flags).hasSize(10).contains("--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED");
        assertThat(flags).isEqualTo(JvmFlags.ofLauncher(Files.readString(root.resolve("flowsentry"))));
        assertThat(flags).isEqualTo(JvmFlags.ofParentPom(root.resolve("pom.xml")));
    }

    /**
     * The installed layout runs the collector for real (Chronicle Map needs the launcher's JVM flags): it
     * receives a replayed softflowd export, answers {@code status}, and stops cleanly on SIGTERM.
     */
    @Test
    void unpackedItRunsTheCollectorThatAnswersStatusAndStopsOnSigterm() throws Exception {
        Shell.ok(work, "tar", "-xzf", Shell.property("flowsentry.tarball").toString());
        Path launcher = work.resolve(TOP).resolve("bin/flowsentry");
        int port;
        try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path config = Files.writeString(work.resolve("flowsentry.yaml"),
                "listeners: [\"127.0.0.1:" + port + "\"]\nmetrics:\n  listen: null\n");
        Path data = work.resolve("data");
        Process collector = new ProcessBuilder(launcher.toString(), "run", "--config", config.toString(),
                "--data-dir", data.toString())
                .redirectOutput(work.resolve("run.out").toFile()).redirectError(work.resolve("run.err").toFile()).start();
        try {
            awaitTrue(() -> Files.exists(data.resolve("run/admin.json")) || !collector.isAlive(), 120);
            assertThat(collector.isAlive()).as("collector running; stderr: %s", Files.readString(work.resolve("run.err")))
                    .isTrue();

            Path capture = Path.of(System.getProperty("flowsentry.shared.dir"),
                    "corpus/softflowd/exports/smb_mix_input__v9_port40011.pcap");
            assertThat(Shell.ok(work, launcher.toString(), "replay", capture.toString(), "--to", "127.0.0.1:" + port,
                    "--json")).contains("\"sent\":2");
            // softflowd exported 37 records in those 2 datagrams (corpus MANIFEST.tsv).
            awaitTrue(() -> status(launcher, data).contains("\"records_total\":37"), 60);
            String status = status(launcher, data);
            assertThat(status).contains("\"datagrams_total\":2").contains("\"netflow:v9\":37");
        } finally {
            collector.destroy();
        }
        assertThat(collector.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(collector.exitValue()).as("exit code after SIGTERM; stderr: %s", Files.readString(work.resolve("run.err")))
                .isZero();
        assertThat(data.resolve("run/admin.json")).doesNotExist();
        Shell.Result after = Shell.run(work, List.of(launcher.toString(), "status", "--data-dir", data.toString()));
        assertThat(after.exit()).isEqualTo(1);
        assertThat(after.err()).startsWith("flowsentry is not running");
    }

    private String status(Path launcher, Path data) {
        try {
            return Shell.run(work, List.of(launcher.toString(), "status", "--json", "--data-dir", data.toString())).out();
        } catch (Exception e) {
            return "";
        }
    }

    /** Polls a condition the collector makes true; bounded, so a broken package fails instead of hanging. */
    private static void awaitTrue(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within %d s", seconds).isTrue();
    }

    @Test
    void unpackedItRunsVersionDirectlyAndThroughASymlink() throws Exception {
        Path tarball = Shell.property("flowsentry.tarball");
        Shell.ok(work, "tar", "-xzf", tarball.toString());
        Path home = work.resolve(TOP);
        Path launcher = home.resolve("bin/flowsentry");
        assertThat(Files.isExecutable(launcher)).isTrue();
        assertThat(Files.readString(launcher)).contains("--add-opens=java.base/java.lang=ALL-UNNAMED");

        String version = Shell.ok(work, launcher.toString(), "--version");
        assertThat(version).startsWith("flowsentry " + VERSION + "\n").contains("Java 17");

        // As /usr/bin/flowsentry does in the .deb: the launcher finds lib/ through the link.
        Path link = work.resolve("flowsentry-link");
        Files.createSymbolicLink(link, launcher);
        assertThat(Shell.ok(work, link.toString(), "--version")).startsWith("flowsentry " + VERSION + "\n");

        // etc/flowsentry.yaml is the documented example configuration, every key with its default.
        Path example = Shell.property("flowsentry.repo.root")
                .resolve("collector/src/main/resources/io/flowsentry/collector/config/flowsentry.example.yaml");
        assertThat(home.resolve("etc/flowsentry.yaml")).hasSameTextualContentAs(example);

        Shell.Result usage = Shell.run(work, List.of(launcher.toString(), "no-such-command"));
        assertThat(usage.exit()).isEqualTo(2);
    }
}
