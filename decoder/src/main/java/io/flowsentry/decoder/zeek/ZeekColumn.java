package io.flowsentry.decoder.zeek;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The conn.log columns flowsentry reads (Zeek's {@code Conn::Info}, base/protocols/conn/main.zeek);
 * every other column is skipped. Besides Zeek's own names, each endpoint column answers to the names
 * Zeek writes with {@code Log::default_scope_sep = "_"} ({@code id_orig_h}) and to the field-name maps
 * of Zeek's logging tests ({@code src}, {@code src_ip}, {@code dst}, {@code dst_ip}, {@code src_port},
 * {@code dst_port}), as deployments feeding Elasticsearch commonly configure.
 */
public enum ZeekColumn {
    TS("ts"),
    ORIG_H("id.orig_h", "id_orig_h", "src", "src_ip"),
    ORIG_P("id.orig_p", "id_orig_p", "src_port"),
    RESP_H("id.resp_h", "id_resp_h", "dst", "dst_ip"),
    RESP_P("id.resp_p", "id_resp_p", "dst_port"),
    PROTO("proto"),
    SERVICE("service"),
    DURATION("duration"),
    ORIG_BYTES("orig_bytes"),
    RESP_BYTES("resp_bytes"),
    CONN_STATE("conn_state"),
    ORIG_PKTS("orig_pkts"),
    ORIG_IP_BYTES("orig_ip_bytes"),
    RESP_PKTS("resp_pkts"),
    RESP_IP_BYTES("resp_ip_bytes"),
    /** Zeek 7.1+: the IP protocol number, beside the {@code proto} enum. */
    IP_PROTO("ip_proto");

    static final ZeekColumn[] VALUES = values();

    /** Bit set of the columns without which a line is no flow record: time, both addresses, destination port. */
    static final int REQUIRED = bit(TS) | bit(ORIG_H) | bit(RESP_H) | bit(RESP_P);

    /** Longest accepted name (13: {@code orig_ip_bytes}, {@code resp_ip_bytes}); longer keys are skipped at once. */
    private static final int MAX_NAME = 13;

    /**
     * Names by a hash of (length, first, middle and last byte): {@code NAMES[h]} and {@code COLUMNS[h]}
     * list the (name, column) pairs of that hash, compared byte by byte: a key costs a few loads, not
     * a call per candidate name.
     */
    private static final int HASH_SLOTS = 256;
    private static final byte[][][] NAMES = new byte[HASH_SLOTS][0][];
    private static final ZeekColumn[][] COLUMNS = new ZeekColumn[HASH_SLOTS][0];

    static {
        for (ZeekColumn c : VALUES) {
            for (String n : c.names) {
                byte[] b = n.getBytes(StandardCharsets.US_ASCII);
                int h = hash(b, 0, b.length);
                NAMES[h] = Arrays.copyOf(NAMES[h], NAMES[h].length + 1);
                NAMES[h][NAMES[h].length - 1] = b;
                COLUMNS[h] = Arrays.copyOf(COLUMNS[h], COLUMNS[h].length + 1);
                COLUMNS[h][COLUMNS[h].length - 1] = c;
            }
        }
    }

    private static int hash(byte[] buf, int from, int to) {
        int len = to - from;
        return (len * 7 + buf[from] * 3 + buf[from + (len >>> 1)] * 5 + buf[to - 1]) & (HASH_SLOTS - 1);
    }

    private final String[] names;

    ZeekColumn(String... names) {
        this.names = names;
    }

    /** Zeek's own name of the column. */
    public String zeekName() {
        return names[0];
    }

    int bit() {
        return 1 << ordinal();
    }

    static int bit(ZeekColumn c) {
        return 1 << c.ordinal();
    }

    /** The column named by {@code buf[from, to)}, or {@code null} for a column flowsentry does not read. */
    static ZeekColumn lookup(byte[] buf, int from, int to) {
        int len = to - from;
        if (len <= 0 || len > MAX_NAME) {
            return null;
        }
        int h = hash(buf, from, to);
        byte[][] names = NAMES[h];
        for (int k = 0; k < names.length; k++) {
            byte[] name = names[k];
            if (name.length == len && ByteScan.sameBytes(buf, from, name)) {
                return COLUMNS[h][k];
            }
        }
        return null;
    }

    /** The names of the required columns missing from {@code present}, for a log message. */
    static String missingRequired(int present) {
        StringBuilder sb = new StringBuilder();
        for (ZeekColumn c : VALUES) {
            if ((REQUIRED & c.bit()) != 0 && (present & c.bit()) == 0) {
                if (sb.length() > 0) {
                    sb.append(',');
                }
                sb.append(c.zeekName());
            }
        }
        return sb.toString();
    }
}
