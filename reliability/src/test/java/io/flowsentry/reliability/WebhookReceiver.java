package io.flowsentry.reliability;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver on loopback answering 200, remembering each post's {@code Idempotency-Key}. */
public final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger posts = new AtomicInteger();
    private final Set<String> keys = new HashSet<>();
    private int postsWithoutKey;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            synchronized (this) {
                if (key == null) {
                    postsWithoutKey++;
                } else {
                    keys.add(key);
                }
            }
            posts.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    public int posts() {
        return posts.get();
    }

    public synchronized Set<String> keys() {
        return Set.copyOf(keys);
    }

    public synchronized int postsWithoutKey() {
        return postsWithoutKey;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
