package io.flowsentry.collector.zeek;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What to follow: Zeek log directories (each holding the {@code fileName} Zeek writes and its rotated
 * files), how often to look, and how much to read per file and poll.
 *
 * @param pollInterval default 250 ms: a line waits at most a quarter second, and an idle directory
 *                     costs four stat calls a second
 */
public record ZeekFollowConfig(List<Path> directories, String fileName, Duration pollInterval, int maxBatchBytes) {

    public static final String DEFAULT_FILE_NAME = "conn.log";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    public ZeekFollowConfig {
        directories = List.copyOf(directories);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("invalid poll interval: " + pollInterval + " (expected: > 0)");
        }
        if (maxBatchBytes < 1) {
            throw new IllegalArgumentException("invalid max batch bytes: " + maxBatchBytes + " (expected: >= 1)");
        }
    }

    public static ZeekFollowConfig of(List<Path> directories) {
        return new ZeekFollowConfig(directories, DEFAULT_FILE_NAME, DEFAULT_POLL_INTERVAL, ZeekDirectoryFollower.DEFAULT_MAX_BATCH_BYTES);
    }
}
