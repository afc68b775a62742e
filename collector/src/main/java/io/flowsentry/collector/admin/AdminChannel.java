package io.flowsentry.collector.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * How the admin commands ({@code status}, {@code sources}, {@code detections}, {@code reload}) reach the
 * running collector: the loopback admin endpoint, announced in {@code <data-dir>/run/}, and SIGHUP.
 *
 * <p>SIGTERM is not handled here: the JVM runs its shutdown hooks on it, and the collector's lifecycle
 * (its hook) stops the listeners, drains, flushes and closes this channel last.
 */
public final class AdminChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AdminChannel.class);

    private final RunDirectory runDirectory;
    private final ExecutorService executor;
    private final AdminServer server;
    private final RunInfo info;
    private final ReloadSignal sighup;

    private AdminChannel(RunDirectory runDirectory, ExecutorService executor, AdminServer server, RunInfo info,
                         ReloadSignal sighup) {
        this.runDirectory = runDirectory;
        this.executor = executor;
        this.server = server;
        this.info = info;
        this.sighup = sighup;
    }

    /**
     * Starts the endpoint, writes {@code run/flowsentry.pid} and {@code run/admin.json}, and installs SIGHUP.
     *
     * @param reload called for {@code POST /reload} and SIGHUP, one call at a time
     * @throws IllegalStateException when a live collector already uses this data directory
     */
    public static AdminChannel start(Path dataDir, StatusSource status, Runnable reload, Clock clock,
                                     boolean handleSighup) throws IOException {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "flowsentry-admin");
            t.setDaemon(true);
            return t;
        });
        AdminServer server;
        try {
            server = new AdminServer(status, reload, executor);
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw e;
        }
        RunInfo info = new RunInfo(ProcessHandle.current().pid(), "127.0.0.1:" + server.port(),
                Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString());
        RunDirectory runDirectory = new RunDirectory(dataDir);
        try {
            runDirectory.claim(info);
        } catch (IOException | RuntimeException e) {
            server.stop();
            executor.shutdownNow();
            throw e;
        }
        ReloadSignal sighup = !handleSighup ? null : ReloadSignal.install(() -> executor.execute(() -> {
                try {
                    reload.run();
                    LOG.info("reloaded on SIGHUP");
                } catch (RuntimeException e) {
                    LOG.warn("reload on SIGHUP failed: {}", e.getMessage());
                }
            }));
        LOG.info("admin endpoint on {} (pid {}), announced in {}", info.admin(), info.pid(), runDirectory.adminFile());
        return new AdminChannel(runDirectory, executor, server, info, sighup);
    }

    public RunInfo info() {
        return info;
    }

    /** Whether SIGHUP runs the reload action in this process. */
    public boolean sighupInstalled() {
        return sighup != null;
    }

    public int port() {
        return server.port();
    }

    /** Stops the endpoint and removes the run files: a clean stop leaves nothing behind. */
    @Override
    public void close() {
        if (sighup != null) {
            sighup.restore();
        }
        server.stop();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(2, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            runDirectory.release(info.pid());
        } catch (IOException e) {
            LOG.warn("could not remove {}: {}", runDirectory.directory(), e.getMessage());
        }
    }
}
