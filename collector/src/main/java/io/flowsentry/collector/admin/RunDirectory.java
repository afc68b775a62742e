package io.flowsentry.collector.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code <data-dir>/run/}: {@code flowsentry.pid} and {@code admin.json} of the running collector. Both are
 * written atomically (a temporary file renamed over the old one), so a reader sees a whole file or none,
 * and removed at a clean stop. A file left by a collector that died is "stale": its pid is not alive, or is
 * alive but started after the file says (the pid was reused).
 */
public final class RunDirectory {

    public static final String PID_FILE = "flowsentry.pid";
    public static final String ADMIN_FILE = "admin.json";

    /**
     * A process that started this long after the recorded start is another process with a reused pid;
     * the recorded time is taken a little after the JVM starts, so the slack covers JVM start-up.
     */
    private static final Duration PID_REUSE_SLACK = Duration.ofSeconds(60);

    private final Path runDir;

    public RunDirectory(Path dataDir) {
        this.runDir = dataDir.resolve("run");
    }

    public Path directory() {
        return runDir;
    }

    public Path adminFile() {
        return runDir.resolve(ADMIN_FILE);
    }

    public Path pidFile() {
        return runDir.resolve(PID_FILE);
    }

    /** What the directory says, read without judging whether it is current. */
    public Optional<RunInfo> read() throws IOException {
        try {
            byte[] json = Files.readAllBytes(adminFile());
            return Optional.of(AdminJson.mapper().readValue(json, RunInfo.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(adminFile() + " is not a run file (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** Whether the process named by {@code info} is alive and is the one that wrote it. */
    public static boolean isAlive(RunInfo info) {
        Optional<ProcessHandle> handle = ProcessHandle.of(info.pid());
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return false;
        }
        Optional<Instant> processStart = handle.get().info().startInstant();
        if (processStart.isEmpty() || info.started() == null) {
            return true;
        }
        try {
            return !processStart.get().isAfter(Instant.parse(info.started()).plus(PID_REUSE_SLACK));
        } catch (java.time.format.DateTimeParseException e) {
            return true;
        }
    }

    /**
     * Records this process as the running collector.
     *
     * @throws IllegalStateException when another live collector already holds this data directory
     */
    public void claim(RunInfo info) throws IOException {
        Files.createDirectories(runDir);
        Optional<RunInfo> existing;
        try {
            existing = read();
        } catch (IOException unreadable) {
            existing = Optional.empty();
        }
        if (existing.isPresent() && existing.get().pid() != info.pid() && isAlive(existing.get())) {
            throw new IllegalStateException("another flowsentry (pid " + existing.get().pid() + ") is running with data"
                    + " directory " + runDir.getParent() + " (admin " + existing.get().admin() + ")");
        }
        writeAtomically(pidFile(), (info.pid() + "\n").getBytes(StandardCharsets.US_ASCII));
        writeAtomically(adminFile(), AdminJson.mapper().writeValueAsBytes(info));
    }

    /** Removes both files, if they are still this process's. */
    public void release(long pid) throws IOException {
        Optional<RunInfo> current;
        try {
            current = read();
        } catch (IOException unreadable) {
            current = Optional.empty();
        }
        if (current.isPresent() && current.get().pid() != pid) {
            return;
        }
        Files.deleteIfExists(adminFile());
        Files.deleteIfExists(pidFile());
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = Files.createTempFile(runDir, target.getFileName().toString(), ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
