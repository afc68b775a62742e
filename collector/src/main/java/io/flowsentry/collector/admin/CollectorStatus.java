package io.flowsentry.collector.admin;

import io.flowsentry.collector.net.ListenerStatus;

import java.util.List;
import java.util.Map;

/**
 * What {@code flowsentry status} shows: the answer of {@code GET /status}, as JSON with snake_case names
 * ({@link AdminJson}). The running collector fills it through its {@link StatusSource}.
 *
 * @param pid                  the collector's process id
 * @param version              flowsentry's version
 * @param started              start time, ISO-8601 UTC
 * @param listeners            the UDP listeners
 * @param exporters            every exporter seen since start
 * @param datagramsTotal       datagrams accepted over all listeners
 * @param recordsTotal         flow records decoded, all sources
 * @param recordsBySourcetype  flow records per {@link io.flowsentry.flow.SourceType} name
 * @param recordsPerSecond     decoded records per second over the last minute
 * @param kernelDropsTotal     the kernel's drop count summed over the listeners' ports (-1 unknown)
 * @param windowsOpen          aggregation windows not yet published
 * @param outboxDepth          webhook rows waiting in the outbox
 * @param webhookState         e.g. {@code ok}, {@code retrying (3 failures, last: HTTP 503)}, {@code none configured}
 * @param handoffWaitsTotal    times a receive or log-follower thread found every match batch taken and waited
 *                             for the detection thread (while it waits, its socket buffer fills)
 * @param handoffWaitMillisTotal milliseconds spent in those waits
 * @param detectionIdle        no flow has arrived for {@code detection.idle_after}: windows are closing on the
 *                             clock ({@code now - idle_after}) instead of on event time
 * @param handoffPendingMatches matches handed to the detection thread and not taken yet (in full batches): how
 *                             far the detection is behind the receive threads
 * @param handoffBatches       match batches the handoff has made: 64 at start, more in bursts (up to about an
 *                             eighth of the heap), each of 512 matches
 * @param kafka                this collector's part in a Kafka scale-out ({@link KafkaStatus#OFF} without one)
 */
public record CollectorStatus(long pid, String version, String started, List<ListenerStatus> listeners,
                              List<ExporterStatus> exporters, long datagramsTotal, long recordsTotal,
                              Map<String, Long> recordsBySourcetype, double recordsPerSecond, long kernelDropsTotal,
                              long windowsOpen, long outboxDepth, String webhookState, long handoffWaitsTotal,
                              long handoffWaitMillisTotal, boolean detectionIdle, long handoffPendingMatches,
                              int handoffBatches, KafkaStatus kafka) {

    public CollectorStatus {
        kafka = kafka == null ? KafkaStatus.OFF : kafka;
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        exporters = exporters == null ? List.of() : List.copyOf(exporters);
        recordsBySourcetype = recordsBySourcetype == null ? Map.of() : Map.copyOf(recordsBySourcetype);
    }

    /** A status without a Kafka scale-out. */
    public CollectorStatus(long pid, String version, String started, List<ListenerStatus> listeners,
                           List<ExporterStatus> exporters, long datagramsTotal, long recordsTotal,
                           Map<String, Long> recordsBySourcetype, double recordsPerSecond, long kernelDropsTotal,
                           long windowsOpen, long outboxDepth, String webhookState, long handoffWaitsTotal,
                           long handoffWaitMillisTotal, boolean detectionIdle, long handoffPendingMatches,
                           int handoffBatches) {
        this(pid, version, started, listeners, exporters, datagramsTotal, recordsTotal, recordsBySourcetype,
                recordsPerSecond, kernelDropsTotal, windowsOpen, outboxDepth, webhookState, handoffWaitsTotal,
                handoffWaitMillisTotal, detectionIdle, handoffPendingMatches, handoffBatches, KafkaStatus.OFF);
    }

    /**
     * A collector's part in a Kafka scale-out.
     *
     * @param role          {@code off}, {@code forward} or {@code detect}
     * @param topic         the topic of matching flows ({@code null} when off)
     * @param flowsSent     forward: flows given to the producer
     * @param sendFailures  forward: flows in messages the producer refused or gave up on (lost to the detection)
     * @param consumed      detect: messages read (flows, watermarks, malformed)
     * @param malformed     detect: messages skipped as malformed
     * @param partitions    detect: partitions of the topic this worker owns
     */
    public record KafkaStatus(String role, String topic, long flowsSent, long sendFailures, long consumed,
                              long malformed, int partitions) {
        public static final KafkaStatus OFF = new KafkaStatus("off", null, 0, 0, 0, 0, 0);
    }

    /** A status without the handoff's pool ({@code handoffPendingMatches} and {@code handoffBatches} 0). */
    public CollectorStatus(long pid, String version, String started, List<ListenerStatus> listeners,
                           List<ExporterStatus> exporters, long datagramsTotal, long recordsTotal,
                           Map<String, Long> recordsBySourcetype, double recordsPerSecond, long kernelDropsTotal,
                           long windowsOpen, long outboxDepth, String webhookState, long handoffWaitsTotal,
                           long handoffWaitMillisTotal, boolean detectionIdle) {
        this(pid, version, started, listeners, exporters, datagramsTotal, recordsTotal, recordsBySourcetype,
                recordsPerSecond, kernelDropsTotal, windowsOpen, outboxDepth, webhookState, handoffWaitsTotal,
                handoffWaitMillisTotal, detectionIdle, 0, 0);
    }

    /** A status whose windows close on event time ({@code detectionIdle} false). */
    public CollectorStatus(long pid, String version, String started, List<ListenerStatus> listeners,
                           List<ExporterStatus> exporters, long datagramsTotal, long recordsTotal,
                           Map<String, Long> recordsBySourcetype, double recordsPerSecond, long kernelDropsTotal,
                           long windowsOpen, long outboxDepth, String webhookState, long handoffWaitsTotal,
                           long handoffWaitMillisTotal) {
        this(pid, version, started, listeners, exporters, datagramsTotal, recordsTotal, recordsBySourcetype,
                recordsPerSecond, kernelDropsTotal, windowsOpen, outboxDepth, webhookState, handoffWaitsTotal,
                handoffWaitMillisTotal, false);
    }

    /**
     * One exporter (address, observation domain aside) as the decoders know it.
     *
     * @param address        the exporter's address
     * @param versions       export versions seen from it (5, 9, 10)
     * @param templatesHeld  NetFlow v9 / IPFIX templates held for it
     * @param lastDatagram   time of its last datagram, ISO-8601 UTC
     * @param datagrams      datagrams received from it
     * @param sequenceGaps   export packets or records missing by the sequence numbers
     */
    public record ExporterStatus(String address, List<Integer> versions, int templatesHeld, String lastDatagram,
                                 long datagrams, long sequenceGaps) {
        public ExporterStatus {
            versions = versions == null ? List.of() : List.copyOf(versions);
        }
    }
}
