package io.flowsentry.decoder.zeek;

import io.flowsentry.flow.FlowSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a whole conn.log from a stream: TSV with header, zeek-cut TSV or JSON, each plain or gzip
 * compressed (told by the gzip magic {@code 1f 8b}, RFC 1952 §2.3.1), the form told from the content.
 * The entry point for {@code flowsentry decode}/{@code scan} and for finishing rotated files.
 *
 * <p>Lines are cut in one fixed buffer ({@link LineSplitter}); a line over {@link #MAX_LINE_LENGTH}
 * bytes is counted as {@link BadLine#LINE_TOO_LONG} and skipped up to its newline.
 */
public final class ConnLogReader {

    /**
     * 64 KiB. A conn.log line with every standard column is about 200-400 bytes; the longest
     * legitimate ones carry a {@code tunnel_parents} set or many {@code service} names and stay
     * under 4 KiB, so 64 KiB is a sixteenfold margin while bounding the buffer at 128 KiB per reader.
     */
    public static final int MAX_LINE_LENGTH = 64 * 1024;

    private static final int GZIP_MAGIC_1 = 0x1f;
    private static final int GZIP_MAGIC_2 = 0x8b;

    private ConnLogReader() {
    }

    /**
     * Reads {@code in} to its end, handing each record to {@code sink} and counting every line in
     * {@code counters}. Bad lines are logged through {@link BadLineLog#standard()}.
     *
     * @param name the file's name, for log messages
     * @return the form the content had ({@link ConnLogFormat#NOT_CONN_LOG} or
     *         {@link ConnLogFormat#UNDECIDED} when nothing was read as a conn.log)
     * @throws IOException only when the stream itself fails (a corrupt gzip stream included); bad
     *         content never throws
     */
    public static ConnLogFormat read(InputStream in, String name, FlowSink sink, ConnLogCounters counters) throws IOException {
        return read(in, name, sink, counters, BadLineLog.standard());
    }

    public static ConnLogFormat read(InputStream in, String name, FlowSink sink, ConnLogCounters counters, BadLineLog log)
            throws IOException {
        InputStream plain = maybeGunzip(in);
        ConnLogLineDecoder decoder = new ConnLogLineDecoder(name, sink, counters, log);
        LineSplitter splitter = new LineSplitter(MAX_LINE_LENGTH);
        while (true) {
            int n = plain.read(splitter.buffer(), splitter.writeOffset(), splitter.writable());
            if (n < 0) {
                break;
            }
            splitter.written(n);
            splitter.drain(decoder);
        }
        splitter.finish(decoder);
        return decoder.format();
    }

    /** {@code in}, or a gunzipping view of it when it starts with the gzip magic. */
    public static InputStream maybeGunzip(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 2);
        int b1 = p.read();
        if (b1 < 0) {
            return p;
        }
        int b2 = p.read();
        if (b2 >= 0) {
            p.unread(b2);
        }
        p.unread(b1);
        if (b1 == GZIP_MAGIC_1 && b2 == GZIP_MAGIC_2) {
            return new GZIPInputStream(p, 64 * 1024);
        }
        return p;
    }
}
