package io.flowsentry.collector.admin;

/** Supplies the running collector's status for {@code GET /status}; called on the admin thread. */
@FunctionalInterface
public interface StatusSource {
    CollectorStatus status();
}
