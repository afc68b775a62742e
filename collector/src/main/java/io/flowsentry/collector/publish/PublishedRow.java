package io.flowsentry.collector.publish;

/**
 * One detection row on its way to the publishers.
 *
 * @param id          stable identity of the row: the same row published again (after a restart, a
 *                    retry) has the same id; webhooks send it as {@code Idempotency-Key}
 * @param kind        {@code early}, {@code window} or {@code late}
 * @param windowStart window start, epoch ms
 * @param srcIp       the row's {@code src_ip}
 * @param json        the row as one JSON object (the contract of ../shared/docs/DETECTION.md), no newline
 */
public record PublishedRow(String id, String kind, long windowStart, String srcIp, String json) {
}
