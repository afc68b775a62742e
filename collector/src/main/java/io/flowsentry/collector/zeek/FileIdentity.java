package io.flowsentry.collector.zeek;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.CRC32C;

/**
 * Which log file a checkpoint is about, so that a rename (rotation) keeps it and a new file with the
 * same name or a recycled inode does not: the file key ({@code (dev=…,ino=…)} on Linux, kept across
 * a rename) and a fingerprint of the file's first bytes.
 *
 * <p>The fingerprint is a CRC-32C over the first {@code fingerprintLength} bytes, at most
 * {@value #FINGERPRINT_BYTES}. Zeek's header holds the {@code #open} time to the second, within the
 * first ~150 bytes, so two conn.log files differ there; a gzipped rotated file has the same
 * fingerprint over its decompressed bytes, which is how it is found again after compression gave it
 * a new inode.
 */
public record FileIdentity(String fileKey, long fingerprint, int fingerprintLength) {

    /** 1 KiB: the whole Zeek header with its {@code #open} time, read once per file. */
    public static final int FINGERPRINT_BYTES = 1024;

    /** The file key of {@code path}, or {@code null} when it does not exist. */
    public static String fileKeyOf(Path path) {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return key == null ? path.toRealPath().toString() : key.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** CRC-32C of the first {@code length} bytes of {@code in}; {@code -1} when it has fewer. */
    public static long fingerprint(InputStream in, int length) throws IOException {
        byte[] head = in.readNBytes(length);
        if (head.length < length) {
            return -1;
        }
        CRC32C crc = new CRC32C();
        crc.update(head, 0, head.length);
        return crc.getValue();
    }

    public boolean sameFingerprint(long otherFingerprint) {
        return fingerprint == otherFingerprint;
    }
}
