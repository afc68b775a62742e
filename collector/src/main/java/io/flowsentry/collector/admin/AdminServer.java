package io.flowsentry.collector.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;

/**
 * The loopback-only HTTP admin endpoint (the JDK's HttpServer on 127.0.0.1, an ephemeral port):
 * <ul>
 *   <li>{@code GET /status}: the {@link CollectorStatus} as JSON;</li>
 *   <li>{@code POST /reload}: runs the reload action; 200 when it returned, 500 with its message when it threw.</li>
 * </ul>
 * Requests are handled one at a time on the given executor, so a reload never overlaps another.
 */
final class AdminServer {

    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);

    private static final byte[] LOOPBACK_V4 = {127, 0, 0, 1};

    private final HttpServer server;

    AdminServer(StatusSource status, Runnable reload, ExecutorService executor) throws IOException {
        // 127.0.0.1 itself, not getLoopbackAddress(): that is ::1 under java.net.preferIPv6Addresses, and
        // run/admin.json announces 127.0.0.1.
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(LOOPBACK_V4), 0), 0);
        server.setExecutor(executor);
        server.createContext("/status", exchange -> {
            if (!exchange.getRequestMethod().equals("GET")) {
                respond(exchange, 405, "{\"error\":\"use GET /status\"}");
                return;
            }
            try {
                respond(exchange, 200, AdminJson.mapper().writeValueAsString(status.status()));
            } catch (RuntimeException e) {
                LOG.warn("status failed", e);
                respond(exchange, 500, error(e));
            }
        });
        server.createContext("/reload", exchange -> {
            if (!exchange.getRequestMethod().equals("POST")) {
                respond(exchange, 405, "{\"error\":\"use POST /reload\"}");
                return;
            }
            try {
                reload.run();
                respond(exchange, 200, "{\"reloaded\":true}");
            } catch (RuntimeException e) {
                LOG.warn("reload failed: {}", e.getMessage());
                respond(exchange, 500, error(e));
            }
        });
        server.createContext("/", exchange -> respond(exchange, 404, "{\"error\":\"unknown path\"}"));
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting and closes open exchanges (JDK 17 would otherwise wait out the whole delay). */
    void stop() {
        server.stop(0);
    }

    private static String error(RuntimeException e) {
        return AdminJson.mapper().createObjectNode().put("error", String.valueOf(e.getMessage())).toString();
    }

    private static void respond(HttpExchange exchange, int code, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(code, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
