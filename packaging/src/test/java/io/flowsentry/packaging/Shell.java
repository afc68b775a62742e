package io.flowsentry.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs a command to completion (bounded) and returns its standard output; stderr is kept for failures. */
final class Shell {

    record Result(int exit, String out, String err) {
    }

    private Shell() {
    }

    static Result run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("shell", ".out");
        Path err = Files.createTempFile("shell", ".err");
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " did not finish within 120 s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Runs and asserts exit 0, naming the command and its stderr otherwise. */
    static String ok(Path dir, String... command) throws IOException, InterruptedException {
        Result r = run(dir, List.of(command));
        assertThat(r.exit()).as("%s failed: %s", String.join(" ", command), r.err()).isZero();
        return r.out();
    }

    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static Path property(String name) {
        String value = System.getProperty(name);
        assertThat(value).as("system property %s (set by the packaging pom)", name).isNotNull();
        return Path.of(value);
    }
}
