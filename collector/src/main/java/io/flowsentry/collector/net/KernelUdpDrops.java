package io.flowsentry.collector.net;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kernel's count of datagrams dropped on arrival (receive buffer full, checksum, memory) for the UDP
 * sockets bound to a local port: the {@code drops} column of {@code /proc/net/udp} and
 * {@code /proc/net/udp6}, summed over every socket on that port (one per event loop with SO_REUSEPORT).
 * Both files are read: a dual-stack socket bound to 0.0.0.0 is listed in {@code udp6} only.
 *
 * <p>Line format ({@code net/ipv4/udp.c udp4_format_sock}, {@code net/ipv6/datagram.c
 * __ip6_dgram_sock_seq_show}): {@code sl: local_address rem_address st tx_queue:rx_queue tr:tm->when
 * retrnsmt uid timeout inode ref pointer drops}, where {@code local_address} is {@code HEXADDR:HEXPORT}
 * and {@code drops} is the 13th and last field. Lines that do not have this shape (the header, a line
 * cut short) are skipped, never fatal.
 */
public final class KernelUdpDrops {

    /** Whitespace-separated fields of a socket line; {@code drops} is field index 12. */
    private static final int FIELDS = 13;
    private static final int LOCAL_ADDRESS_FIELD = 1;
    private static final int DROPS_FIELD = 12;

    private final Path udp;
    private final Path udp6;

    public KernelUdpDrops(Path udp, Path udp6) {
        this.udp = udp;
        this.udp6 = udp6;
    }

    public static KernelUdpDrops system() {
        return new KernelUdpDrops(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));
    }

    /** Whether the files exist (Linux); elsewhere {@link #dropsForPort} returns -1. */
    public boolean available() {
        return Files.isReadable(udp) || Files.isReadable(udp6);
    }

    /** Sum of {@code drops} over both files for sockets bound to {@code port}; -1 when neither file is readable. */
    public long dropsForPort(int port) {
        long v4 = dropsForPort(udp, port);
        long v6 = dropsForPort(udp6, port);
        if (v4 < 0 && v6 < 0) {
            return -1;
        }
        return Math.max(0, v4) + Math.max(0, v6);
    }

    private static long dropsForPort(Path file, int port) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sumDrops(lines, port);
    }

    /** The sum of {@code drops} over the socket lines whose local port is {@code port}. */
    public static long sumDrops(List<String> lines, int port) {
        long sum = 0;
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < FIELDS || !fields[0].endsWith(":")) {
                continue;
            }
            String local = fields[LOCAL_ADDRESS_FIELD];
            int colon = local.lastIndexOf(':');
            if (colon < 0 || parseHex(local.substring(colon + 1)) != port) {
                continue;
            }
            try {
                sum += Long.parseLong(fields[DROPS_FIELD]);
            } catch (NumberFormatException e) {
                // a line of another shape: not a count to add
            }
        }
        return sum;
    }

    private static int parseHex(String text) {
        if (text.isEmpty() || text.length() > 4) {
            return -1;
        }
        try {
            return Integer.parseInt(text, 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
