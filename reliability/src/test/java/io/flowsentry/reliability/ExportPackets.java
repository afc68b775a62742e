package io.flowsentry.reliability;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Builds NetFlow v9 (RFC 3954 §5) and IPFIX (RFC 7011 §3) export packets with one small template:
 * sourceIPv4Address (8), destinationIPv4Address (12), sourceTransportPort (7),
 * destinationTransportPort (11), protocolIdentifier (4), octetDeltaCount (1, 4 bytes),
 * packetDeltaCount (2, 4 bytes): 21 bytes per data record.
 */
public final class ExportPackets {

    static final int V9_HEADER = 20;
    static final int IPFIX_HEADER = 16;
    static final int SET_HEADER = 4;
    /** {element id, length} of the template's fields, in order. */
    private static final int[][] FIELDS = {{8, 4}, {12, 4}, {7, 2}, {11, 2}, {4, 1}, {1, 4}, {2, 4}};
    static final int RECORD_LENGTH = 21;
    static final int TEMPLATE_RECORD_LENGTH = 4 + 4 * FIELDS.length;

    private final ByteBuffer b = ByteBuffer.allocate(65_507);
    private final int version;
    private int setStart = -1;
    private int records;

    private ExportPackets(int version) {
        this.version = version;
    }

    public static ExportPackets v9(long sequence, long sourceId, long unixSeconds) {
        ExportPackets p = new ExportPackets(9);
        p.b.putShort((short) 9).putShort((short) 0).putInt(1_000).putInt((int) unixSeconds)
                .putInt((int) sequence).putInt((int) sourceId);
        return p;
    }

    public static ExportPackets ipfix(long sequence, long domain, long exportSeconds) {
        ExportPackets p = new ExportPackets(10);
        p.b.putShort((short) 10).putShort((short) 0).putInt((int) exportSeconds).putInt((int) sequence)
                .putInt((int) domain);
        return p;
    }

    /** Opens a template set (v9 flowset id 0, IPFIX set id 2). */
    public ExportPackets templateSet() {
        return openSet(version == 9 ? 0 : 2);
    }

    public ExportPackets template(int templateId) {
        b.putShort((short) templateId).putShort((short) FIELDS.length);
        for (int[] f : FIELDS) {
            b.putShort((short) f[0]).putShort((short) f[1]);
        }
        records++;
        return this;
    }

    public ExportPackets dataSet(int templateId) {
        return openSet(templateId);
    }

    /** One data record of the template: addresses as IPv4 ints, ports, protocol 6, bytes and packets. */
    public ExportPackets flow(int src, int dst, int srcPort, int dstPort, int bytes, int packets) {
        b.putInt(src).putInt(dst).putShort((short) srcPort).putShort((short) dstPort).put((byte) 6)
                .putInt(bytes).putInt(packets);
        records++;
        return this;
    }

    private ExportPackets openSet(int id) {
        closeSet();
        setStart = b.position();
        b.putShort((short) id).putShort((short) 0);
        return this;
    }

    private void closeSet() {
        if (setStart >= 0) {
            b.putShort(setStart + 2, (short) (b.position() - setStart));
            setStart = -1;
        }
    }

    /** The finished packet: set lengths, and the v9 record count or the IPFIX message length, filled in. */
    public byte[] build() {
        closeSet();
        b.putShort(2, (short) (version == 9 ? records : b.position()));
        return Arrays.copyOf(b.array(), b.position());
    }
}
