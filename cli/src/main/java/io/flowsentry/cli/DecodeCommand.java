package io.flowsentry.cli;

import io.flowsentry.decoder.Bytes;
import io.flowsentry.decoder.DecodeCounter;
import io.flowsentry.decoder.FlowDecoder;
import io.flowsentry.decoder.pcap.CaptureCounter;
import io.flowsentry.decoder.pcap.CaptureReader;
import io.flowsentry.decoder.pcap.NotACaptureException;
import io.flowsentry.decoder.zeek.ConnLogCounters;
import io.flowsentry.decoder.zeek.ConnLogFormat;
import io.flowsentry.decoder.zeek.ConnLogReader;
import io.flowsentry.decoder.zeek.ConnLogSniffer;
import io.flowsentry.flow.FlowRecordJson;
import io.flowsentry.flow.FlowSink;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code flowsentry decode FILE...}: decodes NetFlow v5/v9/IPFIX from captures and raw payload files
 * and prints one JSON object per flow record ({@link FlowRecordJson}), then the decode counters on stderr.
 */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = {
                "Decode NetFlow v5, v9 and IPFIX from pcap/pcapng captures (every UDP datagram, or those of --port)",
                "and from raw payload files (one datagram per file, or several PDUs with --raw-concatenated).",
                "Prints one JSON object per flow record on stdout, in file order, then the decode counters on stderr."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  flowsentry decode exports.pcap",
                "  flowsentry decode --port 2055 capture.pcapng | jq -r .src_ip",
                "  flowsentry decode template.bin data.bin            (raw payloads, one exporter)",
                "  flowsentry decode --raw-concatenated ipfix.dat     (PDUs split by their own length)",
                "",
                "Output keys: time_start, time_end, src_ip, dest_ip, src_port, dest_port, transport, bytes, packets,",
                "tcp_flags, action, app, sourcetype, exporter, observation_domain, sampling_interval.",
                "  flowsentry decode conn.log conn.00:00:00-01:00:00.log.gz   (Zeek conn.log, TSV or JSON)",
                "",
                "Exit codes: 0 ok, 2 a file cannot be read or is neither a capture, a NetFlow/IPFIX payload nor a conn.log."})
public final class DecodeCommand implements Callable<Integer> {

    /** The kinds of file {@code decode} reads; see {@link #detect}. */
    enum FileKind { CAPTURE, FLOW_PAYLOAD, CONN_LOG, UNKNOWN }

