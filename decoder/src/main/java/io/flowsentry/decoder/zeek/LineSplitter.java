package io.flowsentry.decoder.zeek;

/**
 * Cuts a byte stream into {@code \n}-terminated lines in one fixed buffer, never growing it: a line
 * longer than {@code maxLineLength} is reported once through {@link Lines#tooLong} and its bytes are
 * dropped up to the next newline. The caller fills {@link #buffer()} at {@link #writeOffset()} (at
 * most {@link #writable()} bytes), then calls {@link #written} and {@link #drain}.
 *
 * <p>{@link #consumed()} counts the bytes up to and including the last newline handed out (or
 * skipped): the offset a follower may checkpoint, since a partial last line stays in the buffer until
 * its newline arrives.
 */
public final class LineSplitter {

    /** Receives lines; {@code buf} is the splitter's buffer, valid only during the call. */
    public interface Lines {
        void line(byte[] buf, int off, int len, long lineNumber);

        void tooLong(long lineNumber);
    }

    private final int maxLineLength;
    private final byte[] buf;
    private int start;
    private int end;
    /** Where the newline search resumes: bytes in [start, scan) hold no newline. */
    private int scan;
    private boolean skipping;
    private long consumed;
    private long lineNumber;

    /** @param maxLineLength the longest line delivered, newline excluded; the buffer holds twice that */
    public LineSplitter(int maxLineLength) {
        this.maxLineLength = maxLineLength;
        this.buf = new byte[2 * maxLineLength + 2];
    }

    public byte[] buffer() {
        compactIfNeeded();
        return buf;
    }

    public int writeOffset() {
        compactIfNeeded();
        return end;
    }

    public int writable() {
        compactIfNeeded();
        return buf.length - end;
    }

    public void written(int n) {
        end += n;
    }

    /** Bytes through the last newline delivered or skipped, since construction or {@link #reset}. */
    public long consumed() {
        return consumed;
    }

    /** Lines delivered or skipped so far; the next line's number is this plus one. */
    public long lineNumber() {
        return lineNumber;
    }

    /** Bytes held after the last newline: a partial line waiting for its end. */
    public int pending() {
        return end - start;
    }

    /** Forgets buffered bytes and restarts counting at {@code consumedBytes} and {@code lines}. */
    public void reset(long consumedBytes, long lines) {
        start = 0;
        end = 0;
        scan = 0;
        skipping = false;
        consumed = consumedBytes;
        lineNumber = lines;
    }

    /** Hands out every complete line in the buffer. */
    public void drain(Lines out) {
        int i = scan;
        while (true) {
            i = ByteScan.nextNewline(buf, i, end);
            if (i == end) {
                break;
            }
            lineNumber++;
            if (skipping) {
                skipping = false;
            } else {
                out.line(buf, start, i - start, lineNumber);
            }
            consumed += i + 1 - start;
            start = i + 1;
            i = start;
        }
        scan = end;
        if (!skipping && end - start > maxLineLength) {
            // Too long already: report it now, drop what is held, skip the rest up to its newline.
            skipping = true;
            out.tooLong(lineNumber + 1);
        }
        if (skipping) {
            consumed += end - start;
            start = end;
            scan = end;
        }
    }

    /** At the end of the input: the bytes after the last newline, if any, as a final line. */
    public void finish(Lines out) {
        drain(out);
        if (end > start) {
            lineNumber++;
            out.line(buf, start, end - start, lineNumber);
            consumed += end - start;
        } else if (skipping) {
            lineNumber++;
        }
        start = end;
        scan = end;
        skipping = false;
    }

    private void compactIfNeeded() {
        if (start > 0 && (start == end || buf.length - end < maxLineLength)) {
            int n = end - start;
            System.arraycopy(buf, start, buf, 0, n);
            end = n;
            scan -= start;
            start = 0;
        }
    }
}
