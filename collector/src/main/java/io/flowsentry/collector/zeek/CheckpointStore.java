package io.flowsentry.collector.zeek;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps one follower's {@link ZeekCheckpoint} durable in {@code <data-dir>/zeek/<name>.checkpoint}:
 * written to {@code <name>.checkpoint.tmp}, fsync'd, renamed over the old one atomically, and the
 * directory fsync'd, so that after a crash at any point the file holds either the previous or the new
 * checkpoint, whole. The text form is {@code key=value} lines, readable by an admin.
 */
public final class CheckpointStore {

    private static final int VERSION = 1;

    private final Path file;
    private final Path temp;

    public CheckpointStore(Path zeekStateDir, String name) {
        this.file = zeekStateDir.resolve(name + ".checkpoint");
        this.temp = zeekStateDir.resolve(name + ".checkpoint.tmp");
    }

    public Path file() {
        return file;
    }

    /** The saved checkpoint, or {@code null} when there is none. */
    public ZeekCheckpoint load() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
        Map<String, String> kv = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                kv.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        try {
            if (Integer.parseInt(kv.getOrDefault("version", "0")) != VERSION) {
                throw new IOException("unsupported checkpoint version in " + file + ": " + kv.get("version") + " (expected: " + VERSION + ")");
            }
            FileIdentity id = new FileIdentity(kv.get("file_key"), Long.parseLong(kv.get("fingerprint")),
                    Integer.parseInt(kv.get("fingerprint_length")));
            return new ZeekCheckpoint(kv.get("file_name"), id, Long.parseLong(kv.get("offset")),
                    Long.parseLong(kv.get("line")), Long.parseLong(kv.get("consumer_token")));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IOException("corrupt checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    public void save(ZeekCheckpoint c) throws IOException {
        String text = "version=" + VERSION + "\n"
                + "file_name=" + c.fileName() + "\n"
                + "file_key=" + c.identity().fileKey() + "\n"
                + "fingerprint=" + c.identity().fingerprint() + "\n"
                + "fingerprint_length=" + c.identity().fingerprintLength() + "\n"
                + "offset=" + c.offset() + "\n"
                + "line=" + c.lineNumber() + "\n"
                + "consumer_token=" + c.consumerToken() + "\n";
        Files.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + file + " atomically: " + e.getMessage(), e);
        }
        forceDirectory(file.getParent());
    }

    /** fsync of the directory, so the rename itself survives a power loss (Linux; a no-op where unsupported). */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Directories cannot be opened for fsync on some platforms; the rename is still atomic.
        }
    }
}
