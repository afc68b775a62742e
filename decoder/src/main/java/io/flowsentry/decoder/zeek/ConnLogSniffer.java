package io.flowsentry.decoder.zeek;

import java.nio.charset.StandardCharsets;

/**
 * Tells from the first bytes of a file (after gunzip) whether it is a conn.log and in which form, by
 * running the same line logic the readers use over the complete lines among those bytes:
 * {@code #} directives → {@link ConnLogFormat#TSV_HEADER} (unless {@code #path} names another log);
 * a zeek-cut column-name row → {@link ConnLogFormat#TSV_ZEEK_CUT}; a JSON object with a conn.log
 * key ({@code conn_state}, {@code orig_pkts} or {@code "_path":"conn"}) → {@link ConnLogFormat#JSON};
 * anything else → {@link ConnLogFormat#NOT_CONN_LOG}. 4 KiB is plenty: a TSV header is about 600 bytes.
 */
public final class ConnLogSniffer {

    private static final byte[][] JSON_CONN_MARKERS = {
        "\"conn_state\"".getBytes(StandardCharsets.US_ASCII),
        "\"orig_pkts\"".getBytes(StandardCharsets.US_ASCII),
        "\"_path\":\"conn\"".getBytes(StandardCharsets.US_ASCII),
    };

    private ConnLogSniffer() {
    }

    public static ConnLogFormat sniff(byte[] buf, int off, int len) {
        ConnLogCounters counters = new ConnLogCounters();
        ConnLogLineDecoder decoder = new ConnLogLineDecoder("(sniff)", r -> { }, counters,
                new BadLineLog(message -> { }, () -> 0L, 0, 1));
        int end = off + len;
        int start = off;
        long lineNumber = 0;
        for (int i = off; i <= end; i++) {
            boolean lastPartial = i == end;
            if (!lastPartial && buf[i] != '\n') {
                continue;
            }
            if (lastPartial && i == start) {
                break;
            }
            ConnLogFormat before = decoder.format();
            decoder.line(buf, start, i - start, ++lineNumber);
            ConnLogFormat now = decoder.format();
            if (now == ConnLogFormat.JSON && before == ConnLogFormat.UNDECIDED) {
                return hasConnMarker(buf, start, i) ? ConnLogFormat.JSON : ConnLogFormat.NOT_CONN_LOG;
            }
            if (now == ConnLogFormat.TSV_HEADER) {
                if (startsWith(buf, start, i, "#path") || startsWith(buf, start, i, "#fields")) {
                    return decoder.pathIsConn() ? ConnLogFormat.TSV_HEADER : ConnLogFormat.NOT_CONN_LOG;
                }
            } else if (now != ConnLogFormat.UNDECIDED) {
                return now;
            }
            if (lastPartial) {
                break;
            }
            start = i + 1;
        }
        return decoder.format() == ConnLogFormat.TSV_HEADER ? ConnLogFormat.TSV_HEADER : ConnLogFormat.UNDECIDED;
    }

    private static boolean hasConnMarker(byte[] buf, int from, int to) {
        for (byte[] m : JSON_CONN_MARKERS) {
            for (int i = from; i + m.length <= to; i++) {
                if (java.util.Arrays.equals(buf, i, i + m.length, m, 0, m.length)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] buf, int from, int to, String prefix) {
        return TsvHeader.startsWith(buf, from, to, prefix.getBytes(StandardCharsets.US_ASCII));
    }
}
