package io.flowsentry.reliability;

import io.flowsentry.cli.FlowsentryCommand;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import picocli.CommandLine;

/**
 * {@code flowsentry run} in a child JVM started from the application as built and shipped
 * ({@code cli/target/flowsentry-cli.jar} and its {@code lib/}, what {@code ./flowsentry} runs: no test
 * library on its class path), listening on one loopback UDP port, optionally under a wrapper command
 * (strace). The admin commands ({@code status},
 * {@code sources}) run in the test's own JVM, as an admin would run them beside the collector.
 */
public final class ChildCollector {

    /**
     * A configuration for tests: no metrics endpoint (its default port 9721 would clash with other
     * collectors on the machine), a 1 MiB receive buffer and 10,000 sources keep the child small.
     */
    public static final String TEST_CONFIG = """
            receive_buffer: 1MiB
            store:
              capacity_sources: 10000
            metrics:
              listen: null
            """;

    private final Process process;
    private final Path dataDir;
    private final Path log;

    private ChildCollector(Process process, Path dataDir, Path log) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Starts the collector; {@code wrapper} (may be empty) is put in front of the java command.
     * {@code extraArgs} go after {@code run} (e.g. {@code --webhook URL}). Output is appended to {@code log}.
     */
    public static ChildCollector start(List<String> wrapper, Path dataDir, Path config, int udpPort, Path log,
                                       String... extraArgs) throws IOException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the Chronicle --add-opens/--add-exports flags this JVM got from surefire's argLine
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")) {
                cmd.add(arg);
            }
        }
        cmd.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-jar", applicationJar().toString(),
                "run", "--listen", "127.0.0.1:" + udpPort,
                "--data-dir", dataDir.toString(), "--config", config.toString()));
        cmd.addAll(List.of(extraArgs));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ChildCollector(p, dataDir, log);
    }

    /** {@code cli/target/flowsentry-cli.jar}, built by the reactor before this module's tests. */
    public static Path applicationJar() {
        Path jar = Path.of(System.getProperty("flowsentry.root.dir", ".."), "cli", "target", "flowsentry-cli.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it with mvn -B -q -DskipTests -pl cli -am package");
        }
        return jar;
    }

    /** The jars the application runs with: {@code cli/target/lib/}. */
    public static List<Path> applicationLibraries() throws IOException {
        try (var files = Files.list(applicationJar().resolveSibling("lib"))) {
            return files.sorted().toList();
        }
    }

    public static Path writeTestConfig(Path dir) throws IOException {
        return Files.writeString(dir.resolve("flowsentry.yaml"), TEST_CONFIG);
    }

    /** The started process: java itself, or the wrapper in front of it. */
    public Process process() {
        return process;
    }

    /** The java process: the started one, or the wrapper's child. */
    public ProcessHandle java() {
        return process.children().findFirst().orElse(process.toHandle());
    }

    /** Polls {@code status} until it answers, at most {@code timeout}; the child's log on failure. */
    public String awaitStatus(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("collector exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Cli.Result r = Cli.run("status", "--data-dir", dataDir.toString(), "--json");
            if (r.exitCode() == 0) {
                return r.out();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("status did not answer within " + timeout + ":\n" + Files.readString(log));
    }

    /** SIGKILL of the java process; waits until it is gone. */
    public void kill() throws InterruptedException {
        ProcessHandle java = java();
        java.destroyForcibly();
        java.onExit().join();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, then waits for the exit code (the collector drains and closes the map first). */
    public int stop(Duration timeout) throws InterruptedException {
        java().destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("collector did not stop within " + timeout + " of SIGTERM");
        }
        return process.exitValue();
    }

    /** The flowsentry command line run in this JVM with its output captured. */
    public static final class Cli {
        private Cli() {
        }

        public record Result(int exitCode, String out, String err) {
        }

        public static Result run(String... args) {
            CommandLine cl = FlowsentryCommand.commandLine();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(err, true));
            int code = cl.execute(args);
            return new Result(code, out.toString(), err.toString());
        }
    }
}
