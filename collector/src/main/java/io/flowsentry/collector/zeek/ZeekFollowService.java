package io.flowsentry.collector.zeek;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link ZeekDirectoryFollower} per configured directory on one scheduled task: every poll
 * interval, each follower is polled until it has nothing new (each poll bounded by
 * {@code maxBatchBytes}). Checkpoints live in {@code <data-dir>/zeek/}, one per directory, named after
 * the directory and a CRC-32C of its absolute path. A follower that fails (I/O error) is logged and
 * tried again at the next interval.
 */
public final class ZeekFollowService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ZeekFollowService.class);

    /** Polls per follower and interval, at most: 64 x 1 MiB, so one busy directory cannot starve the others for long. */
    private static final int MAX_ROUNDS = 64;

    private final ZeekFollowConfig config;
    private final ScheduledExecutorService executor;
    private final List<ZeekDirectoryFollower> followers = new ArrayList<>();
    private ScheduledFuture<?> task;

    /**
     * @param handlers the consumer for each directory's lines
     */
    public ZeekFollowService(ZeekFollowConfig config, Path dataDir, Function<Path, ZeekLineHandler> handlers,
            ScheduledExecutorService executor) {
        this.config = config;
        this.executor = executor;
        Path state = dataDir.resolve("zeek");
        for (Path dir : config.directories()) {
            followers.add(new ZeekDirectoryFollower(dir, config.fileName(), new CheckpointStore(state, checkpointName(dir)),
                    handlers.apply(dir), config.maxBatchBytes()));
        }
    }

    /** {@code conn-<last path element>-<crc32c of the absolute path, hex>}: readable and unique. */
    static String checkpointName(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        CRC32C crc = new CRC32C();
        crc.update(abs.toString().getBytes(StandardCharsets.UTF_8));
        Path last = abs.getFileName();
        String base = last == null ? "root" : last.toString().replaceAll("[^A-Za-z0-9._-]", "_");
        return "conn-" + base + "-" + Long.toHexString(crc.getValue());
    }

    public List<ZeekDirectoryFollower> followers() {
        return followers;
    }

    /** Schedules polling at the configured interval. */
    public synchronized void start() {
        if (task == null) {
            long nanos = config.pollInterval().toNanos();
            task = executor.scheduleWithFixedDelay(this::pollAllQuietly, 0, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * One round over every directory.
     *
     * @return lines consumed in this round
     */
    public long pollAll() {
        long total = 0;
        for (ZeekDirectoryFollower f : followers) {
            try {
                for (int round = 0; round < MAX_ROUNDS; round++) {
                    long n = f.poll();
                    total += n;
                    if (n == 0) {
                        break;
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                LOG.warn("zeek: following {} failed, trying again next interval: {}", f.currentPath(), e.toString());
            }
        }
        return total;
    }

    private void pollAllQuietly() {
        try {
            pollAll();
        } catch (RuntimeException e) {
            LOG.error("zeek: follower round failed", e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
        for (ZeekDirectoryFollower f : followers) {
            f.close();
        }
    }
}
