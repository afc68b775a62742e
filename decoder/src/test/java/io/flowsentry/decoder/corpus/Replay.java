package io.flowsentry.decoder.corpus;

import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.decoder.pcap.CaptureCounter;
import io.flowsentry.decoder.pcap.CaptureReader;
import io.flowsentry.decoder.pcap.NotACaptureException;
import io.flowsentry.flow.FlowRecord;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Replays a capture through the pcap reader and one {@link FlowDecoder}, keeping copies of the records. */
final class Replay {

    final FlowDecoder decoder = new FlowDecoder(Clock.systemUTC());
    final CaptureReader reader = new CaptureReader();
    final List<DecodedFlow> flows = new ArrayList<>();

    static Replay of(Path pcap) {
        Replay r = new Replay();
        try {
            r.reader.read(Corpus.bytes(pcap), d -> {
                int frame = (int) r.reader.counters().get(CaptureCounter.PACKETS);
                r.decoder.decode(d.srcHi(), d.srcLo(), d.buffer(), d.payloadOffset(), d.payloadLength(),
                        d.timestampMillis(), rec -> r.flows.add(new DecodedFlow(frame, new FlowRecord().copyFrom(rec))));
            });
        } catch (NotACaptureException e) {
            throw new AssertionError(pcap + ": " + e.getMessage(), e);
        }
        return r;
    }

    /** Decodes one raw payload file as one datagram from exporter 192.0.2.10. */
    static void raw(FlowDecoder decoder, Path file, List<FlowRecord> out) {
        byte[] b = Corpus.bytes(file);
        long[] exporter = io.flowsentry.flow.IpAddress.parse("192.0.2.10");
        decoder.decode(exporter[0], exporter[1], b, 0, b.length, 0, rec -> out.add(new FlowRecord().copyFrom(rec)));
    }
}
