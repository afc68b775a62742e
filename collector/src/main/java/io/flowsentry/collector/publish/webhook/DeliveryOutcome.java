package io.flowsentry.collector.publish.webhook;

/** What one HTTP answer (or the lack of one) means for the row at the head of the outbox. */
enum DeliveryOutcome {
    /** 2xx: delivered; the row leaves the outbox. */
    DELIVERED,
    /** 5xx, 408 Request Timeout, 429 Too Many Requests, a timeout, a refused or reset connection: try again later. */
    RETRY,
    /**
     * Any other status (1xx, 3xx: redirects are not followed, so a signed body never goes to a host that was
     * not configured; 4xx but 408 and 429): the receiver will not take this row; it is parked in the dead-letter file.
     */
    DEAD_LETTER;

    static DeliveryOutcome of(int status) {
        if (status >= 200 && status < 300) {
            return DELIVERED;
        }
        if (status >= 500 || status == 408 || status == 429) {
            return RETRY;
        }
        return DEAD_LETTER;
    }
}
