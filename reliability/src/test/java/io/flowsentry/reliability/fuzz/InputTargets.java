package io.flowsentry.reliability.fuzz;

import io.flowsentry.collector.config.ConfigException;
import io.flowsentry.collector.config.ConfigLoader;
import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.decoder.pcap.CaptureReader;
import io.flowsentry.decoder.pcap.NotACaptureException;
import io.flowsentry.decoder.zeek.BadLineLog;
import io.flowsentry.decoder.zeek.ConnLogCounters;
import io.flowsentry.decoder.zeek.ConnLogLineDecoder;
import io.flowsentry.decoder.zeek.ConnLogReader;
import io.flowsentry.flow.FlowSink;
import io.flowsentry.store.assets.AssetTable;
import io.flowsentry.store.assets.AssetsCsvLoader;
import io.flowsentry.store.assets.AssetsFormatException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The fuzz targets other than the datagram decoders: each feeds one input to a reader and lets only
 * the exception that reader documents pass; anything else (a RuntimeException, an Error such as
 * OutOfMemoryError or StackOverflowError) propagates and is a finding.
 */
final class InputTargets {

    private static final Clock FIXED = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);

    private InputTargets() {
    }

    /**
     * {@link CaptureReader#read}: only {@link NotACaptureException} may escape; every datagram it yields
     * lies inside the capture's bytes and goes through a {@link FlowDecoder} as {@code flowsentry decode}
     * would send it.
     */
    static void pcap(byte[] input) {
        FlowDecoder decoder = new FlowDecoder(FIXED, FlowDecoderTarget.LIMITS);
        long[] records = {0};
        FlowSink count = r -> records[0]++;
        try {
            new CaptureReader().read(input, d -> {
                if (d.buffer() != input || d.payloadOffset() < 0 || d.payloadLength() < 0
                        || d.payloadOffset() + d.payloadLength() > input.length) {
                    throw new AssertionError("datagram outside the capture: offset " + d.payloadOffset()
                            + " length " + d.payloadLength() + " in " + input.length + " bytes");
                }
                decoder.decode(d.srcHi(), d.srcLo(), d.buffer(), d.payloadOffset(), d.payloadLength(),
                        d.timestampMillis(), count);
            });
        } catch (NotACaptureException expected) {
            return;
        }
        if (decoder.counters().get(DecodeCounter.FLOW_RECORDS) != records[0]) {
            throw new AssertionError("flow_records " + decoder.counters().get(DecodeCounter.FLOW_RECORDS)
                    + " but " + records[0] + " records delivered");
        }
    }

    /**
     * {@link ConnLogReader#read} on the whole input (plain or gzip, TSV or JSON told by the content):
     * an IOException may escape only from a corrupt gzip stream; every line is counted exactly once.
     */
    static void zeekFile(byte[] input) {
        ConnLogCounters counters = new ConnLogCounters();
        long[] records = {0};
        try {
            ConnLogReader.read(new ByteArrayInputStream(input), "fuzz.log", r -> records[0]++, counters, quietLog());
        } catch (IOException e) {
            boolean gzip = input.length >= 2 && (input[0] & 0xff) == 0x1f && (input[1] & 0xff) == 0x8b;
            if (!gzip) {
                throw new AssertionError("IOException from an in-memory plain stream", e);
            }
            return;
        }
        checkLineAccounting(counters, records[0]);
    }

    /**
     * {@link ConnLogLineDecoder#line} line by line, as the live follower feeds it (no gzip, no 64 KiB
     * splitter in front): JSON when the first line starts with {@code {}, TSV otherwise.
     */
    static void zeekLines(byte[] input) {
        ConnLogCounters counters = new ConnLogCounters();
        long[] records = {0};
        ConnLogLineDecoder decoder = new ConnLogLineDecoder("fuzz.log", r -> records[0]++, counters, quietLog());
        int start = 0;
        long lineNumber = 1;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == '\n') {
                if (i > start || i < input.length) {
                    decoder.line(input, start, i - start, lineNumber++);
                }
                start = i + 1;
            }
        }
        checkLineAccounting(counters, records[0]);
    }

    private static void checkLineAccounting(ConnLogCounters c, long delivered) {
        if (c.records() != delivered) {
            throw new AssertionError("records counted " + c.records() + " but delivered " + delivered);
        }
        if (c.lines() != c.records() + c.headerLines() + c.blankLines() + c.badTotal()) {
            throw new AssertionError("a line counted in no category or in two: " + c);
        }
    }

    private static BadLineLog quietLog() {
        return new BadLineLog(message -> { }, () -> 0L, BadLineLog.DEFAULT_BURST, BadLineLog.DEFAULT_PERIOD_NANOS);
    }

    /** {@link AssetsCsvLoader#parse}: only {@link AssetsFormatException}; a table it returns answers lookups. */
    static void assetsCsv(byte[] input) {
        AssetTable table;
        try {
            table = AssetsCsvLoader.parse("fuzz.csv", new String(input, StandardCharsets.UTF_8));
        } catch (AssetsFormatException expected) {
            return;
        }
        table.lookup(0, io.flowsentry.flow.IpAddress.v4Lo(0x0A00_0001));
        table.lookup(0x2001_0db8_0000_0000L, 1);
        table.lookup(0, 0);
        table.lookup(-1L, -1L);
    }

    /** {@link ConfigLoader#parse}: only {@link ConfigException}. */
    static void configYaml(byte[] input) {
        try {
            ConfigLoader.parse(new String(input, StandardCharsets.UTF_8), "fuzz.yaml");
        } catch (ConfigException expected) {
            // the one documented outcome of a bad file
        }
    }
}
