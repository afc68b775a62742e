package io.flowsentry.collector.zeek;

import io.flowsentry.decoder.zeek.ConnLogReader;
import io.flowsentry.decoder.zeek.LineSplitter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows one Zeek log directory as Zeek writes it: the active file ({@code conn.log}) line by line as
 * lines are appended, through rotations and truncations, and across restarts from a durable
 * checkpoint. One {@link #poll()} per poll interval, from one thread.
 *
 * <h2>What one poll does</h2>
 * <ol>
 * <li>Reads what was appended since the last poll, at most {@code maxBatchBytes}, and hands each
 *     complete line to the handler. A partial last line stays buffered until its newline arrives.
 * <li>If any line was consumed: calls {@link ZeekLineHandler#commit()}, then saves the checkpoint
 *     (offset just after the last consumed newline, line number, the handler's token): deliver, then
 *     checkpoint.
 * <li>Looks at the active name: if it now names another file (Zeek renamed ours to
 *     {@code conn.<time>.log} and started a new one), the renamed file, still open by its file key,
 *     is read to its end over the next polls, a batch each (a partial last line there is complete:
 *     nothing more will come), committed, and reading moves to the next file: a rotated file newer than the finished one, if a second
 *     rotation happened meanwhile, else the new active file from offset 0. If it is the same file but
 *     shorter than the read position, or its first bytes changed, it was truncated or rewritten:
 *     reading restarts at 0.
 * </ol>
 *
 * <h2>Restart</h2>
 * The checkpoint names the file by {@link FileIdentity}. On start the file is looked for as the active
 * file (same file key and fingerprint), then among rotated files ({@code conn.*.log} by key and
 * fingerprint, {@code conn.*.log.gz} by the fingerprint of its decompressed head, since compression
 * made a new inode); reading resumes at the checkpoint's offset, and after a rotated file the chain
 * above continues. Lines delivered after the last checkpoint are delivered again: the window is one
 * batch, and zero for a handler that rolls its own state back to {@link #restoredConsumerToken()}.
 * A first start without a checkpoint begins at the start of the active file; older rotated files are
 * not read. A checkpointed file that is gone (deleted after rotation) is logged and reading starts at
 * the start of the active file.
 */
public final class ZeekDirectoryFollower implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(ZeekDirectoryFollower.class);

    /** 1 MiB per poll: about 4,000 conn.log lines, so one busy file cannot hold the thread for long. */
    public static final int DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;

    private final Path dir;
    private final String activeName;
    private final String rotatedPrefix;
    private final CheckpointStore store;
    private final ZeekLineHandler handler;
    private final int maxBatchBytes;
    private final LineSplitter splitter = new LineSplitter(ConnLogReader.MAX_LINE_LENGTH);
    private final LineSplitter.Lines lines;

    private boolean started;
    private boolean resumed;
    private ZeekCheckpoint checkpointToResume;
    private long restoredToken;
    private LogSource current;
    private boolean currentIsActive;
    private FileIdentity identity;
    private long committedOffset = -1;
    private long linesConsumed;

    /**
     * @param activeName the file Zeek writes, e.g. {@code conn.log}; rotated files are
     *                   {@code conn.*.log} and {@code conn.*.log.gz}
     */
    public ZeekDirectoryFollower(Path dir, String activeName, CheckpointStore store, ZeekLineHandler handler, int maxBatchBytes) {
        this.dir = dir;
        this.activeName = activeName;
        String base = activeName.endsWith(".log") ? activeName.substring(0, activeName.length() - 4) : activeName;
        this.rotatedPrefix = base + ".";
        this.store = store;
        this.handler = handler;
        this.maxBatchBytes = maxBatchBytes;
        this.lines = new LineSplitter.Lines() {
            @Override
            public void line(byte[] buf, int off, int len, long lineNumber) {
                linesConsumed++;
                handler.line(buf, off, len, lineNumber);
            }

            @Override
            public void tooLong(long lineNumber) {
                linesConsumed++;
                handler.lineTooLong(lineNumber);
            }
        };
    }

    /**
     * Loads the checkpoint (done by the first {@link #poll()} otherwise). Nothing is opened or
     * delivered yet, so a consumer can roll its state back to the returned token before the first poll.
     *
     * @return the consumer token saved with the checkpoint, 0 without one
     */
    public long start() throws IOException {
        if (!started) {
            // An unreadable checkpoint fails every poll (and is logged by the caller) rather than
            // silently starting over: an admin decides, e.g. by removing the file.
            checkpointToResume = store.load();
            restoredToken = checkpointToResume == null ? 0 : checkpointToResume.consumerToken();
            started = true;
        }
        return restoredToken;
    }

    public long restoredConsumerToken() {
        return restoredToken;
    }

    /** The file being read, or {@code null} while waiting for the active file to appear. */
    public Path currentPath() {
        return current == null ? null : current.path();
    }

    /**
     * One round: new lines, commit and checkpoint, rotation and truncation checks.
     *
     * @return the number of lines consumed (delivered or skipped as too long)
     */
    public long poll() throws IOException {
        start();
        long before = linesConsumed;
        if (!resumed) {
            resumed = true;
            resume(checkpointToResume);
            checkpointToResume = null;
        }
        if (current == null && !openActive(0, 0, null)) {
            return 0;
        }
        if (!currentIsActive) {
            // A renamed (rotated) file: read to its end in batches, then move on.
            if (readAvailable(maxBatchBytes)) {
                finishCurrentAndSwitch();
            } else {
                commitIfAdvanced();
            }
            return linesConsumed - before;
        }
        readAvailable(maxBatchBytes);
        commitIfAdvanced();
        if (!current.fileKey().equals(FileIdentity.fileKeyOf(dir.resolve(activeName)))) {
            // Renamed away (or deleted): the open channel still reads it; the next polls finish it.
            currentIsActive = false;
        } else if (truncatedOrRewritten()) {
            LOG.warn("zeek: {} was truncated or rewritten at offset {}; reading it again from the start",
                    current.path(), splitter.consumed());
            current.close();
            current = null;
            openActive(0, 0, null);
        }
        return linesConsumed - before;
    }

    private boolean truncatedOrRewritten() throws IOException {
        long readPosition = splitter.consumed() + splitter.pending();
        if (current.size() < readPosition) {
            return true;
        }
        return identity.fingerprintLength() > 0 && current.fingerprint(identity.fingerprintLength()) != identity.fingerprint();
    }

    /** At the end of a rotated file: its last line even without a newline, commit, then the next file. */
    private void finishCurrentAndSwitch() throws IOException {
        splitter.finish(lines);
        commitIfAdvanced();
        FileTime finishedAt = modifiedTimeOf(current);
        String finishedKey = current.fileKey();
        current.close();
        current = null;
        Path next = nextRotatedAfter(finishedAt, finishedKey);
        if (next != null) {
            open(next, next.getFileName().toString().endsWith(".gz"), false, 0, 0, null);
        } else {
            openActive(0, 0, null);
        }
    }

    /**
     * Reads and delivers up to {@code limit} bytes.
     *
     * @return whether the end of the file was reached
     */
    private boolean readAvailable(long limit) throws IOException {
        long total = 0;
        while (total < limit) {
            int n = current.read(splitter.buffer(), splitter.writeOffset(), splitter.writable());
            if (n <= 0) {
                return true;
            }
            splitter.written(n);
            splitter.drain(lines);
            total += n;
        }
        return false;
    }

    private void commitIfAdvanced() throws IOException {
        long consumed = splitter.consumed();
        if (consumed == committedOffset) {
            return;
        }
        long token = handler.commit();
        if (identity.fingerprintLength() < FileIdentity.FINGERPRINT_BYTES) {
            int length = (int) Math.min(FileIdentity.FINGERPRINT_BYTES, consumed);
            if (length > identity.fingerprintLength()) {
                identity = new FileIdentity(identity.fileKey(), current.fingerprint(length), length);
            }
        }
        store.save(new ZeekCheckpoint(current.path().getFileName().toString(), identity, consumed, splitter.lineNumber(), token));
        committedOffset = consumed;
    }

    private void resume(ZeekCheckpoint cp) throws IOException {
        if (cp == null) {
            openActive(0, 0, null);
            return;
        }
        FileIdentity id = cp.identity();
        Path active = dir.resolve(activeName);
        if (id.fileKey().equals(FileIdentity.fileKeyOf(active)) && fingerprintMatches(active, false, id)) {
            openActive(cp.offset(), cp.lineNumber(), id);
            return;
        }
        for (Path rotated : rotatedFiles()) {
            boolean gz = rotated.getFileName().toString().endsWith(".gz");
            boolean sameFile = gz ? id.fingerprintLength() > 0 : id.fileKey().equals(FileIdentity.fileKeyOf(rotated));
            if (sameFile && fingerprintMatches(rotated, gz, id)) {
                LOG.info("zeek: resuming {} (was {}) at offset {}", rotated, cp.fileName(), cp.offset());
                open(rotated, gz, false, cp.offset(), cp.lineNumber(), id);
                return;
            }
        }
        LOG.warn("zeek: checkpointed file {} ({}) is gone from {}; reading {} from its start",
                cp.fileName(), id.fileKey(), dir, activeName);
        openActive(0, 0, null);
    }

    private boolean fingerprintMatches(Path path, boolean gz, FileIdentity id) {
        try (var in = FollowedFile.open(path, gz)) {
            return FileIdentity.fingerprint(in, id.fingerprintLength()) == id.fingerprint();
        } catch (IOException e) {
            return false;
        }
    }

    private boolean openActive(long offset, long lineNumber, FileIdentity id) throws IOException {
        Path active = dir.resolve(activeName);
        if (!Files.isRegularFile(active)) {
            return false;
        }
        open(active, false, true, offset, lineNumber, id);
        return true;
    }

    private void open(Path path, boolean gz, boolean active, long offset, long lineNumber, FileIdentity id) throws IOException {
        current = LogSource.open(path, gz, offset);
        currentIsActive = active;
        // A resumed file keeps its fingerprint; its key is the one just opened (a gzipped file has a new one).
        identity = id != null
                ? new FileIdentity(current.fileKey(), id.fingerprint(), id.fingerprintLength())
                : new FileIdentity(current.fileKey(), 0, 0);
        splitter.reset(offset, lineNumber);
        committedOffset = id != null ? offset : -1;
        handler.fileStarted(new FollowedFile(path, gz, identity, offset));
        commitIfAdvanced();
    }

    /** The oldest rotated file modified after {@code after} that is not the file just finished. */
    private Path nextRotatedAfter(FileTime after, String finishedKey) throws IOException {
        if (after == null) {
            return null;
        }
        Path best = null;
        FileTime bestTime = null;
        for (Path p : rotatedFiles()) {
            FileTime t = Files.getLastModifiedTime(p);
            if (t.compareTo(after) > 0 && !finishedKey.equals(FileIdentity.fileKeyOf(p)) && (bestTime == null || t.compareTo(bestTime) < 0)) {
                best = p;
                bestTime = t;
            }
        }
        return best;
    }

    /**
     * The finished file's modification time, found again among the rotated files by its key, or, once
     * gzipped (gzip keeps the time), by its fingerprint; {@code null} when it is gone.
     */
    private FileTime modifiedTimeOf(LogSource source) throws IOException {
        if (Files.exists(source.path()) && source.fileKey().equals(FileIdentity.fileKeyOf(source.path()))) {
            return Files.getLastModifiedTime(source.path());
        }
        for (Path p : rotatedFiles()) {
            boolean gz = p.getFileName().toString().endsWith(".gz");
            boolean same = gz
                    ? identity.fingerprintLength() > 0 && fingerprintMatches(p, true, identity)
                    : source.fileKey().equals(FileIdentity.fileKeyOf(p));
            if (same) {
                return Files.getLastModifiedTime(p);
            }
        }
        return null;
    }

    private List<Path> rotatedFiles() throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith(rotatedPrefix) && !n.equals(activeName)
                        && (n.endsWith(".log") || n.endsWith(".log.gz")) && Files.isRegularFile(p);
            }).sorted(Comparator.comparing(p -> p.getFileName().toString())).forEach(out::add);
        }
        return out;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
