package io.flowsentry.decoder;

import io.flowsentry.decoder.ipfix.IpfixDecoder;
import io.flowsentry.decoder.netflow5.NetflowV5Decoder;
import io.flowsentry.decoder.netflow9.NetflowV9Decoder;
import io.flowsentry.decoder.template.DataRecordReader;
import io.flowsentry.decoder.template.DataSetHandler;
import io.flowsentry.decoder.template.TemplateCompiler;
import io.flowsentry.flow.FlowSink;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Bytes of one datagram in, flow records out: dispatches on the version field (5, 9, 10) to the
 * NetFlow v5, v9 and IPFIX decoders, which share the per-exporter state (templates, pending data sets,
 * sequence numbers). Knows nothing of transport: the caller passes the exporter's address.
 *
 * <p>Not thread-safe: one instance is used by one thread. Malformed input never throws; every outcome
 * is a {@link DecodeCounter}. Template and pending-set expiry follow the injected clock.
 */
public final class FlowDecoder {

    /** Largest UDP payload over IPv4: 65,535 - 20 (IP) - 8 (UDP). */
    static final int MAX_DATAGRAM = 65_507;

    private final Clock clock;
    private final DecodeCounters counters = new DecodeCounters();
    private final ExporterTable exporters;
    private final NetflowV5Decoder v5;
    private final NetflowV9Decoder v9;
    private final IpfixDecoder ipfix;
    private final DataSetHandler sets;
    private byte[] copyBuffer;

    public FlowDecoder(Clock clock, DecoderLimits limits) {
        this.clock = clock;
        this.exporters = new ExporterTable(limits, counters);
        this.sets = new DataSetHandler(new DataRecordReader(counters), new TemplateCompiler(limits.maxFieldsPerTemplate()),
                counters, limits.pendingTimeout().toMillis());
        this.v5 = new NetflowV5Decoder(counters);
        this.v9 = new NetflowV9Decoder(counters, sets);
        this.ipfix = new IpfixDecoder(counters, sets);
    }

    public FlowDecoder(Clock clock) {
        this(clock, DecoderLimits.defaults());
    }

    /**
     * Decodes one datagram {@code buffer[offset, offset+length)} sent by the exporter at
     * {@code (exporterHi, exporterLo)} (an {@link io.flowsentry.flow.IpAddress} value), calling
     * {@code sink} once per flow record. The record passed to the sink is reused afterwards.
     *
     * @throws IndexOutOfBoundsException if the range lies outside {@code buffer} (a caller's error;
     *         nothing in the datagram's bytes makes this method throw)
     */
    public void decode(long exporterHi, long exporterLo, byte[] buffer, int offset, int length,
                       long receiveTimeMillis, FlowSink sink) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        counters.increment(DecodeCounter.DATAGRAMS);
        if (length < 2) {
            counters.increment(DecodeCounter.TRUNCATED_HEADER);
            return;
        }
        int version = Bytes.u16(buffer, offset);
        if (version != 5 && version != 9 && version != 10) {
            counters.increment(DecodeCounter.UNKNOWN_VERSION);
            return;
        }
        ExporterState exporter = exporters.get(exporterHi, exporterLo);
        exporter.versionsSeen |= 1 << version;
        exporter.lastDatagramMillis = receiveTimeMillis;
        exporter.datagrams++;
        boolean pending = exporter.pending.size() > 0;
        if (version == 5 && !pending) {
            // v5 has no templates: without sets to expire, its datagrams need no time.
            v5.decode(buffer, offset, length, exporter, sink);
            return;
        }
        long now = clock.millis();
        if (pending) {
            sets.expire(exporter.pending, now);
        }
        switch (version) {
            case 5 -> v5.decode(buffer, offset, length, exporter, sink);
            case 9 -> v9.decode(buffer, offset, length, exporter, now, sink);
            default -> ipfix.decode(buffer, offset, length, exporter, now, sink);
        }
    }

    /** As {@link #decode(long, long, byte[], int, int, long, FlowSink)}, for the remaining bytes of {@code buffer}. */
    public void decode(long exporterHi, long exporterLo, ByteBuffer buffer, long receiveTimeMillis, FlowSink sink) {
        int length = buffer.remaining();
        if (buffer.hasArray()) {
            decode(exporterHi, exporterLo, buffer.array(), buffer.arrayOffset() + buffer.position(), length,
                    receiveTimeMillis, sink);
            return;
        }
        if (copyBuffer == null) {
            copyBuffer = new byte[MAX_DATAGRAM];
        }
        int n = Math.min(length, MAX_DATAGRAM);
        buffer.duplicate().get(copyBuffer, 0, n);
        decode(exporterHi, exporterLo, copyBuffer, 0, n, receiveTimeMillis, sink);
    }

    public DecodeCounters counters() {
        return counters;
    }

    /** The exporters currently tracked, least recently seen first. */
    public List<ExporterSnapshot> exporters() {
        return exporters.snapshot();
    }

    public int exporterCount() {
        return exporters.size();
    }
}
