package io.flowsentry.collector.kafka;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SourceType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The messages of the Kafka scale-out, as byte arrays: a flow that matched the detection's predicate, and
 * a forwarder's watermark. Big-endian, fixed offsets, the first byte says which message it is; a message
 * of an unknown kind or of the wrong length is rejected ({@link #kind}), never guessed at.
 *
 * <p>Flow message ({@link #FLOW}), {@value #FLOW_FIXED_BYTES} bytes plus the application name:
 * <pre>
 *   0 u8  kind = 1          1 u8  sourcetype code      2 u8  action code      3 u8  protocol
 *   4 u16 source port       6 u16 destination port     8 u16 TCP flags       10 u8  app name length
 *  11 u8  0                12 i64 start (epoch ms)    20 i64 end (epoch ms)
 *  28 i64 source, high     36 i64 source, low         44 i64 destination, high   52 i64 destination, low
 *  60 i64 bytes            68 i64 packets             76 i64 reverse bytes       84 i64 reverse packets
 *  92 i64 exporter, high  100 i64 exporter, low      108 u32 observation domain
 * 112 i64 sampling interval                           120 app name, UTF-8, at most {@value #MAX_APP_BYTES} bytes
 * </pre>
 * Addresses are the record's 128-bit values (IPv4 IPv4-mapped). Source types and actions travel as the
 * codes of {@link #SOURCE_TYPES} and {@link #ACTIONS}, fixed here, not as enum ordinals.
 *
 * <p>Watermark message ({@link #WATERMARK}), {@value #WATERMARK_BYTES} bytes: {@code 0 u8 kind = 2},
 * {@code 8 i64} the highest event time the forwarder has seen (0 = none yet), {@code 16 i64} the records it
 * decoded since its previous watermark. A forwarder sends one to every partition each second it saw
 * traffic, so a detect worker's event time and idle rule follow all the traffic, not only the matches.
 *
 * <p>The key of a flow message is its source address, 16 bytes ({@link #sourceKey}): Kafka's partitioner
 * hashes the key, so all flows of one source go to one partition and so to one detect worker.
 */
public final class FlowRecordWire {

    public static final byte FLOW = 1;
    public static final byte WATERMARK = 2;
    /** A message that is neither, or is cut short or too long: counted and skipped by the reader. */
    public static final byte MALFORMED = 0;

    public static final int FLOW_FIXED_BYTES = 120;
    public static final int MAX_APP_BYTES = 64;
    public static final int MAX_FLOW_BYTES = FLOW_FIXED_BYTES + MAX_APP_BYTES;
    public static final int WATERMARK_BYTES = 24;
    public static final int KEY_BYTES = 16;

    /** Wire code i is the source type at index i; new types are appended, never renumbered. */
    static final SourceType[] SOURCE_TYPES = {SourceType.NETFLOW_V5, SourceType.NETFLOW_V9, SourceType.IPFIX,
            SourceType.ZEEK_CONN, SourceType.ZEEK_CONN_JSON};
    /** Wire code i is the action at index i; new actions are appended, never renumbered. */
    static final Action[] ACTIONS = {Action.ALLOWED, Action.BLOCKED, Action.DROPPED, Action.UNKNOWN};

    /** Application names read back, by their bytes: a stream of flows names few applications. */
    private final String[] appNames = new String[64];
    private final byte[][] appBytes = new byte[64][];

    /** The kind of {@code message}: {@link #FLOW}, {@link #WATERMARK} or {@link #MALFORMED}. */
    public static byte kind(byte[] message) {
        if (message == null || message.length == 0) {
            return MALFORMED;
        }
        if (message[0] == FLOW && message.length >= FLOW_FIXED_BYTES
                && message.length == FLOW_FIXED_BYTES + (message[10] & 0xff)
                && (message[10] & 0xff) <= MAX_APP_BYTES
                && (message[1] & 0xff) < SOURCE_TYPES.length && (message[2] & 0xff) < ACTIONS.length) {
            return FLOW;
        }
        if (message[0] == WATERMARK && message.length == WATERMARK_BYTES) {
            return WATERMARK;
        }
        return MALFORMED;
    }

    /** The 16-byte source address of {@code r}, the message key. */
    public static byte[] sourceKey(FlowRecord r) {
        byte[] key = new byte[KEY_BYTES];
        putLong(key, 0, r.srcHi());
        putLong(key, 8, r.srcLo());
        return key;
    }

    /** {@code r} as a flow message; an application name longer than {@value #MAX_APP_BYTES} bytes is cut. */
    public static byte[] encodeFlow(FlowRecord r) {
        byte[] app = r.app() == null ? null : r.app().getBytes(StandardCharsets.UTF_8);
        int appLength = app == null ? 0 : Math.min(app.length, MAX_APP_BYTES);
        byte[] m = new byte[FLOW_FIXED_BYTES + appLength];
        m[0] = FLOW;
        m[1] = (byte) code(SOURCE_TYPES, r.sourceType() == null ? SourceType.NETFLOW_V9 : r.sourceType());
        m[2] = (byte) code(ACTIONS, r.action());
        m[3] = (byte) r.protocol();
        putShort(m, 4, r.srcPort());
        putShort(m, 6, r.dstPort());
        putShort(m, 8, r.tcpFlags());
        m[10] = (byte) appLength;
        putLong(m, 12, r.timeStart());
        putLong(m, 20, r.timeEnd());
        putLong(m, 28, r.srcHi());
        putLong(m, 36, r.srcLo());
        putLong(m, 44, r.dstHi());
        putLong(m, 52, r.dstLo());
        putLong(m, 60, r.bytes());
        putLong(m, 68, r.packets());
        putLong(m, 76, r.reverseBytes());
        putLong(m, 84, r.reversePackets());
        putLong(m, 92, r.exporterHi());
        putLong(m, 100, r.exporterLo());
        putInt(m, 108, (int) r.observationDomain());
        putLong(m, 112, r.samplingInterval());
        if (appLength > 0) {
            System.arraycopy(app, 0, m, FLOW_FIXED_BYTES, appLength);
        }
        return m;
    }

    /**
     * Fills {@code into} from a message whose {@link #kind} is {@link #FLOW}.
     *
     * @return false, with {@code into} untouched, when the message is not a well-formed flow message
     */
    public boolean decodeFlow(byte[] m, FlowRecord into) {
        if (kind(m) != FLOW) {
            return false;
        }
        into.reset()
                .sourceType(SOURCE_TYPES[m[1] & 0xff])
                .action(ACTIONS[m[2] & 0xff])
                .protocol(m[3] & 0xff)
                .srcPort(getShort(m, 4))
                .dstPort(getShort(m, 6))
                .tcpFlags(getShort(m, 8))
                .timeStart(getLong(m, 12))
                .timeEnd(getLong(m, 20))
                .src(getLong(m, 28), getLong(m, 36))
                .dst(getLong(m, 44), getLong(m, 52))
                .bytes(getLong(m, 60))
                .packets(getLong(m, 68))
                .reverseBytes(getLong(m, 76))
                .reversePackets(getLong(m, 84))
                .exporter(getLong(m, 92), getLong(m, 100))
                .observationDomain(getInt(m, 108) & 0xffff_ffffL)
                .samplingInterval(getLong(m, 112))
                .app(appName(m, FLOW_FIXED_BYTES, m[10] & 0xff));
        return true;
    }

    /** A watermark message. */
    public static byte[] encodeWatermark(long maxEventTime, long recordsSinceLast) {
        byte[] m = new byte[WATERMARK_BYTES];
        m[0] = WATERMARK;
        putLong(m, 8, maxEventTime);
        putLong(m, 16, recordsSinceLast);
        return m;
    }

    /** The event time of a watermark message. */
    public static long watermarkEventTime(byte[] m) {
        return getLong(m, 8);
    }

    /** The records a watermark message reports since the forwarder's previous one. */
    public static long watermarkRecords(byte[] m) {
        return getLong(m, 16);
    }

    private String appName(byte[] m, int offset, int length) {
        if (length == 0) {
            return null;
        }
        int h = 0;
        for (int i = 0; i < length; i++) {
            h = h * 31 + m[offset + i];
        }
        int slot = (h ^ (h >>> 16)) & (appNames.length - 1);
        byte[] k = appBytes[slot];
        if (k != null && Arrays.equals(k, 0, k.length, m, offset, offset + length)) {
            return appNames[slot];
        }
        String s = new String(m, offset, length, StandardCharsets.UTF_8);
        appBytes[slot] = Arrays.copyOfRange(m, offset, offset + length);
        appNames[slot] = s;
        return s;
    }

    private static <T> int code(T[] codes, T value) {
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] == value) {
                return i;
            }
        }
        throw new IllegalArgumentException("no wire code for " + value);
    }

    private static void putShort(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void putInt(byte[] b, int off, int v) {
        putShort(b, off, v >>> 16);
        putShort(b, off + 2, v);
    }

    private static void putLong(byte[] b, int off, long v) {
        putInt(b, off, (int) (v >>> 32));
        putInt(b, off + 4, (int) v);
    }

    private static int getShort(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    private static int getInt(byte[] b, int off) {
        return (getShort(b, off) << 16) | getShort(b, off + 2);
    }

    private static long getLong(byte[] b, int off) {
        return ((long) getInt(b, off) << 32) | (getInt(b, off + 4) & 0xffff_ffffL);
    }
}
