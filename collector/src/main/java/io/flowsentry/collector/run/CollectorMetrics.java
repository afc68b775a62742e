package io.flowsentry.collector.run;

import io.flowsentry.collector.detect.RowKind;
import io.flowsentry.collector.metrics.FlowsentryMetrics;
import io.flowsentry.collector.metrics.Metrics;
import io.flowsentry.collector.net.ListenerStatus;
import io.flowsentry.collector.publish.webhook.WebhookPublisher;
import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.ExporterSnapshot;
import io.flowsentry.flow.SourceType;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Registers the running collector's counters with the metrics facade. Every value is read at scrape time
 * from counters the pipeline keeps anyway: nothing is added to the hot path.
 */
final class CollectorMetrics {

    /** Decoder outcomes that are not errors: counted elsewhere or normal events. */
    private static final Set<DecodeCounter> NOT_ERRORS = EnumSet.of(DecodeCounter.DATAGRAMS,
            DecodeCounter.FLOW_RECORDS, DecodeCounter.OPTIONS_RECORDS, DecodeCounter.TEMPLATES,
            DecodeCounter.OPTIONS_TEMPLATES, DecodeCounter.TEMPLATES_REFRESHED, DecodeCounter.TEMPLATES_WITHDRAWN,
            DecodeCounter.PENDING_SETS_DECODED, DecodeCounter.MISSING_TEMPLATE, DecodeCounter.SEQUENCE_LOST);

    private CollectorMetrics() {
    }

    private static long sum(Collector c, java.util.function.ToLongFunction<FlowCounters> counter) {
        long n = 0;
        for (FlowCounters fc : c.producerCounters()) {
            n += counter.applyAsLong(fc);
        }
        return n;
    }

    /** The scale-out's counters: a forwarder's or a detect worker's, zero in the other roles. */
    private static void registerKafka(Metrics m, Collector c) {
        m.family(FlowsentryMetrics.KAFKA_SENT).register(() -> c.forwarder() == null ? 0 : c.forwarder().sent(), "flow");
        m.family(FlowsentryMetrics.KAFKA_SENT).register(
                () -> c.forwarder() == null ? 0 : c.forwarder().messages(), "batch");
        m.family(FlowsentryMetrics.KAFKA_SENT).register(
                () -> c.forwarder() == null ? 0 : c.forwarder().watermarks(), "watermark");
        m.family(FlowsentryMetrics.KAFKA_ACKNOWLEDGED).register(
                () -> c.forwarder() == null ? 0 : c.forwarder().acknowledged());
        m.family(FlowsentryMetrics.KAFKA_SEND_FAILURES).register(
                () -> c.forwarder() == null ? 0 : c.forwarder().failed());
        m.family(FlowsentryMetrics.KAFKA_CONSUMED).register(() -> c.kafkaFeed() == null ? 0 : c.kafkaFeed().consumed());
        m.family(FlowsentryMetrics.KAFKA_MALFORMED).register(
                () -> c.kafkaFeed() == null ? 0 : c.kafkaFeed().malformed());
        m.family(FlowsentryMetrics.KAFKA_POLL_FAILURES).register(
                () -> c.kafkaFeed() == null ? 0 : c.kafkaFeed().pollFailures());
        m.family(FlowsentryMetrics.KAFKA_COMMIT_FAILURES).register(
                () -> c.kafkaFeed() == null ? 0 : c.kafkaFeed().commitFailures());
        m.family(FlowsentryMetrics.KAFKA_PARTITIONS).register(
                () -> c.kafkaFeed() == null ? 0 : c.kafkaFeed().partitionsOwned());
    }

    static void register(Metrics m, Collector c) {
        for (SourceType t : SourceType.values()) {
            m.family(FlowsentryMetrics.RECORDS).register(() -> sum(c, fc -> fc.records(t)), t.text());
        }
        for (SourceType t : new SourceType[] {SourceType.NETFLOW_V5, SourceType.NETFLOW_V9, SourceType.IPFIX}) {
            m.family(FlowsentryMetrics.DATAGRAMS).register(() -> sum(c, fc -> fc.datagrams(t)), t.text());
        }
        m.family(FlowsentryMetrics.DECODE_ERRORS).register(sink -> {
            for (DecodeCounter dc : DecodeCounter.values()) {
                if (NOT_ERRORS.contains(dc)) {
                    continue;
                }
                long n = 0;
                for (NetworkConsumer nc : c.consumers()) {
                    n += nc.decodeCounters().get(dc);
                }
                sink.sample(n, dc.name().toLowerCase(Locale.ROOT));
            }
        });
        m.family(FlowsentryMetrics.TEMPLATE_MISSES).register(() -> {
            long n = 0;
            for (NetworkConsumer nc : c.consumers()) {
                n += nc.decodeCounters().get(DecodeCounter.MISSING_TEMPLATE);
            }
            return n;
        });
        m.family(FlowsentryMetrics.SEQUENCE_GAPS).register(sink -> {
            for (NetworkConsumer nc : c.consumers()) {
                for (ExporterSnapshot e : nc.exporters()) {
                    sink.sample(e.sequenceLost(), e.address());
                }
            }
        });
        m.family(FlowsentryMetrics.KERNEL_DROPS).register(sink -> {
            if (c.listeners() == null) {
                return;
            }
            for (ListenerStatus l : c.listeners().status()) {
                if (l.kernelDrops() >= 0) {
                    sink.sample(l.kernelDrops(), l.address());
                }
            }
        });
        m.family(FlowsentryMetrics.HANDOFF_WAITS).register(() -> sum(c, FlowCounters::handoffWaits));
        m.family(FlowsentryMetrics.HANDOFF_WAIT_MILLIS).register(() -> sum(c, FlowCounters::handoffWaitNanos) / 1_000_000L);
        m.family(FlowsentryMetrics.HANDOFF_BATCHES).register(() -> c.handoff() == null ? 0 : c.handoff().batchesMade());
        m.family(FlowsentryMetrics.HANDOFF_PENDING).register(() -> c.handoff() == null ? 0 : c.handoff().pendingMatches());
        m.family(FlowsentryMetrics.MATCHED_RECORDS).register(() -> c.engine() == null ? 0 : c.engine().counters().flowsMatched());
        for (RowKind kind : RowKind.values()) {
            m.family(FlowsentryMetrics.ROWS_PUBLISHED).register(
                    () -> c.engine() == null ? 0 : c.engine().counters().rows(kind), kind.text());
        }
        registerKafka(m, c);
        for (WebhookPublisher w : c.webhooks()) {
            w.registerMetrics(m);
        }
    }
}
