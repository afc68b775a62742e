package io.flowsentry.collector.kafka;

import static io.flowsentry.decoder.Bytes.putS32;
import static io.flowsentry.decoder.Bytes.putS64;
import static io.flowsentry.decoder.Bytes.putU16;
import static io.flowsentry.decoder.Bytes.s64;
import static io.flowsentry.decoder.Bytes.u16;
import static io.flowsentry.decoder.Bytes.u32;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SourceType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Utils;

/**
 * The messages of the Kafka scale-out, as byte arrays: a batch of flows that matched the detection's
 * predicate, and a forwarder's watermark. Big-endian, fixed offsets, the first byte says which message it
 * is; a message of an unknown kind, or one whose parts do not fill it exactly, is rejected ({@link #kind}),
 * never guessed at.
 *
 * <p>Flow batch message ({@link #FLOW_BATCH}): {@code 0 u8 kind = 3}, {@code 1 u8 0}, {@code 2 u16} the
 * number of flows, then that many flows back to back, each {@value #FLOW_FIXED_BYTES} bytes plus its
 * application name:
 * <pre>
 *   0 u8  tag = 1           1 u8  sourcetype code      2 u8  action code      3 u8  protocol
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
 * <p>A forwarder sends batches, not a Kafka record per flow: that cost its producer and the broker about
 * 2 µs a flow, more than the decoding. All flows of a batch go to one partition, {@link #partitionOf} their
 * source address: the partition Kafka's own partitioner gives a record keyed by the 16-byte address, so all
 * flows of one source go to one partition and so to one detect worker.
 *
 * <p>Watermark message ({@link #WATERMARK}), {@value #WATERMARK_BYTES} bytes: {@code 0 u8 kind = 2},
 * {@code 8 i64} the highest event time the forwarder has seen (0 = none yet), {@code 16 i64} the records it
 * decoded since its previous watermark. A forwarder sends one to every partition each second it saw
 * traffic, so a detect worker's event time and idle rule follow all the traffic, not only the matches.
 */
public final class FlowRecordWire {

    /** A message that is neither kind, or whose parts do not fill it: counted and skipped by the reader. */
    public static final byte MALFORMED = 0;
    /** The first byte of each flow inside a batch. */
    public static final byte FLOW = 1;
    public static final byte WATERMARK = 2;
    public static final byte FLOW_BATCH = 3;

    public static final int BATCH_HEADER_BYTES = 4;
    /** The most flows a batch message holds (its count is a u16). */
    public static final int MAX_BATCH_FLOWS = 65_535;
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

    private String lastApp;
    private byte[] lastAppBytes;
    /** Application names read back, by their bytes: a stream of flows names few applications. */
    private final String[] appNames = new String[64];
    private final byte[][] appBytes = new byte[64][];

    /** The kind of {@code message}: {@link #FLOW_BATCH}, {@link #WATERMARK} or {@link #MALFORMED}. */
    public static byte kind(byte[] message) {
        if (message == null || message.length == 0) {
            return MALFORMED;
        }
        if (message[0] == WATERMARK && message.length == WATERMARK_BYTES) {
            return WATERMARK;
        }
        if (message[0] == FLOW_BATCH && batchCount(message) >= 0) {
            return FLOW_BATCH;
        }
        return MALFORMED;
    }

    /** The flows of a batch message when every one is well formed and they fill it exactly; else -1. */
    public static int batchCount(byte[] m) {
        if (m == null || m.length < BATCH_HEADER_BYTES || m[0] != FLOW_BATCH) {
            return -1;
        }
        int count = u16(m, 2);
        int offset = BATCH_HEADER_BYTES;
        for (int i = 0; i < count; i++) {
            int length = flowLengthAt(m, offset);
            if (length < 0) {
                return -1;
            }
            offset += length;
        }
        return offset == m.length ? count : -1;
    }

    /** The length of the well-formed flow at {@code m[offset]} (its tag, codes and name length checked), or -1. */
    private static int flowLengthAt(byte[] m, int offset) {
        if (m.length - offset < FLOW_FIXED_BYTES || m[offset] != FLOW) {
            return -1;
        }
        int appLength = m[offset + 10] & 0xff;
        int length = FLOW_FIXED_BYTES + appLength;
        if (appLength > MAX_APP_BYTES || length > m.length - offset
                || (m[offset + 1] & 0xff) >= SOURCE_TYPES.length || (m[offset + 2] & 0xff) >= ACTIONS.length) {
            return -1;
        }
        return length;
    }

