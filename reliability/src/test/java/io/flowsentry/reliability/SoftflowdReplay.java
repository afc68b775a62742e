package io.flowsentry.reliability;

import io.flowsentry.decoder.pcap.CaptureReader;
import io.flowsentry.decoder.pcap.NotACaptureException;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The UDP payloads of a softflowd export capture in ../shared/corpus/softflowd, replayed over loopback. */
public final class SoftflowdReplay implements AutoCloseable {

    /** softflowd's NetFlow v9 export of the corpus's synthetic SMB mix: a template, then 37 records. */
    public static final String SMB_MIX_V9 = "smb_mix_input__v9_port40011.pcap";

    private final List<byte[]> payloads;
    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private long sent;

    public SoftflowdReplay(String export, int port) throws IOException, NotACaptureException {
        Path file = Path.of(System.getProperty("flowsentry.shared.dir"), "corpus", "softflowd", "exports", export);
        List<byte[]> list = new ArrayList<>();
        new CaptureReader().read(Files.readAllBytes(file), d -> list.add(Arrays.copyOfRange(d.buffer(),
                d.payloadOffset(), d.payloadOffset() + d.payloadLength())));
        if (list.isEmpty()) {
            throw new IllegalStateException(file + " holds no UDP datagram");
        }
        this.payloads = List.copyOf(list);
        this.socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.target = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Sends the capture's datagrams once, in order. */
    public void sendOnce() throws IOException {
        for (byte[] p : payloads) {
            socket.send(new DatagramPacket(p, p.length, target));
            sent++;
        }
    }

    public long datagramsSent() {
        return sent;
    }

    /** A UDP port free on loopback at the time of the call. */
    public static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
