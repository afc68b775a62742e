package io.flowsentry.collector.zeek;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The file a follower has started reading: its path when opened, whether it is gzip compressed, its
 * identity, and the offset reading starts at (0 for a new file; the checkpoint's offset on a resume,
 * when the consumer may need the header lines before it: {@link #readHead}).
 */
public record FollowedFile(Path path, boolean gzip, FileIdentity identity, long startOffset) {

    /** The first {@code maxBytes} bytes of the file (decompressed), for a consumer that needs the header again. */
    public byte[] readHead(int maxBytes) throws IOException {
        try (InputStream in = open(path, gzip)) {
            return in.readNBytes(maxBytes);
        }
    }

    static InputStream open(Path path, boolean gzip) throws IOException {
        InputStream in = Files.newInputStream(path);
        return gzip ? new GZIPInputStream(in, 64 * 1024) : in;
    }
}
