package io.flowsentry.collector.run;

import io.flowsentry.collector.admin.CollectorStatus;
import io.flowsentry.collector.net.ListenerStatus;
import io.flowsentry.collector.publish.webhook.WebhookPublisher;
import io.flowsentry.decoder.ExporterSnapshot;
import io.flowsentry.flow.SourceType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the answer of {@code GET /status} from counters the pipeline threads publish; runs on the
 * admin thread and never touches the engine or the decoders' live state.
 */
final class CollectorStatusView {

    /** Records per second are averaged over the samples of the last minute. */
    private static final long RATE_WINDOW_MILLIS = 60_000;

    private final Collector collector;
    private final Clock clock;
    private final String started;
    private final ArrayList<long[]> samples = new ArrayList<>();

    CollectorStatusView(Collector collector, Clock clock) {
        this.collector = collector;
        this.clock = clock;
        this.started = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    synchronized CollectorStatus status() {
        Map<String, Long> bySourcetype = new LinkedHashMap<>();
        long records = 0;
        long datagrams = 0;
        for (SourceType t : SourceType.values()) {
            long n = 0;
            for (FlowCounters c : collector.producerCounters()) {
                n += c.records(t);
                datagrams += c.datagrams(t);
            }
            bySourcetype.put(t.text(), n);
            records += n;
        }
        List<ListenerStatus> listeners = collector.listeners() == null ? List.of() : collector.listeners().status();
        long kernelDrops = -1;
        for (ListenerStatus l : listeners) {
            if (l.kernelDrops() >= 0) {
                kernelDrops = Math.max(kernelDrops, 0) + l.kernelDrops();
            }
        }
        long outbox = 0;
        StringBuilder webhookState = new StringBuilder();
        for (WebhookPublisher w : collector.webhooks()) {
            outbox += w.outboxDepth();
            if (webhookState.length() > 0) {
                webhookState.append("; ");
            }
            webhookState.append(w.name()).append(": ").append(w.outboxDepth()).append(" queued, ")
                    .append(w.delivered()).append(" delivered, ").append(w.failures()).append(" failed attempts, ")
                    .append(w.deadLettered()).append(" dead-lettered");
        }
        String hooks = webhookState.length() == 0 ? "none configured" : webhookState.toString();
        long handoffWaits = 0;
        long handoffWaitNanos = 0;
        for (FlowCounters c : collector.producerCounters()) {
            handoffWaits += c.handoffWaits();
            handoffWaitNanos += c.handoffWaitNanos();
        }
        return new CollectorStatus(ProcessHandle.current().pid(), version(), started, listeners, exporters(),
                datagrams, records, bySourcetype, recordsPerSecond(records), kernelDrops,
                collector.detection() == null ? 0 : collector.detection().windowsOpen(), outbox, hooks,
                handoffWaits, handoffWaitNanos / 1_000_000,
                collector.detection() != null && collector.detection().idle(),
                collector.handoff() == null ? 0 : collector.handoff().pendingMatches(),
                collector.handoff() == null ? 0 : collector.handoff().batchesMade(), kafka());
    }

    private CollectorStatus.KafkaStatus kafka() {
        KafkaForwardLoop forwarder = collector.forwarder();
        KafkaMatchFeed feed = collector.kafkaFeed();
        String topic = collector.config().kafka().topic();
        if (forwarder != null) {
            return new CollectorStatus.KafkaStatus("forward", topic, forwarder.sent(), forwarder.failed(), 0, 0, 0);
        }
        if (feed != null) {
            return new CollectorStatus.KafkaStatus("detect", topic, 0, 0, feed.consumed(), feed.malformed(),
                    feed.partitionsOwned());
        }
        return CollectorStatus.KafkaStatus.OFF;
    }

    private List<CollectorStatus.ExporterStatus> exporters() {
        List<CollectorStatus.ExporterStatus> out = new ArrayList<>();
        for (NetworkConsumer c : collector.consumers()) {
            for (ExporterSnapshot e : c.exporters()) {
                List<Integer> versions = new ArrayList<>();
                for (int v : e.versions()) {
                    versions.add(v);
                }
                out.add(new CollectorStatus.ExporterStatus(e.address(), versions, e.templates(),
                        Instant.ofEpochMilli(e.lastDatagramMillis()).truncatedTo(ChronoUnit.MILLIS).toString(),
                        e.datagrams(), e.sequenceLost()));
            }
        }
        return out;
    }

    private double recordsPerSecond(long records) {
        long now = clock.millis();
        samples.add(new long[] {now, records});
        while (samples.size() > 2 && samples.get(0)[0] < now - RATE_WINDOW_MILLIS) {
            samples.remove(0);
        }
        long[] first = samples.get(0);
        long dt = now - first[0];
        return dt <= 0 ? 0 : (records - first[1]) * 1000.0 / dt;
    }

    private static String version() {
        String v = Collector.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
