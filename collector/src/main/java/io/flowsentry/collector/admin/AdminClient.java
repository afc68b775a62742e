package io.flowsentry.collector.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The admin commands' side: finds the running collector through {@code <data-dir>/run/admin.json} and
 * talks to its loopback endpoint. Refuses any admin address that is not a loopback literal, so a
 * tampered run file cannot send a request elsewhere.
 */
public final class AdminClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final RunInfo info;
    private final URI base;
    private final HttpClient http;

    private AdminClient(RunInfo info, URI base) {
        this.info = info;
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).proxy(HttpClient.Builder.NO_PROXY).build();
    }

    /** The collector is not running, or cannot be reached; the message is the one line to print. */
    public static final class NotRunningException extends Exception {
        private static final long serialVersionUID = 1L;

        public NotRunningException(String message) {
            super(message);
        }
    }

    /** Finds the collector running with {@code dataDir}. */
    public static AdminClient locate(Path dataDir) throws NotRunningException {
        RunDirectory run = new RunDirectory(dataDir);
        Optional<RunInfo> info;
        try {
            info = run.read();
        } catch (IOException e) {
            throw new NotRunningException("flowsentry is not running (" + e.getMessage() + ")");
        }
        if (info.isEmpty()) {
            throw new NotRunningException("flowsentry is not running (no " + run.adminFile() + ")");
        }
        if (!RunDirectory.isAlive(info.get())) {
            throw new NotRunningException("flowsentry is not running (stale run/admin.json from pid " + info.get().pid() + ")");
        }
        return new AdminClient(info.get(), loopbackUri(info.get()));
    }

    private static URI loopbackUri(RunInfo info) throws NotRunningException {
        String admin = info.admin() == null ? "" : info.admin();
        int colon = admin.lastIndexOf(':');
        try {
            String host = admin.substring(0, colon);
            int port = Integer.parseInt(admin.substring(colon + 1));
            if (!isLoopbackLiteral(host) || port < 1 || port > 65535) {
                throw new IllegalArgumentException();
            }
            return URI.create("http://" + admin);
        } catch (RuntimeException e) {
            throw new NotRunningException("flowsentry run/admin.json names admin address '" + admin
                    + "' (expected: 127.0.0.1:PORT)");
        }
    }

    private static boolean isLoopbackLiteral(String host) {
        if (!host.matches("127(\\.\\d{1,3}){3}")) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    public RunInfo info() {
        return info;
    }

    public CollectorStatus status() throws NotRunningException, IOException {
        return AdminJson.mapper().readValue(get("/status"), CollectorStatus.class);
    }

    /** {@code GET path}; the body of a 2xx answer. */
    public String get(String path) throws NotRunningException, IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET());
    }

    /** {@code POST path} with an empty body; the body of a 2xx answer. */
    public String post(String path) throws NotRunningException, IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private String send(HttpRequest.Builder request) throws NotRunningException, IOException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.ConnectException e) {
            throw new NotRunningException("flowsentry (pid " + info.pid() + ") does not answer on " + info.admin());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String message = response.body();
            try {
                message = AdminJson.mapper().readTree(response.body()).path("error").asText(response.body());
            } catch (IOException notJson) {
                // keep the raw body
            }
            throw new IOException("flowsentry answered HTTP " + response.statusCode() + ": " + message);
        }
        return response.body();
    }
}