    /**
     * The partition of {@code partitions} for a flow from this source: Kafka's default partitioner on the
     * 16-byte source address (murmur2, made positive, modulo the partitions), written into {@code key}.
     */
    public static int partitionOf(FlowRecord r, byte[] key, int partitions) {
        putS64(key, 0, r.srcHi());
        putS64(key, 8, r.srcLo());
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /** Starts a batch message in {@code b}: returns the offset of its first flow. */
    public static int beginBatch(byte[] b) {
        b[0] = FLOW_BATCH;
        b[1] = 0;
        return BATCH_HEADER_BYTES;
    }

    /**
     * Writes {@code r} as a flow at {@code b[offset]}, which has room for {@link #MAX_FLOW_BYTES}; returns the
     * bytes written. An application name longer than {@value #MAX_APP_BYTES} bytes is cut. Allocates nothing
     * while the flows name the same application.
     */
    public int writeFlow(FlowRecord r, byte[] b, int offset) {
        byte[] app = appBytes(r.app());
        int appLength = app == null ? 0 : Math.min(app.length, MAX_APP_BYTES);
        b[offset] = FLOW;
        b[offset + 1] = (byte) code(SOURCE_TYPES, r.sourceType() == null ? SourceType.NETFLOW_V9 : r.sourceType());
        b[offset + 2] = (byte) code(ACTIONS, r.action());
        b[offset + 3] = (byte) r.protocol();
        putU16(b, offset + 4, r.srcPort());
        putU16(b, offset + 6, r.dstPort());
        putU16(b, offset + 8, r.tcpFlags());
        b[offset + 10] = (byte) appLength;
        b[offset + 11] = 0;
        putS64(b, offset + 12, r.timeStart());
        putS64(b, offset + 20, r.timeEnd());
        putS64(b, offset + 28, r.srcHi());
        putS64(b, offset + 36, r.srcLo());
        putS64(b, offset + 44, r.dstHi());
        putS64(b, offset + 52, r.dstLo());
        putS64(b, offset + 60, r.bytes());
        putS64(b, offset + 68, r.packets());
        putS64(b, offset + 76, r.reverseBytes());
        putS64(b, offset + 84, r.reversePackets());
        putS64(b, offset + 92, r.exporterHi());
        putS64(b, offset + 100, r.exporterLo());
        putS32(b, offset + 108, (int) r.observationDomain());
        putS64(b, offset + 112, r.samplingInterval());
        if (appLength > 0) {
            System.arraycopy(app, 0, b, offset + FLOW_FIXED_BYTES, appLength);
        }
        return FLOW_FIXED_BYTES + appLength;
    }

    /** Ends a batch message of {@code count} flows and {@code length} bytes: the message to send. */
    public static byte[] endBatch(byte[] b, int count, int length) {
        putU16(b, 2, count);
        return Arrays.copyOf(b, length);
    }

    /**
     * Fills {@code into} from the flow at {@code m[offset]} of a message checked by {@link #batchCount};
     * returns the offset after it. The first flow of a batch is at {@link #BATCH_HEADER_BYTES}.
     */
    public int decodeFlowAt(byte[] m, int offset, FlowRecord into) {
        int appLength = m[offset + 10] & 0xff;
        into.reset()
                .sourceType(SOURCE_TYPES[m[offset + 1] & 0xff])
                .action(ACTIONS[m[offset + 2] & 0xff])
                .protocol(m[offset + 3] & 0xff)
                .srcPort(u16(m, offset + 4))
                .dstPort(u16(m, offset + 6))
                .tcpFlags(u16(m, offset + 8))
                .timeStart(s64(m, offset + 12))
                .timeEnd(s64(m, offset + 20))
                .src(s64(m, offset + 28), s64(m, offset + 36))
                .dst(s64(m, offset + 44), s64(m, offset + 52))
                .bytes(s64(m, offset + 60))
                .packets(s64(m, offset + 68))
                .reverseBytes(s64(m, offset + 76))
                .reversePackets(s64(m, offset + 84))
                .exporter(s64(m, offset + 92), s64(m, offset + 100))
                .observationDomain(u32(m, offset + 108))
                .samplingInterval(s64(m, offset + 112))
                .app(appName(m, offset + FLOW_FIXED_BYTES, appLength));
        return offset + FLOW_FIXED_BYTES + appLength;
    }

    /** A watermark message. */
    public static byte[] encodeWatermark(long maxEventTime, long recordsSinceLast) {
        byte[] m = new byte[WATERMARK_BYTES];
        m[0] = WATERMARK;
        putS64(m, 8, maxEventTime);
        putS64(m, 16, recordsSinceLast);
        return m;
    }

    /** The event time of a watermark message. */
    public static long watermarkEventTime(byte[] m) {
        return s64(m, 8);
    }

    /** The records a watermark message reports since the forwarder's previous one. */
    public static long watermarkRecords(byte[] m) {
        return s64(m, 16);
    }

    /** The UTF-8 bytes of an application name, remembered for the last name (decoders reuse its String). */
    private byte[] appBytes(String app) {
        if (app == null) {
            return null;
        }
        if (app != lastApp) {
            lastApp = app;
            lastAppBytes = app.getBytes(StandardCharsets.UTF_8);
        }
        return lastAppBytes;
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
}
