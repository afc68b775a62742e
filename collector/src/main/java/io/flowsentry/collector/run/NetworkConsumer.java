package io.flowsentry.collector.run;

import io.flowsentry.collector.net.DatagramConsumer;
import io.flowsentry.decoder.DecodeCounters;
import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.decoder.ExporterSnapshot;
import io.flowsentry.flow.SourceType;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * The consumer of one UDP event loop: its own {@link FlowDecoder} (templates, sequence numbers), so no
 * state is shared between loops, feeding its own {@link Ingest}.
 */
final class NetworkConsumer implements DatagramConsumer {

    /** How often the exporter table is copied out for {@code status}: once a second. */
    static final long SNAPSHOT_INTERVAL_MILLIS = 1_000;
    /** The loop's timer: a tenth of a second, so a waiting match is handed over within 0.2 s. */
    static final long TICK_MILLIS = 100;

    private long ticks;

    private final FlowDecoder decoder;
    private final Ingest ingest;
    private volatile List<ExporterSnapshot> exporters = List.of();

    NetworkConsumer(FlowDecoder decoder, Ingest ingest) {
        this.decoder = decoder;
        this.ingest = ingest;
    }

    @Override
    public void onDatagram(long exporterHi, long exporterLo, int exporterPort, ByteBuffer payload, long receivedAtMillis) {
        ingest.beginBurst(receivedAtMillis);
        SourceType type = sourceType(payload);
        if (type != null) {
            ingest.counters().datagram(type);
        }
        decoder.decode(exporterHi, exporterLo, payload, receivedAtMillis, ingest);
        ingest.endBurst();
        ingest.flushIfOlder(receivedAtMillis);
    }

    /**
     * The event loop's timer, every {@link #TICK_MILLIS}: hands over matches waiting for a batch to fill
     * when no datagram came to do it, and copies the exporter table out for other threads once a second.
     */
    void tick(long nowMillis) {
        ingest.flushIfOlder(nowMillis);
        if (++ticks % (SNAPSHOT_INTERVAL_MILLIS / TICK_MILLIS) == 0) {
            exporters = decoder.exporters();
        }
    }

    /** The export version in the first two bytes (RFC 3954 §5.1, RFC 7011 §3.1), as a source type. */
    private static SourceType sourceType(ByteBuffer payload) {
        if (payload.remaining() < 2) {
            return null;
        }
        int p = payload.position();
        int version = ((payload.get(p) & 0xff) << 8) | (payload.get(p + 1) & 0xff);
        return switch (version) {
            case 5 -> SourceType.NETFLOW_V5;
            case 9 -> SourceType.NETFLOW_V9;
            case 10 -> SourceType.IPFIX;
            default -> null;
        };
    }

    Ingest ingest() {
        return ingest;
    }

    /** The decoder's counters; read from other threads as monotonic, possibly slightly stale, values. */
    DecodeCounters decodeCounters() {
        return decoder.counters();
    }

    /** The exporters as of the last snapshot (at most {@link #SNAPSHOT_INTERVAL_MILLIS} old). */
    List<ExporterSnapshot> exporters() {
        return exporters;
    }
}
