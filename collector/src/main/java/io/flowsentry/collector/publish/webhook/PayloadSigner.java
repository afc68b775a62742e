package io.flowsentry.collector.publish.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * The webhook signature scheme (as Stripe and GitHub do it):
 * <pre>
 *   X-Flowsentry-Timestamp: &lt;unix time in seconds at the attempt&gt;
 *   X-Flowsentry-Signature: sha256=&lt;lower-case hex of HMAC-SHA256(secret, timestamp + "." + body)&gt;
 * </pre>
 * The body is the exact bytes sent (UTF-8). A receiver recomputes the HMAC over the timestamp header, a
 * dot and the raw body, compares in constant time, and rejects timestamps far from its clock (5 minutes
 * is usual) to refuse replays. Each retry is signed again with its own timestamp.
 */
public final class PayloadSigner {

    public static final String TIMESTAMP_HEADER = "X-Flowsentry-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Flowsentry-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public PayloadSigner(Secret secret) {
        this.key = new SecretKeySpec(secret.bytes(), ALGORITHM);
    }

    /** {@code sha256=<hex>} of {@code timestamp + "." + body}. */
    public String signature(long epochSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(Long.toString(epochSeconds).getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            mac.update(body);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }

    @Override
    public String toString() {
        return "PayloadSigner[HmacSHA256, key redacted]";
    }
}
