package io.flowsentry.collector.publish.webhook;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.flowsentry.collector.publish.PublishedRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** HTTPS verifies the receiver's certificate: a self-signed one is refused, and the row stays in the outbox. */
class WebhookTlsTest {

    @TempDir
    Path dir;

    private SSLContext selfSignedServerContext() throws Exception {
        Path keystore = dir.resolve("receiver.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "receiver", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    @Test
    void aSelfSignedReceiverIsNotTrusted() throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4);
        server.setHttpsConfigurator(new HttpsConfigurator(selfSignedServerContext()));
        AtomicInteger requests = new AtomicInteger();
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        WebhookSettings settings = WebhookSettings.builder("tls", URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/hook"))
                .timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .backoff(Duration.ofMillis(1), Duration.ofMillis(5))
                .build();
        try (WebhookPublisher publisher = new WebhookPublisher(settings, dir.resolve("outbox"), Clock.systemUTC(),
                Sleeper.REAL, () -> 0.5, true)) {
            publisher.publish(List.of(new PublishedRow("r-0", "window", 0, "10.0.0.1", "{\"src_ip\":\"10.0.0.1\"}")));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (publisher.failures() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertThat(publisher.failures()).isGreaterThanOrEqualTo(3);
            assertThat(publisher.outboxDepth()).isEqualTo(1);
            assertThat(publisher.delivered()).isZero();
            assertThat(publisher.deadLettered()).as("a TLS failure is retried, not dropped").isZero();
            assertThat(publisher.lastFailure()).contains("SSLHandshakeException");
        } finally {
            server.stop(0);
        }
        assertThat(requests.get()).as("no request reached the handler").isZero();
    }
}