    /** Enough to tell a conn.log's form: its TSV header is about 600 bytes (see {@link ConnLogSniffer}). */
    private static final int SNIFF_BYTES = 4096;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "pcap, pcapng, raw NetFlow/IPFIX payload or Zeek conn.log files, decoded in order")
    List<Path> files = new ArrayList<>();

    @Option(names = "--port", paramLabel = "PORT", description = "captures: only UDP datagrams sent to this port (1-65535)")
    Integer port;

    @Option(names = "--raw-concatenated", description = "raw files hold several PDUs back to back: split each by its own length (v5 count, IPFIX length)")
    boolean rawConcatenated;

    private final StringBuilder line = new StringBuilder(512);
    private final ConnLogCounters connLogCounters = new ConnLogCounters();
    private long records;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (port != null && (port < 1 || port > 65535)) {
            err.println("flowsentry decode: invalid port: " + port + " (expected: 1 ~ 65535)");
            return FlowsentryCommand.EXIT_USAGE;
        }
        List<FileKind> kinds = new ArrayList<>();
        for (Path file : files) {
            FileKind kind;
            try {
                kind = detect(head(file));
                if (kind == FileKind.UNKNOWN && isConnLog(file)) {
                    kind = FileKind.CONN_LOG;
                }
            } catch (IOException e) {
                err.println("flowsentry decode: cannot read " + file + ": " + reason(e));
                return FlowsentryCommand.EXIT_USAGE;
            }
            if (kind == FileKind.UNKNOWN) {
                err.println("flowsentry decode: " + file + ": not a pcap/pcapng capture, a NetFlow v5/v9/IPFIX payload nor a Zeek conn.log");
                return FlowsentryCommand.EXIT_USAGE;
            }
            kinds.add(kind);
        }
        PrintWriter out = spec.commandLine().getOut();
        FlowSink sink = r -> {
            line.setLength(0);
            FlowRecordJson.appendJson(line, r);
            out.println(line);
            records++;
        };
        FlowDecoder decoder = new FlowDecoder(Clock.systemUTC());
        CaptureReader captures = new CaptureReader();
        Progress progress = Progress.forConsole(err, "decode", () -> records);
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            progress.file(file, i + 1, files.size());
            try {
                if (kinds.get(i) == FileKind.CONN_LOG) {
                    try (InputStream in = Files.newInputStream(file)) {
                        ConnLogReader.read(in, file.toString(), sink, connLogCounters);
                    }
                    continue;
                }
                byte[] bytes = Files.readAllBytes(file);
                if (kinds.get(i) == FileKind.CAPTURE) {
                    captures.read(bytes, d -> {
                        if (port == null || d.dstPort() == port) {
                            decoder.decode(d.srcHi(), d.srcLo(), d.buffer(), d.payloadOffset(), d.payloadLength(),
                                    d.timestampMillis(), sink);
                        }
                    });
                } else {
                    decodeRaw(decoder, bytes, sink);
                }
            } catch (IOException e) {
                err.println("flowsentry decode: cannot read " + file + ": " + reason(e));
                return FlowsentryCommand.EXIT_USAGE;
            } catch (NotACaptureException e) {
                err.println("flowsentry decode: " + file + ": " + e.getMessage());
                return FlowsentryCommand.EXIT_USAGE;
            }
        }
        out.flush();
        progress.done();
        summary(err, decoder, captures);
        return 0;
    }

    /** The kind of a file from its first bytes: capture magic numbers, else a NetFlow/IPFIX version field. */
    static FileKind detect(byte[] head) {
        if (CaptureReader.isCapture(head, head.length)) {
            return FileKind.CAPTURE;
        }
        if (head.length >= 2) {
            int version = Bytes.u16(head, 0);
            if (version == 5 || version == 9 || version == 10) {
                return FileKind.FLOW_PAYLOAD;
            }
        }
        return FileKind.UNKNOWN;
    }

    /** A Zeek conn.log (TSV with its header, zeek-cut TSV or JSON lines), gzip-compressed or not. */
    private static boolean isConnLog(Path file) throws IOException {
        byte[] head;
        try (InputStream in = ConnLogReader.maybeGunzip(Files.newInputStream(file))) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        ConnLogFormat format = ConnLogSniffer.sniff(head, 0, head.length);
        return format != ConnLogFormat.NOT_CONN_LOG && format != ConnLogFormat.UNDECIDED;
    }

    private static String reason(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage();
    }

    private static byte[] head(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        }
    }

    /**
     * A raw file is one datagram, or with {@code --raw-concatenated} several PDUs back to back, each
     * as long as it says: v5 24 + 48 x count bytes, IPFIX its message length. v9 has no length field:
     * the rest of the file is one datagram.
     */
    private void decodeRaw(FlowDecoder decoder, byte[] b, FlowSink sink) {
        if (!rawConcatenated) {
            decoder.decode(0, 0, b, 0, b.length, 0, sink);
            return;
        }
        int pos = 0;
        while (b.length - pos >= 4) {
            int version = Bytes.u16(b, pos);
            int length = b.length - pos;
            if (version == 5) {
                length = Math.min(length, 24 + 48 * Bytes.u16(b, pos + 2));
            } else if (version == 10) {
                int messageLength = Bytes.u16(b, pos + 2);
                if (messageLength >= 16 && messageLength <= length) {
                    length = messageLength;
                }
            }
            decoder.decode(0, 0, b, pos, length, 0, sink);
            pos += length;
        }
    }

    private void summary(PrintWriter err, FlowDecoder decoder, CaptureReader captures) {
        err.println("flowsentry decode: " + records + " flow records from " + decoder.counters().get(DecodeCounter.DATAGRAMS)
                + " datagrams and " + connLogCounters.lines() + " conn.log lines in " + files.size() + " file(s)");
        if (connLogCounters.lines() > 0) {
            err.println("  conn.log: " + connLogCounters);
        }
        for (Map.Entry<CaptureCounter, Long> e : captures.counters().nonZero().entrySet()) {
            err.printf("  capture.%s: %d (%s)%n", e.getKey().key(), e.getValue(), e.getKey().description());
        }
        for (Map.Entry<DecodeCounter, Long> e : decoder.counters().nonZero().entrySet()) {
            err.printf("  decode.%s: %d (%s)%n", e.getKey().key(), e.getValue(), e.getKey().description());
        }
        err.flush();
    }
}
