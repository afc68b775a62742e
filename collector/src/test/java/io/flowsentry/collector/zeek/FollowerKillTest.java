package io.flowsentry.collector.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The follower as a real child process ({@link FollowerChild}), killed with SIGKILL
 * ({@link Process#destroyForcibly()}) while Zeek-like writing goes on: lines appended in pieces that
 * split lines, rotations (conn.log renamed to conn.&lt;n&gt;.log, a new conn.log with its own header),
 * older rotated files gzipped and their plain copies removed. After each kill the follower is started
 * again; at the end every line written must be in its output once, in order.
 */
class FollowerKillTest {

    private static final int FILES = 5;
    private static final int LINES_PER_FILE = 3_000;
    private static final long WAIT_MILLIS = 60_000;

    @TempDir
    Path tmp;

    private final Random random = new Random(20261128);

    @Test
    void killedMidFileAndAcrossRotationsNoLineIsLostOrDoubled() throws Exception {
        Path watch = Files.createDirectories(tmp.resolve("watch"));
        Path state = Files.createDirectories(tmp.resolve("state"));
        Path output = tmp.resolve("delivered.txt");
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        Path active = watch.resolve("conn.log");

        Process child = startChild(watch, state, output);
        int kills = 0;
        try {
            for (int file = 0; file < FILES; file++) {
                byte[] content = logFile(file);
                written.write(content);
                int pos = 0;
                try (OutputStream out = Files.newOutputStream(active, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    while (pos < content.length) {
                        // Pieces of 1..4000 bytes: most end inside a line, which must wait for its newline.
                        int n = Math.min(content.length - pos, 1 + random.nextInt(4000));
                        out.write(content, pos, n);
                        out.flush();
                        pos += n;
                        if (random.nextInt(40) == 0) {
                            // Kill mid-file once the child has made progress, then restart it.
                            waitForGrowth(output, child);
                            child = restart(child, watch, state, output);
                            kills++;
                        }
                    }
                }
                if (file < FILES - 1) {
                    Files.move(active, watch.resolve("conn." + file + ".log"));
                    if (file % 2 == 1) {
                        // Kill right after the rotation, before the child can have finished the renamed file.
                        child = restart(child, watch, state, output);
                        kills++;
                    }
                    if (file >= 2) {
                        gzipAway(watch.resolve("conn." + (file - 2) + ".log"));
                    }
                }
            }
            byte[] expected = written.toByteArray();
            byte[] lastLine = lastLine(expected);
            waitFor(() -> endsWith(output, lastLine), child);
            child.destroyForcibly().waitFor();
            byte[] delivered = Files.readAllBytes(output);
            assertThat(kills).isGreaterThanOrEqualTo(3);
            assertThat(lines(delivered)).containsExactlyElementsOf(lines(expected));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    private byte[] logFile(int file) {
        StringBuilder sb = new StringBuilder();
        sb.append("#separator \\x09\n#path\tconn\n#open\tfile-").append(file).append('-').append(System.nanoTime()).append('\n');
        for (int i = 0; i < LINES_PER_FILE; i++) {
            sb.append(1_600_000_000 + i).append(".000000\tC").append(file).append('x').append(i)
                    .append("\t10.0.0.1\t").append(1024 + i % 50_000).append("\t192.0.2.7\t445\ttcp\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** What gzip does: a .gz with the same modification time, the plain file removed. */
    private static void gzipAway(Path plain) throws IOException {
        Path gz = plain.resolveSibling(plain.getFileName() + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(plain, out);
        }
        Files.setLastModifiedTime(gz, Files.getLastModifiedTime(plain));
        Files.delete(plain);
    }

    private Process restart(Process child, Path watch, Path state, Path output) throws Exception {
        if (!child.isAlive()) {
            throw new AssertionError("follower child exited by itself with " + child.exitValue() + "; see child.log");
        }
        // 0-20 ms more, so that kills land anywhere: in a read, between the output's fsync and the
        // checkpoint's, inside a rename.
        Thread.sleep(random.nextInt(21));
        child.destroyForcibly().waitFor();
        return startChild(watch, state, output);
    }

    private static Process startChild(Path watch, Path state, Path output) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                FollowerChild.class.getName(), watch.toString(), state.toString(), output.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(output.resolveSibling("child.log").toFile()))
                .start();
    }

    private static void waitForGrowth(Path output, Process child) throws Exception {
        long before = Files.exists(output) ? Files.size(output) : 0;
        waitFor(() -> Files.exists(output) && Files.size(output) > before, child);
    }

    interface Condition {
        boolean holds() throws IOException;
    }

    /** Bounded polling: the condition, or a failure naming the child's state after {@value #WAIT_MILLIS} ms. */
    private static void waitFor(Condition condition, Process child) throws Exception {
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
        while (!condition.holds()) {
            if (!child.isAlive()) {
                throw new AssertionError("follower child exited with " + child.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within " + WAIT_MILLIS + " ms");
            }
            Thread.sleep(5);
        }
    }

    private static byte[] lastLine(byte[] content) {
        int start = content.length - 1;
        while (start > 0 && content[start - 1] != '\n') {
            start--;
        }
        return java.util.Arrays.copyOfRange(content, start, content.length);
    }

    private static boolean endsWith(Path file, byte[] tail) throws IOException {
        if (!Files.exists(file) || Files.size(file) < tail.length) {
            return false;
        }
        try (var ch = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(tail.length);
            ch.read(b, ch.size() - tail.length);
            return java.util.Arrays.equals(b.array(), tail);
        }
    }

    private static List<String> lines(byte[] content) {
        return new ArrayList<>(List.of(new String(content, StandardCharsets.US_ASCII).split("\n", -1)));
    }
}
