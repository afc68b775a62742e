package io.flowsentry.bench.decoder;

import java.nio.ByteBuffer;

/**
 * Realistic datagrams for the decoder benchmarks: about 1,400 bytes each (one Ethernet MTU less headers),
 * records of a 15-field template, values varied per record so no branch is trivially predicted.
 */
final class Datagrams {

    static final long EXPORT_SECONDS = 1_704_067_200L;

    /** The 15 IPFIX fields (id, length) of the IPv4 template: a typical router export. */
    static final int[][] IPFIX_V4_FIELDS = {
            {8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {6, 1}, {5, 1}, {1, 8}, {2, 8},
            {152, 8}, {153, 8}, {10, 4}, {14, 4}, {16, 4}, {17, 4}};
    /** The same with sourceIPv6Address (27) and destinationIPv6Address (28). */
    static final int[][] IPFIX_V6_FIELDS = {
            {27, 16}, {28, 16}, {7, 2}, {11, 2}, {4, 1}, {6, 1}, {5, 1}, {1, 8}, {2, 8},
            {152, 8}, {153, 8}, {10, 4}, {14, 4}, {16, 4}, {17, 4}};
    /** NetFlow v9 (RFC 3954 §8): 4-byte counters, sysUptime-relative FIRST/LAST_SWITCHED, 2-byte interfaces and AS. */
    static final int[][] V9_FIELDS = {
            {8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {6, 1}, {5, 1}, {1, 4}, {2, 4},
            {22, 4}, {21, 4}, {10, 2}, {14, 2}, {16, 2}, {17, 2}};

    private Datagrams() {
    }

    static int recordLength(int[][] fields) {
        int n = 0;
        for (int[] f : fields) {
            n += f[1];
        }
        return n;
    }

    /** Records that fit 1,400 bytes after a header of {@code header} bytes and a 4-byte set header. */
    static int recordsPerDatagram(int[][] fields, int header) {
        return (1400 - header - 4) / recordLength(fields);
    }

    /** v5: 24-byte header and 30 records of 48 bytes (1,464 bytes). */
    static byte[] v5() {
        ByteBuffer b = ByteBuffer.allocate(24 + 30 * 48);
        b.putShort((short) 5).putShort((short) 30).putInt(100_000).putInt((int) EXPORT_SECONDS).putInt(0).putInt(0).putInt(0);
        for (int i = 0; i < 30; i++) {
            b.putInt(0x0a00_0000 | i).putInt(0xc633_6400 | i).putInt(0).putShort((short) 1).putShort((short) 2)
                    .putInt(1 + i).putInt(100 * (i + 1)).putInt(90_000 + i).putInt(99_000 + i)
                    .putShort((short) (40_000 + i)).putShort((short) (i % 2 == 0 ? 445 : 443)).put((byte) 0)
                    .put((byte) 0x1b).put((byte) 6).put((byte) 0).putShort((short) 0).putShort((short) 0)
                    .put((byte) 24).put((byte) 24).putShort((short) 0);
        }
        return b.array();
    }

    static byte[] ipfixTemplate(int templateId, int[][] fields) {
        ByteBuffer b = ByteBuffer.allocate(16 + 8 + 4 * fields.length);
        b.putShort((short) 10).putShort((short) b.capacity()).putInt((int) EXPORT_SECONDS).putInt(0).putInt(1);
        b.putShort((short) 2).putShort((short) (8 + 4 * fields.length)).putShort((short) templateId).putShort((short) fields.length);
        for (int[] f : fields) {
            b.putShort((short) f[0]).putShort((short) f[1]);
        }
        return b.array();
    }

    static byte[] ipfixData(int templateId, int[][] fields) {
        int records = recordsPerDatagram(fields, 16);
        int setLength = 4 + records * recordLength(fields);
        ByteBuffer b = ByteBuffer.allocate(16 + setLength);
        b.putShort((short) 10).putShort((short) b.capacity()).putInt((int) EXPORT_SECONDS).putInt(0).putInt(1);
        b.putShort((short) templateId).putShort((short) setLength);
        for (int i = 0; i < records; i++) {
            putRecord(b, fields, i);
        }
        return b.array();
    }

    static byte[] v9Template(int templateId, int[][] fields) {
        ByteBuffer b = ByteBuffer.allocate(20 + 8 + 4 * fields.length);
        b.putShort((short) 9).putShort((short) 1).putInt(100_000).putInt((int) EXPORT_SECONDS).putInt(0).putInt(1);
        b.putShort((short) 0).putShort((short) (8 + 4 * fields.length)).putShort((short) templateId).putShort((short) fields.length);
        for (int[] f : fields) {
            b.putShort((short) f[0]).putShort((short) f[1]);
        }
        return b.array();
    }

    static byte[] v9Data(int templateId, int[][] fields) {
        int records = recordsPerDatagram(fields, 20);
        int setLength = 4 + records * recordLength(fields);
        ByteBuffer b = ByteBuffer.allocate(20 + setLength);
        b.putShort((short) 9).putShort((short) records).putInt(100_000).putInt((int) EXPORT_SECONDS).putInt(1).putInt(1);
        b.putShort((short) templateId).putShort((short) setLength);
        for (int i = 0; i < records; i++) {
            putRecord(b, fields, i);
        }
        return b.array();
    }

    private static void putRecord(ByteBuffer b, int[][] fields, int i) {
        for (int[] f : fields) {
            long value = switch (f[0]) {
                case 8 -> 0x0a00_0000L | i;
                case 12 -> 0xc633_6400L | i;
                case 7 -> 40_000 + i;
                case 11 -> i % 2 == 0 ? 445 : 443;
                case 4 -> 6;
                case 1 -> 100L * (i + 1);
                case 2 -> i + 1;
                case 152 -> EXPORT_SECONDS * 1000 - 60_000 + i;
                case 153 -> EXPORT_SECONDS * 1000 - 1_000 + i;
                case 22 -> 90_000 + i;
                case 21 -> 99_000 + i;
                default -> i;
            };
            if (f[1] == 16) {
                b.putLong(0x2001_0db8_0000_0000L).putLong(f[0] == 27 ? i : 0x1000 + i);
            } else {
                for (int shift = 8 * (f[1] - 1); shift >= 0; shift -= 8) {
                    b.put((byte) (value >>> shift));
                }
            }
        }
    }

}
