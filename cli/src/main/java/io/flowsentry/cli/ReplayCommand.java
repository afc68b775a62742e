package io.flowsentry.cli;

import io.flowsentry.collector.net.ListenAddress;
import io.flowsentry.decoder.pcap.CaptureReader;
import io.flowsentry.decoder.pcap.NotACaptureException;
import io.flowsentry.decoder.pcap.UdpDatagram;
import io.flowsentry.decoder.pcap.UdpDatagramSink;
import io.flowsentry.flow.IpAddress;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code flowsentry replay}: re-sends the NetFlow/IPFIX datagrams of a capture over UDP, to test an
 * installation end to end. Each exporter of the capture (source address and port) gets its own socket, so
 * the collector keeps their templates and sequence numbers apart.
 */
@Command(name = "replay",
        description = {"Re-send the NetFlow v5/v9 and IPFIX datagrams of a pcap or pcapng capture over UDP, in capture"
                + " order, paced at --rate datagrams per second.",
                "Only loopback targets (127.0.0.0/8, ::1, localhost) unless --allow-remote."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  flowsentry replay ../shared/corpus/softflowd/exports/smb_mix_input__v5_port40010.pcap --to 127.0.0.1:2055",
                "  flowsentry replay capture.pcapng --to [::1]:4739 --rate 5000 --loop 10",
                "",
                "Exit codes: 0 sent, 1 a send failed, 2 bad usage or input (not a capture, non-loopback target)."})
final class ReplayCommand implements Callable<Integer> {

    /** The version field that starts every export packet: NetFlow v5, v9 (RFC 3954 §5.1), IPFIX (RFC 7011 §3.1). */
    private static final int[] FLOW_VERSIONS = {5, 9, 10};
    /** Exporters beyond this many share the last socket (a capture of a whole network is not a test setup). */
    private static final int MAX_SOCKETS = 256;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CAPTURE", description = "A pcap or pcapng file of NetFlow/IPFIX exports.")
    Path capture;

    @Option(names = "--to", required = true, paramLabel = "HOST:PORT",
            description = "Where to send: a literal address or localhost, and a port (127.0.0.1:2055, [::1]:4739).")
    String to;

    @Option(names = "--rate", paramLabel = "PPS", defaultValue = "1000",
            description = "Datagrams per second (default: ${DEFAULT-VALUE}; what a loopback collector takes without"
                    + " kernel drops on default buffers).")
    int rate;

    @Option(names = "--loop", paramLabel = "N", defaultValue = "1", description = "Send the capture N times (default: ${DEFAULT-VALUE}).")
    int loop;

    @Option(names = "--allow-remote", description = "Allow a target that is not a loopback address.")
    boolean allowRemote;

    @Option(names = "--json", description = "Print the summary as one JSON object (sent, bytes, exporters, skipped).")
    boolean json;

    @Override
    public Integer call() {
        if (rate < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid --rate: " + rate + " (expected: >= 1)");
        }
        if (loop < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid --loop: " + loop + " (expected: >= 1)");
        }
        InetSocketAddress target = target();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(capture);
        } catch (NoSuchFileException e) {
            spec.commandLine().getErr().println("flowsentry: no such capture: " + capture);
            return FlowsentryCommand.EXIT_USAGE;
        } catch (IOException e) {
            spec.commandLine().getErr().println("flowsentry: cannot read " + capture + ": " + e.getMessage());
            return FlowsentryCommand.EXIT_USAGE;
        }
        if (!CaptureReader.isCapture(bytes, bytes.length)) {
            spec.commandLine().getErr().println("flowsentry: " + capture + " is not a pcap or pcapng capture");
            return FlowsentryCommand.EXIT_USAGE;
        }
        try (Sender sender = new Sender(target, 1_000_000_000L / rate)) {
            for (int i = 0; i < loop; i++) {
                new CaptureReader().read(bytes, sender);
            }
            if (json) {
                spec.commandLine().getOut().printf("{\"sent\":%d,\"bytes\":%d,\"exporters\":%d,\"skipped\":%d}%n",
                        sender.sent, sender.bytes, sender.sockets.size(), sender.skipped);
            } else {
                spec.commandLine().getOut().printf("sent %d datagrams (%d bytes) from %d exporter(s) to %s%s%n",
                        sender.sent, sender.bytes, sender.sockets.size(), to, sender.skipped == 0 ? ""
                                : "; skipped " + sender.skipped + " UDP datagrams that are no NetFlow/IPFIX");
            }
            return sender.sent > 0 ? 0 : FlowsentryCommand.EXIT_USAGE;
        } catch (NotACaptureException e) {
            spec.commandLine().getErr().println("flowsentry: " + capture + ": " + e.getMessage());
            return FlowsentryCommand.EXIT_USAGE;
        } catch (IOException | UncheckedIOException e) {
            spec.commandLine().getErr().println("flowsentry: replay to " + to + " failed: " + e.getMessage());
            return 1;
        }
    }

    private InetSocketAddress target() {
        ListenAddress parsed;
        try {
            parsed = ListenAddress.parse(to);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid --to: " + e.getMessage());
        }
        InetSocketAddress address = parsed.toSocketAddress();
        if (!allowRemote && !address.getAddress().isLoopbackAddress()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "refusing to send to " + to
                    + ": not a loopback address (127.0.0.0/8, ::1); add --allow-remote to send elsewhere");
        }
        return address;
    }

    private static boolean isFlowExport(UdpDatagram d) {
        if (d.payloadLength() < 2) {
            return false;
        }
        int version = ((d.buffer()[d.payloadOffset()] & 0xff) << 8) | (d.buffer()[d.payloadOffset() + 1] & 0xff);
        for (int v : FLOW_VERSIONS) {
            if (v == version) {
                return true;
            }
        }
        return false;
    }

    /** Sends each flow datagram from its exporter's socket, one every {@code intervalNanos}. */
    private static final class Sender implements UdpDatagramSink, AutoCloseable {
        private final InetSocketAddress target;
        private final long intervalNanos;
        private final Map<String, DatagramChannel> sockets = new LinkedHashMap<>();
        private long nextSendNanos = System.nanoTime();
        private long sent;
        private long bytes;
        private long skipped;

        Sender(InetSocketAddress target, long intervalNanos) {
            this.target = target;
            this.intervalNanos = intervalNanos;
        }

        @Override
        public void accept(UdpDatagram d) {
            if (!isFlowExport(d)) {
                skipped++;
                return;
            }
            try {
                DatagramChannel socket = socketFor(d);
                long wait = nextSendNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                socket.send(ByteBuffer.wrap(d.buffer(), d.payloadOffset(), d.payloadLength()), target);
                nextSendNanos = Math.max(nextSendNanos + intervalNanos, System.nanoTime() - intervalNanos);
                sent++;
                bytes += d.payloadLength();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private DatagramChannel socketFor(UdpDatagram d) throws IOException {
            String exporter = IpAddress.toString(d.srcHi(), d.srcLo()) + "/" + d.srcPort();
            DatagramChannel socket = sockets.get(exporter);
            if (socket == null) {
                if (sockets.size() >= MAX_SOCKETS) {
                    return sockets.values().iterator().next();
                }
                socket = DatagramChannel.open();
                socket.bind(new InetSocketAddress(target.getAddress() instanceof Inet6Address
                        ? InetAddress.getByName("::") : InetAddress.getByName("0.0.0.0"), 0));
                sockets.put(exporter, socket);
            }
            return socket;
        }

        @Override
        public void close() throws IOException {
            for (DatagramChannel socket : sockets.values()) {
                socket.close();
            }
        }
    }
}
