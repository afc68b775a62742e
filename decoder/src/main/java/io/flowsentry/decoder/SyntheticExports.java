package io.flowsentry.decoder;

import java.nio.ByteBuffer;

/**
 * Well-formed NetFlow v5, v9 and IPFIX datagrams of about 1,400 bytes (an Ethernet MTU less headers) with
 * the fields of a typical router export, for warming the receive path and for benchmarks. Values vary per
 * record and per datagram ({@code seed}) so that no branch of a decoder or predicate sees only one value.
 * Templates and data sets name their template id; {@link #TEMPLATE_ID} is the first one a template may use.
 */
public final class SyntheticExports {

    /** Export time of every datagram: 2024-01-01T00:00:00Z, in seconds. */
    public static final long EXPORT_SECONDS = 1_704_067_200L;
    public static final int TEMPLATE_ID = 256;

    /** IPFIX (RFC 7012 element id, length): addresses, ports, protocol, flags, ToS, 8-byte counters, times in ms, interfaces, AS. */
    public static final int[][] IPFIX_V4_FIELDS = {
            {8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {6, 1}, {5, 1}, {1, 8}, {2, 8},
            {152, 8}, {153, 8}, {10, 4}, {14, 4}, {16, 4}, {17, 4}};
    /** The same with sourceIPv6Address (27) and destinationIPv6Address (28). */
    public static final int[][] IPFIX_V6_FIELDS = {
            {27, 16}, {28, 16}, {7, 2}, {11, 2}, {4, 1}, {6, 1}, {5, 1}, {1, 8}, {2, 8},
            {152, 8}, {153, 8}, {10, 4}, {14, 4}, {16, 4}, {17, 4}};
    /** NetFlow v9 (RFC 3954 §8): 4-byte counters, sysUptime-relative FIRST/LAST_SWITCHED, 2-byte interfaces and AS. */
    public static final int[][] V9_FIELDS = {
            {8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {6, 1}, {5, 1}, {1, 4}, {2, 4},
            {22, 4}, {21, 4}, {10, 2}, {14, 2}, {16, 2}, {17, 2}};

    /** The same with IPV6_SRC_ADDR (27) and IPV6_DST_ADDR (28). */
    public static final int[][] V9_V6_FIELDS = {
            {27, 16}, {28, 16}, {7, 2}, {11, 2}, {4, 1}, {6, 1}, {5, 1}, {1, 4}, {2, 4},
            {22, 4}, {21, 4}, {10, 2}, {14, 2}, {16, 2}, {17, 2}};

    private static final int[] DESTINATION_PORTS = {443, 80, 53, 445, 123, 22, 8080, 139, 3389, 25, 993, 389, 636, 5060, 443, 80};

    private SyntheticExports() {
    }

    public static int recordLength(int[][] fields) {
        int n = 0;
        for (int[] f : fields) {
            n += f[1];
        }
        return n;
    }

    /** Records that fit 1,400 bytes after a message header of {@code header} bytes and a 4-byte set header. */
    public static int recordsPerDatagram(int[][] fields, int header) {
        return (1400 - header - 4) / recordLength(fields);
    }

    /** v5 (Cisco's export format): a 24-byte header and 30 records of 48 bytes. */
    public static byte[] v5(int seed) {
        return v5(seed, EXPORT_SECONDS);
    }

    /** As {@link #v5(int)}, exported at {@code exportSeconds}; the records' times move with it. */
    public static byte[] v5(int seed, long exportSeconds) {
        ByteBuffer b = ByteBuffer.allocate(24 + 30 * 48);
        b.putShort((short) 5).putShort((short) 30).putInt(100_000).putInt((int) exportSeconds).putInt(0)
                .putInt(30 * seed).putInt(0);
        for (int i = 0; i < 30; i++) {
            int k = seed * 31 + i;
            b.putInt(source(k)).putInt(destination(k)).putInt(0).putShort((short) 1).putShort((short) 2)
                    .putInt(1 + i).putInt(100 * (i + 1)).putInt(90_000 + i).putInt(99_000 + i)
                    .putShort((short) (40_000 + i)).putShort((short) port(k)).put((byte) 0)
                    .put((byte) 0x1b).put((byte) (k % 5 == 0 ? 17 : 6)).put((byte) 0).putShort((short) 0)
                    .putShort((short) 0).put((byte) 24).put((byte) 24).putShort((short) 0);
        }
        return b.array();
    }

    public static byte[] ipfixTemplate(int templateId, int[][] fields) {
        ByteBuffer b = ByteBuffer.allocate(16 + 8 + 4 * fields.length);
        b.putShort((short) 10).putShort((short) b.capacity()).putInt((int) EXPORT_SECONDS).putInt(0).putInt(1);
        b.putShort((short) 2).putShort((short) (8 + 4 * fields.length)).putShort((short) templateId)
                .putShort((short) fields.length);
        for (int[] f : fields) {
            b.putShort((short) f[0]).putShort((short) f[1]);
        }
        return b.array();
    }

    public static byte[] ipfixData(int templateId, int[][] fields, int seed) {
        return ipfixData(templateId, fields, seed, EXPORT_SECONDS);
    }

    /** As {@link #ipfixData(int, int[][], int)}, exported at {@code exportSeconds}; the records' times move with it. */
    public static byte[] ipfixData(int templateId, int[][] fields, int seed, long exportSeconds) {
        int records = recordsPerDatagram(fields, 16);
        int setLength = 4 + records * recordLength(fields);
        ByteBuffer b = ByteBuffer.allocate(16 + setLength);
        b.putShort((short) 10).putShort((short) b.capacity()).putInt((int) exportSeconds).putInt(records * seed)
                .putInt(1);
        b.putShort((short) templateId).putShort((short) setLength);
        for (int i = 0; i < records; i++) {
            putRecord(b, fields, seed * 31 + i, exportSeconds);
        }
        return b.array();
    }

    public static byte[] v9Template(int templateId, int[][] fields) {
        ByteBuffer b = ByteBuffer.allocate(20 + 8 + 4 * fields.length);
        b.putShort((short) 9).putShort((short) 1).putInt(100_000).putInt((int) EXPORT_SECONDS).putInt(0).putInt(1);
        b.putShort((short) 0).putShort((short) (8 + 4 * fields.length)).putShort((short) templateId)
                .putShort((short) fields.length);
        for (int[] f : fields) {
            b.putShort((short) f[0]).putShort((short) f[1]);
        }
        return b.array();
    }

    public static byte[] v9Data(int templateId, int[][] fields, int seed) {
        return v9Data(templateId, fields, seed, EXPORT_SECONDS);
    }

    /** As {@link #v9Data(int, int[][], int)}, exported at {@code exportSeconds}; the records' times move with it. */
    public static byte[] v9Data(int templateId, int[][] fields, int seed, long exportSeconds) {
        int records = recordsPerDatagram(fields, 20);
        int setLength = 4 + records * recordLength(fields);
        ByteBuffer b = ByteBuffer.allocate(20 + setLength);
        b.putShort((short) 9).putShort((short) records).putInt(100_000).putInt((int) exportSeconds).putInt(1 + seed)
                .putInt(1);
        b.putShort((short) templateId).putShort((short) setLength);
        for (int i = 0; i < records; i++) {
            putRecord(b, fields, seed * 31 + i, exportSeconds);
        }
        return b.array();
    }

    /** 10.0.0.0/8 mostly, one in eight from 198.51.100.0/24 (TEST-NET-2, outside any private set). */
    private static int source(int k) {
        return (k & 7) == 0 ? 0xc633_6400 | (k & 0xff) : 0x0a00_0000 | (k & 0xffff);
    }

    /**
     * One in four to 10.0.0.0/8, one in four to 203.0.113.0/24 (TEST-NET-3); of the other half (every odd
     * {@code k}, so every record to port 139 or 445), three in four to 203.0.114.0/24, a public block outside
     * every special-purpose block of RFC 6890, and one in four to 192.168.0.0/16. So most SMB records from
     * 10.0.0.0/8 are outbound SMB under either detection profile (the extended one counts TEST-NET-3 as
     * non-public) and some are SMB to a private address, which neither profile counts: exporters send both,
     * and a predicate compiled for only one of them would be recompiled on the first of the other. The
     * records are synthetic: nothing is ever sent to these addresses.
     */
    private static int destination(int k) {
        if ((k & 3) == 0) {
            return 0x0a01_0000 | (k & 0xffff);
        }
        if ((k & 1) == 0) {
            return 0xcb00_7100 | ((k * 7) & 0xff);
        }
        return (k & 0x30) == 0x30 ? 0xc0a8_0000 | (k & 0xffff) : 0xcb00_7200 | ((k * 7) & 0xff);
    }

    private static int port(int k) {
        return DESTINATION_PORTS[(k * 5) & 15];
    }

    private static void putRecord(ByteBuffer b, int[][] fields, int k, long exportSeconds) {
        int i = k & 0xff;
        for (int[] f : fields) {
            long value = switch (f[0]) {
                case 8 -> source(k) & 0xffff_ffffL;
                case 12 -> destination(k) & 0xffff_ffffL;
                case 7 -> 40_000 + i;
                case 11 -> port(k);
                case 4 -> k % 5 == 0 ? 17 : 6;
                case 6 -> 0x1b;
                case 1 -> 100L * (i + 1);
                case 2 -> i + 1;
                case 152 -> exportSeconds * 1000 - 60_000 + i;
                case 153 -> exportSeconds * 1000 - 1_000 + i;
                case 22 -> 90_000 + i;
                case 21 -> 99_000 + i;
                default -> i;
            };
            if (f[1] == 16) {
                b.putLong(0x2001_0db8_0000_0000L).putLong(f[0] == 27 ? k : 0x1000 + k);
            } else {
                for (int shift = 8 * (f[1] - 1); shift >= 0; shift -= 8) {
                    b.put((byte) (value >>> shift));
                }
            }
        }
    }
}
