package io.flowsentry.decoder.corpus;

import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.decoder.pcap.CaptureReader;
import io.flowsentry.decoder.pcap.NotACaptureException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing escapes the decoder or the capture reader as an exception: every real payload of the corpus,
 * cut at every length and with bytes overwritten at random (fixed seed, so a failure reproduces), is
 * decoded to counters.
 */
class MalformedInputTest {

    private static List<byte[]> rawPayloads() throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (String source : List.of("logstash", "goflow2", "python-netflow", "vflow")) {
            try (Stream<Path> s = Files.list(Corpus.source(source).resolve("raw"))) {
                for (Path p : s.filter(Files::isRegularFile).sorted().toList()) {
                    out.add(Files.readAllBytes(p));
                }
            }
        }
        return out;
    }

    @Test
    void truncatedAndCorruptedPayloadsNeverThrow() throws IOException {
        Random random = new Random(20_260_101L);
        FlowDecoder decoder = new FlowDecoder(Clock.systemUTC());
        long[] records = new long[1];
        int datagrams = 0;
        for (byte[] payload : rawPayloads()) {
            // Templates first, so corrupted data sets exercise the record loop, not only the missing-template path.
            decoder.decode(0, 1, payload, 0, payload.length, 0, r -> records[0]++);
            for (int length = 0; length < payload.length; length += 7) {
                decoder.decode(0, 1, payload, 0, length, 0, r -> records[0]++);
                datagrams++;
            }
            for (int i = 0; i < 200; i++) {
                byte[] copy = payload.clone();
                for (int k = 0; k < 1 + random.nextInt(8); k++) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                decoder.decode(0, 1 + random.nextInt(3), copy, 0, copy.length, 0, r -> records[0]++);
                datagrams++;
            }
        }
        assertThat(decoder.counters().get(DecodeCounter.DATAGRAMS)).isGreaterThanOrEqualTo(datagrams);
        assertThat(records[0]).isPositive();
    }

    @Test
    void corruptedCapturesNeverThrow() throws Exception {
        Random random = new Random(7);
        byte[] capture = Corpus.bytes(Corpus.source("logstash").resolve("pcap/netflow_9_cisco_asa.pcap"));
        for (int i = 0; i < 300; i++) {
            byte[] copy = capture.clone();
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                // Keep the magic number: damage inside a capture is counted, not refused.
                copy[4 + random.nextInt(copy.length - 4)] = (byte) random.nextInt(256);
            }
            int length = 24 + random.nextInt(copy.length - 24);
            CaptureReader reader = new CaptureReader();
            FlowDecoder decoder = new FlowDecoder(Clock.systemUTC());
            try {
                reader.read(copy, length, d -> decoder.decode(d.srcHi(), d.srcLo(), d.buffer(), d.payloadOffset(),
                        d.payloadLength(), 0, r -> { }));
            } catch (NotACaptureException e) {
                throw new AssertionError("magic number was kept", e);
            }
        }
    }
}
