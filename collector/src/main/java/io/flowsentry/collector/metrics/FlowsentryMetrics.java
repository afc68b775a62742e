package io.flowsentry.collector.metrics;

/**
 * The metric names flowsentry exposes (issue 5, "Metrics"). Each is defined once by {@link Metrics#create()}
 * with its help text and label names; components register their counters under these names.
 */
public final class FlowsentryMetrics {

    /** UDP datagrams received, by {@code sourcetype} (netflow:v5, netflow:v9, ipfix). */
    public static final String DATAGRAMS = "flowsentry_datagrams_total";
    /** Flow records decoded, by {@code sourcetype} (also zeek:conn, zeek:conn:json). */
    public static final String RECORDS = "flowsentry_records_total";
    /** Datagrams, sets or lines rejected by a decoder, by {@code reason}. */
    public static final String DECODE_ERRORS = "flowsentry_decode_errors_total";
    /** v9/IPFIX data sets whose template was not (yet) known. */
    public static final String TEMPLATE_MISSES = "flowsentry_template_misses_total";
    /** Sequence-number gaps seen per {@code exporter}. */
    public static final String SEQUENCE_GAPS = "flowsentry_sequence_gaps_total";
    /** Datagrams dropped by the kernel before the collector read them, per {@code listener}. */
    public static final String KERNEL_DROPS = "flowsentry_kernel_drops_total";
    /** Times a producer thread waited for a free match batch (the detection thread was behind). */
    public static final String HANDOFF_WAITS = "flowsentry_handoff_waits_total";
    /** Milliseconds producer threads spent in those waits. */
    public static final String HANDOFF_WAIT_MILLIS = "flowsentry_handoff_wait_milliseconds_total";
    /** Match batches made for the handoff to the detection thread: 64 at start, more in bursts. */
    public static final String HANDOFF_BATCHES = "flowsentry_handoff_batches";
    /** Matches handed to the detection thread and not taken by it yet, in full batches. */
    public static final String HANDOFF_PENDING = "flowsentry_handoff_pending_matches";
    /** Flow records that matched the detection's predicate. */
    public static final String MATCHED_RECORDS = "flowsentry_matched_records_total";
    /** Detection rows published, by {@code kind} (early, window, late). */
    public static final String ROWS_PUBLISHED = "flowsentry_rows_published_total";
    /** Failed webhook deliveries (each failed attempt), per {@code webhook}. */
    public static final String WEBHOOK_FAILURES = "flowsentry_webhook_failures_total";
    /** Rows waiting in a webhook's outbox, per {@code webhook}. */
    public static final String OUTBOX_DEPTH = "flowsentry_outbox_depth";

    /** What a forwarder gave its producer, by {@code kind}: flows, and batch and watermark messages. */
    public static final String KAFKA_SENT = "flowsentry_kafka_sent_total";
    /** Flows the brokers acknowledged to a forwarder. */
    public static final String KAFKA_ACKNOWLEDGED = "flowsentry_kafka_acknowledged_total";
    /** Flows in messages a forwarder's producer gave up on or refused: lost to the detection. */
    public static final String KAFKA_SEND_FAILURES = "flowsentry_kafka_send_failures_total";
    /** Kafka messages a detect worker read (flows, watermarks, malformed). */
    public static final String KAFKA_CONSUMED = "flowsentry_kafka_consumed_total";
    /** Kafka messages a detect worker skipped as malformed or of an unknown kind. */
    public static final String KAFKA_MALFORMED = "flowsentry_kafka_malformed_total";
    /** Polls of a detect worker that failed and were tried again (not authorised, topic deleted, ...). */
    public static final String KAFKA_POLL_FAILURES = "flowsentry_kafka_poll_failures_total";
    /** Offset commits of a detect worker that failed (their flows are read again after a restart). */
    public static final String KAFKA_COMMIT_FAILURES = "flowsentry_kafka_commit_failures_total";
    /** Partitions of the topic a detect worker owns. */
    public static final String KAFKA_PARTITIONS = "flowsentry_kafka_partitions";

    private FlowsentryMetrics() {
    }

    static void defineAll(Metrics m) {
        m.counter(DATAGRAMS, "UDP datagrams received, by sourcetype", "sourcetype");
        m.counter(RECORDS, "Flow records decoded, by sourcetype", "sourcetype");
        m.counter(DECODE_ERRORS, "Inputs rejected by a decoder, by reason", "reason");
        m.counter(TEMPLATE_MISSES, "NetFlow v9/IPFIX data sets whose template was unknown");
        m.counter(SEQUENCE_GAPS, "Export sequence-number gaps, per exporter", "exporter");
        m.counter(KERNEL_DROPS, "Datagrams dropped by the kernel (socket receive buffer full), per listener", "listener");
        m.counter(HANDOFF_WAITS, "Times a receive or log-follower thread waited for the detection thread to free a match batch");
        m.counter(HANDOFF_WAIT_MILLIS, "Milliseconds receive and log-follower threads spent waiting for the detection thread");
        m.gauge(HANDOFF_BATCHES, "Match batches of the handoff to the detection thread (64 of 512 at start, more in bursts)");
        m.gauge(HANDOFF_PENDING, "Matches waiting for the detection thread, in full batches");
        m.counter(MATCHED_RECORDS, "Flow records matching the Outbound SMB predicate");
        m.counter(ROWS_PUBLISHED, "Detection rows published, by kind", "kind");
        m.counter(WEBHOOK_FAILURES, "Failed webhook delivery attempts, per webhook", "webhook");
        m.gauge(OUTBOX_DEPTH, "Rows waiting in a webhook outbox, per webhook", "webhook");
        m.counter(KAFKA_SENT, "Flows (kind flow), batch and watermark messages given to the forwarder's producer", "kind");
        m.counter(KAFKA_ACKNOWLEDGED, "Flows the brokers acknowledged to the forwarder");
        m.counter(KAFKA_SEND_FAILURES, "Flows in messages the forwarder's producer refused or gave up on");
        m.counter(KAFKA_CONSUMED, "Kafka messages read by the detect worker");
        m.counter(KAFKA_MALFORMED, "Kafka messages the detect worker skipped as malformed");
        m.counter(KAFKA_POLL_FAILURES, "Failed polls of the detect worker, tried again");
        m.counter(KAFKA_COMMIT_FAILURES, "Failed offset commits of the detect worker");
        m.gauge(KAFKA_PARTITIONS, "Partitions of the topic the detect worker owns");
    }
}
