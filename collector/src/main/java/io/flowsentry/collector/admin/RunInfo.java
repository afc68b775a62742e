package io.flowsentry.collector.admin;

/**
 * The content of {@code <data-dir>/run/admin.json}: how the admin commands reach the running collector.
 *
 * @param pid     the collector's process id
 * @param admin   {@code 127.0.0.1:PORT} of its admin endpoint
 * @param started its start time, ISO-8601 UTC
 */
public record RunInfo(long pid, String admin, String started) {
}
