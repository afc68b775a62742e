package io.flowsentry.collector.publish.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A webhook receiver on loopback (JDK HttpServer). Its answer to each request comes from {@link #behaviour};
 * requests it took (answered 2xx, even late) are recorded as {@link #accepted}, every request as {@link #seen}.
 */
final class Receiver implements AutoCloseable {

    /** What the receiver does with one request. */
    enum Answer { OK, FAIL_500, STALL_THEN_OK, BAD_REQUEST_400, TOO_MANY_429 }

    record Request(String idempotencyKey, String body, String timestamp, String signature, String contentType,
                   String extraHeader) {
    }

    private final int port;
    private HttpServer server;
    private ExecutorService executor;
    volatile Function<Request, Answer> behaviour = r -> Answer.OK;
    volatile long stallMillis = 2500;
    final List<Request> seen = new ArrayList<>();
    final List<Request> accepted = new ArrayList<>();

    private Receiver(int port) {
        this.port = port;
    }

    /** A receiver for a free loopback port, not started yet: connections are refused. */
    static Receiver onFreePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return new Receiver(probe.getLocalPort());
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + port + "/hook/secret-path");
    }

    synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/hook/", this::handle);
        server.start();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            Request request = new Request(h.getFirst("Idempotency-Key"), body, h.getFirst("X-Flowsentry-Timestamp"),
                    h.getFirst("X-Flowsentry-Signature"), h.getFirst("Content-Type"), h.getFirst("X-Team"));
            synchronized (this) {
                seen.add(request);
            }
            Answer answer = behaviour.apply(request);
            switch (answer) {
                case OK -> accept(exchange, request);
                case STALL_THEN_OK -> {
                    // The receiver processes the row but answers after the sender's read timeout.
                    synchronized (this) {
                        accepted.add(request);
                    }
                    try {
                        Thread.sleep(stallMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(200, -1);
                }
                case FAIL_500 -> exchange.sendResponseHeaders(500, -1);
                case BAD_REQUEST_400 -> exchange.sendResponseHeaders(400, -1);
                case TOO_MANY_429 -> {
                    exchange.getResponseHeaders().add("Retry-After", "0");
                    exchange.sendResponseHeaders(429, -1);
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private void accept(HttpExchange exchange, Request request) throws IOException {
        synchronized (this) {
            accepted.add(request);
        }
        exchange.sendResponseHeaders(204, -1);
    }

    synchronized List<Request> accepted() {
        return List.copyOf(accepted);
    }

    synchronized List<Request> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        stop();
    }
}
