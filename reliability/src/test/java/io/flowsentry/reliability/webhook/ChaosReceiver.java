package io.flowsentry.reliability.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/**
 * A webhook receiver on one loopback port that can refuse connections (bound, not listening: the
 * kernel answers a SYN with RST, and no other process can take the port meanwhile), answer 500,
 * stall (hold each request past the sender's read timeout, then answer 503), or accept (200). Only
 * keys of accepted posts count as delivered.
 */
final class ChaosReceiver implements AutoCloseable {

    enum Mode { REFUSE, FAIL_500, STALL, ACCEPT }

    private final int port;
    private final long stallMillis;
    private volatile Mode mode = Mode.REFUSE;
    private HttpServer server;
    /** Holds the port while refusing: a TCP socket bound to it without listen(). */
    private Socket placeholder;
    private final Set<String> accepted = new HashSet<>();
    private long attempts;

    /** Starts refusing, on a port of its own. */
    ChaosReceiver(long stallMillis) throws IOException {
        this.placeholder = bindWithoutListening(0);
        this.port = placeholder.getLocalPort();
        this.stallMillis = stallMillis;
    }

    private static Socket bindWithoutListening(int port) throws IOException {
        Socket s = new Socket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/hook";
    }

    synchronized void mode(Mode next) throws IOException {
        if (next == Mode.REFUSE && server != null) {
            server.stop(0);
            server = null;
            placeholder = bindWithoutListening(port);
        } else if (next != Mode.REFUSE && server == null) {
            placeholder.close();
            placeholder = null;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
            server.createContext("/hook", this::handle);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
        }
        mode = next;
    }

    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        Mode now = mode;
        synchronized (this) {
            attempts++;
        }
        try {
            switch (now) {
                case FAIL_500 -> exchange.sendResponseHeaders(500, -1);
                case STALL -> {
                    try {
                        Thread.sleep(stallMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    exchange.sendResponseHeaders(503, -1);
                }
                default -> {
                    if (key != null) {
                        synchronized (this) {
                            accepted.add(key);
                        }
                    }
                    exchange.sendResponseHeaders(key == null ? 400 : 200, -1);
                }
            }
        } finally {
            exchange.close();
        }
    }

    synchronized Set<String> acceptedKeys() {
        return Set.copyOf(accepted);
    }

    synchronized long attempts() {
        return attempts;
    }

    @Override
    public synchronized void close() throws IOException {
        if (server != null) {
            server.stop(0);
        }
        if (placeholder != null) {
            placeholder.close();
        }
    }
}
