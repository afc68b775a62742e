package io.flowsentry.cli;

import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.DecoderLimits;
import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.decoder.pcap.CaptureReader;
import io.flowsentry.decoder.pcap.NotACaptureException;
import io.flowsentry.decoder.zeek.ConnLogCounters;
import io.flowsentry.decoder.zeek.ConnLogFormat;
import io.flowsentry.decoder.zeek.ConnLogReader;
import io.flowsentry.decoder.zeek.ConnLogSniffer;
import io.flowsentry.flow.FlowSink;
import io.flowsentry.flow.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/**
 * The inputs of {@code flowsentry scan}: pcap/pcapng captures of NetFlow v5/v9/IPFIX exports and Zeek
 * conn.log files (TSV or JSON), each plain or gzip-compressed, named directly or found in directories
 * (walked in name order). Every flow record goes to one sink, in input order.
 *
 * <p>One {@link FlowDecoder} serves every capture, so templates carry over from one capture file of an
 * exporter to the next, as they would in {@code run}; its clock is the capture's own time, so template and
 * pending-set expiry follow the capture and not the moment of the scan. A capture is read into memory
 * whole (the capture reader works on bytes); conn.logs are streamed.
 */
final class ScanInputs {

    /** Enough to tell a conn.log's form: its TSV header is about 600 bytes (see {@link ConnLogSniffer}). */
    private static final int SNIFF_BYTES = 4096;

    /** The time of the datagram being decoded: the clock of the decoder's template and pending-set expiry. */
    private final SettableClock captureClock = new SettableClock(0);
    private final FlowDecoder decoder;
    private final CaptureReader captures = new CaptureReader();
    private final ConnLogCounters connLogCounters = new ConnLogCounters();
    private final FlowSink sink;
    private int captureFiles;
    private int connLogFiles;
    private int skippedFiles;
    private Progress progress;

    ScanInputs(DecoderLimits limits, FlowSink sink) {
        this.decoder = new FlowDecoder(captureClock, limits);
        this.sink = sink;
    }

    /** A named input that is neither readable, nor a capture, nor a conn.log. */
    static final class BadInputException extends Exception {
        private static final long serialVersionUID = 1L;

        BadInputException(String message) {
            super(message);
        }
    }

    /** Shows which file of a directory is being read, on a terminal. */
    void progress(Progress p) {
        this.progress = p;
    }

    /**
     * Reads a file, or every file below a directory. A file named directly must be a capture or a
     * conn.log; in a directory, other files are skipped and counted.
     */
    void read(Path path) throws IOException, BadInputException {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(path)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (int i = 0; i < files.size(); i++) {
                Path f = files.get(i);
                if (progress != null) {
                    progress.file(f, i + 1, files.size());
                }
                if (!readFile(f)) {
                    skippedFiles++;
                }
            }
            return;
        }
        if (!Files.isRegularFile(path)) {
            throw new BadInputException(path + ": no such file or directory");
        }
        if (!readFile(path)) {
            throw new BadInputException(path + ": neither a pcap/pcapng capture nor a Zeek conn.log");
        }
    }

    /** @return false when the file is neither a capture nor a conn.log */
    private boolean readFile(Path file) throws IOException {
        byte[] head;
        try (InputStream in = ConnLogReader.maybeGunzip(Files.newInputStream(file))) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (CaptureReader.isCapture(head, head.length)) {
            readCapture(file);
            captureFiles++;
            return true;
        }
        ConnLogFormat format = ConnLogSniffer.sniff(head, 0, head.length);
        if (format == ConnLogFormat.NOT_CONN_LOG || format == ConnLogFormat.UNDECIDED && head.length > 0) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            ConnLogReader.read(in, file.toString(), sink, connLogCounters);
        }
        connLogFiles++;
        return true;
    }

    private void readCapture(Path file) throws IOException {
        byte[] bytes;
        try (InputStream in = ConnLogReader.maybeGunzip(Files.newInputStream(file))) {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            bytes = all.toByteArray();
        }
        try {
            captures.read(bytes, d -> {
                captureClock.set(d.timestampMillis());
                decoder.decode(d.srcHi(), d.srcLo(), d.buffer(), d.payloadOffset(), d.payloadLength(),
                        d.timestampMillis(), sink);
            });
        } catch (NotACaptureException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** One line for stderr: what was read and what was wrong with it. */
    String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(captureFiles).append(" capture file(s), ").append(connLogFiles).append(" conn.log file(s)");
        if (skippedFiles > 0) {
            sb.append(", ").append(skippedFiles).append(" other file(s) skipped");
        }
        sb.append("; ").append(decoder.counters().get(DecodeCounter.DATAGRAMS)).append(" datagrams, ")
                .append(decoder.counters().get(DecodeCounter.FLOW_RECORDS)).append(" flow records decoded, ")
                .append(connLogCounters.records()).append(" conn.log records");
        long badLines = connLogCounters.badTotal();
        if (badLines > 0) {
            sb.append(", ").append(badLines).append(" bad conn.log lines");
        }
        long unknown = decoder.counters().get(DecodeCounter.UNKNOWN_VERSION);
        if (unknown > 0) {
            sb.append(", ").append(unknown).append(" UDP datagrams not NetFlow/IPFIX");
        }
        return sb.toString();
    }

    long flowRecords() {
        return decoder.counters().get(DecodeCounter.FLOW_RECORDS) + connLogCounters.records();
    }
}
