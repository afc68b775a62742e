package io.flowsentry.collector.zeek;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * An open log file read forward from an offset. A plain file is read through one {@link FileChannel}
 * kept open, so that after Zeek renames it (rotation) the same inode is read to its end; a gzipped
 * rotated file is read through a decompressing stream, skipped to the offset.
 */
final class LogSource implements Closeable {

    private final Path path;
    private final boolean gzip;
    private final String fileKey;
    private final FileChannel channel;
    private final InputStream stream;

    private LogSource(Path path, boolean gzip, String fileKey, FileChannel channel, InputStream stream) {
        this.path = path;
        this.gzip = gzip;
        this.fileKey = fileKey;
        this.channel = channel;
        this.stream = stream;
    }

    static LogSource open(Path path, boolean gzip, long offset) throws IOException {
        String key = FileIdentity.fileKeyOf(path);
        if (key == null) {
            throw new java.nio.file.NoSuchFileException(path.toString(), null, "vanished before it could be opened");
        }
        if (!gzip) {
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
            ch.position(offset);
            return new LogSource(path, false, key, ch, null);
        }
        InputStream in = FollowedFile.open(path, true);
        try {
            in.skipNBytes(offset);
        } catch (IOException e) {
            in.close();
            throw new IOException(path + " holds fewer than " + offset + " decompressed bytes: " + e.getMessage(), e);
        }
        return new LogSource(path, true, key, null, in);
    }

    Path path() {
        return path;
    }

    boolean gzip() {
        return gzip;
    }

    String fileKey() {
        return fileKey;
    }

    /** Reads at the current position; {@code -1} at the end (for now, in a plain file that may grow). */
    int read(byte[] buf, int off, int len) throws IOException {
        if (channel != null) {
            return channel.read(ByteBuffer.wrap(buf, off, len));
        }
        return stream.read(buf, off, len);
    }

    /** The plain file's current size, {@code -1} for a gzipped one. */
    long size() throws IOException {
        return channel != null ? channel.size() : -1;
    }

    /** CRC-32C of the first {@code length} bytes, or {@code -1} when the file has fewer. */
    long fingerprint(int length) throws IOException {
        if (channel == null) {
            try (InputStream in = FollowedFile.open(path, true)) {
                return FileIdentity.fingerprint(in, length);
            }
        }
        ByteBuffer head = ByteBuffer.allocate(length);
        long pos = 0;
        while (head.hasRemaining()) {
            int n = channel.read(head, pos);
            if (n < 0) {
                return -1;
            }
            pos += n;
        }
        CRC32C crc = new CRC32C();
        crc.update(head.flip());
        return crc.getValue();
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        } else {
            stream.close();
        }
    }
}
