package io.flowsentry.collector.detect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable row identities: the first 128 bits of SHA-256 over what identifies the row, in hex. The same
 * row published again after a crash (the same window closed again, the same early or late batch rebuilt
 * from the same flows) gets the same id, which webhooks send as {@code Idempotency-Key}.
 *
 * <ul>
 *   <li>window: rule id, {@code window}, window start, source</li>
 *   <li>early: rule id, {@code early}, window start, source, time of the flow that triggered it</li>
 *   <li>late: rule id, {@code late}, window start, source, and the batch's first time, last time and count</li>
 * </ul>
 */
public final class RowIds {

    private static final int ID_BYTES = 16;

    private RowIds() {
    }

    public static String id(RowKind kind, long windowStart, String srcIp, long... discriminators) {
        StringBuilder key = new StringBuilder(96)
                .append(DetectionRowJson.RULE_ID).append('|').append(kind.text())
                .append('|').append(windowStart).append('|').append(srcIp);
        for (long d : discriminators) {
            key.append('|').append(d);
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
