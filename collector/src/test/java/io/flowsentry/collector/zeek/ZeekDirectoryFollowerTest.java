package io.flowsentry.collector.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeekDirectoryFollowerTest {

    @TempDir
    Path tmp;

    /** Records lines and file starts; commit() counts and returns the number of lines so far. */
    static final class Recorder implements ZeekLineHandler {
        final List<String> lines = new ArrayList<>();
        final List<FollowedFile> files = new ArrayList<>();
        int commits;

        @Override
        public void fileStarted(FollowedFile file) {
            files.add(file);
        }

        @Override
        public void line(byte[] buf, int off, int len, long lineNumber) {
            lines.add(new String(buf, off, len, StandardCharsets.UTF_8));
        }

        @Override
        public void lineTooLong(long lineNumber) {
            lines.add("(too long)");
        }

        @Override
        public long commit() {
            commits++;
            return lines.size();
        }
    }

    private Path watch() throws IOException {
        return Files.createDirectories(tmp.resolve("watch"));
    }

    private ZeekDirectoryFollower follower(Recorder r) throws IOException {
        return new ZeekDirectoryFollower(watch(), "conn.log", new CheckpointStore(tmp.resolve("state"), "conn"), r, 1 << 20);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void deliversAppendedLinesAndWaitsForAPartialLastLine() throws IOException {
        Path log = watch().resolve("conn.log");
        Recorder r = new Recorder();
        try (ZeekDirectoryFollower f = follower(r)) {
            assertThat(f.poll()).isZero(); // no file yet
            append(log, "#open\tA\none\ntw");
            assertThat(f.poll()).isEqualTo(2);
            assertThat(r.lines).containsExactly("#open\tA", "one");
            append(log, "o\nthree\n");
            assertThat(f.poll()).isEqualTo(2);
            assertThat(r.lines).containsExactly("#open\tA", "one", "two", "three");
        }
        ZeekCheckpoint cp = new CheckpointStore(tmp.resolve("state"), "conn").load();
        assertThat(cp.offset()).isEqualTo("#open\tA\none\ntwo\nthree\n".length());
        assertThat(cp.lineNumber()).isEqualTo(4);
        assertThat(cp.consumerToken()).isEqualTo(4);
        assertThat(cp.identity().fingerprintLength()).isEqualTo(cp.offset());
    }

    @Test
    void restartResumesAtTheCheckpoint() throws IOException {
        Path log = watch().resolve("conn.log");
        append(log, "#open\tA\none\n");
        try (ZeekDirectoryFollower f = follower(new Recorder())) {
            f.poll();
        }
        append(log, "two\n");
        Recorder r = new Recorder();
        try (ZeekDirectoryFollower f = follower(r)) {
            assertThat(f.start()).isEqualTo(2);
            f.poll();
        }
        assertThat(r.lines).containsExactly("two");
        assertThat(r.files).singleElement().satisfies(ff -> assertThat(ff.startOffset()).isEqualTo(12));
    }

    @Test
    void rotationFinishesTheRenamedFileThenReadsTheNewOne() throws IOException {
        Path dir = watch();
        Path log = dir.resolve("conn.log");
        Recorder r = new Recorder();
        try (ZeekDirectoryFollower f = follower(r)) {
            append(log, "#open\tA\na1\n");
            f.poll();
            append(log, "a2\na3-without-newline");
            Files.move(log, dir.resolve("conn.2026-11-28-10-00-00.log"));
            append(log, "#open\tB\nb1\n");
            for (int i = 0; i < 4; i++) {
                f.poll(); // the rename is seen, the renamed file finished, then the new one read
            }
            assertThat(r.lines).containsExactly("#open\tA", "a1", "a2", "a3-without-newline", "#open\tB", "b1");
            assertThat(f.currentPath()).isEqualTo(log);
        }
    }

    @Test
    void restartAfterRotationAndGzipFindsTheFileByFingerprint() throws IOException {
        Path dir = watch();
        Path log = dir.resolve("conn.log");
        append(log, "#open\tA\na1\n");
        try (ZeekDirectoryFollower f = follower(new Recorder())) {
            f.poll();
        }
        // While the follower is down: more lines, rotation, gzip of the rotated file, a new conn.log.
        append(log, "a2\n");
        Path rotated = dir.resolve("conn.2026-11-28-10-00-00.log");
        Files.move(log, rotated);
        Path gz = dir.resolve("conn.2026-11-28-10-00-00.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(rotated, out);
        }
        Files.setLastModifiedTime(gz, Files.getLastModifiedTime(rotated));
        Files.delete(rotated);
        append(log, "#open\tB\nb1\n");
        Recorder r = new Recorder();
        try (ZeekDirectoryFollower f = follower(r)) {
            f.poll();
            f.poll();
        }
        assertThat(r.lines).containsExactly("a2", "#open\tB", "b1");
        assertThat(r.files.get(0).gzip()).isTrue();
    }

    @Test
    void twoRotationsWhileDownAreReadInOrder() throws IOException {
        Path dir = watch();
        Path log = dir.resolve("conn.log");
        append(log, "#open\tA\na1\n");
        try (ZeekDirectoryFollower f = follower(new Recorder())) {
            f.poll();
        }
        java.nio.file.attribute.FileTime t = Files.getLastModifiedTime(log);
        // Down: A gets a line and is rotated, B is written, rotated and gzipped, C is the new conn.log.
        append(log, "a2\n");
        Path a = dir.resolve("conn.2026-11-28-10-00-00.log");
        Files.move(log, a);
        Files.setLastModifiedTime(a, java.nio.file.attribute.FileTime.fromMillis(t.toMillis() + 1_000));
        append(log, "#open\tB\nb1\n");
        Path b = dir.resolve("conn.2026-11-28-11-00-00.log");
        Files.move(log, b);
        Path bz = dir.resolve("conn.2026-11-28-11-00-00.log.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(bz))) {
            Files.copy(b, out);
        }
        Files.setLastModifiedTime(bz, java.nio.file.attribute.FileTime.fromMillis(t.toMillis() + 2_000));
        Files.delete(b);
        append(log, "#open\tC\nc1\n");
        Recorder r = new Recorder();
        try (ZeekDirectoryFollower f = follower(r)) {
            for (int i = 0; i < 5; i++) {
                f.poll();
            }
        }
        assertThat(r.lines).containsExactly("a2", "#open\tB", "b1", "#open\tC", "c1");
        assertThat(r.files).extracting(ff -> ff.path().getFileName().toString())
                .containsExactly("conn.2026-11-28-10-00-00.log", "conn.2026-11-28-11-00-00.log.gz", "conn.log");
    }

    @Test
    void aLineOverTheCapIsSkippedAndTheNextOneDelivered() throws IOException {
        Path log = watch().resolve("conn.log");
        Recorder r = new Recorder();
        try (ZeekDirectoryFollower f = follower(r)) {
            append(log, "#open\tA\n" + "x".repeat(1024 * 1024) + "\nnext\n");
            for (int i = 0; i < 3; i++) {
                f.poll();
            }
        }
        assertThat(r.lines).containsExactly("#open\tA", "(too long)", "next");
    }

    @Test
    void aCorruptCheckpointStopsTheFollowerInsteadOfStartingOver() throws IOException {
        Path log = watch().resolve("conn.log");
        append(log, "#open\tA\none\n");
        Files.createDirectories(tmp.resolve("state"));
        Files.writeString(tmp.resolve("state").resolve("conn.checkpoint"), "version=1\noffset=twelve\n");
        Recorder r = new Recorder();
        try (ZeekDirectoryFollower f = follower(r)) {
            for (int i = 0; i < 2; i++) {
                org.assertj.core.api.Assertions.assertThatThrownBy(f::poll)
                        .isInstanceOf(IOException.class)
                        .hasMessageContaining("corrupt checkpoint");
            }
        }
        assertThat(r.lines).isEmpty();
    }

    @Test
    void truncationStartsTheFileAgain() throws IOException {
        Path log = watch().resolve("conn.log");
        Recorder r = new Recorder();
        try (ZeekDirectoryFollower f = follower(r)) {
            append(log, "#open\tA\none\ntwo\n");
            f.poll();
            Files.writeString(log, "#open\tC\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            f.poll();
            f.poll();
            assertThat(r.lines).containsExactly("#open\tA", "one", "two", "#open\tC");
            assertThat(r.files).hasSize(2);
        }
    }
}
