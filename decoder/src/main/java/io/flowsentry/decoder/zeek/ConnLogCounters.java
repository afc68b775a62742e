package io.flowsentry.decoder.zeek;

/**
 * What reading conn.log lines came to: records, header and comment lines, and skipped lines by
 * {@link BadLine} reason. Plain fields, written by the one thread that reads; read them for metrics
 * or a summary once reading is done (or copy with {@link #addTo}).
 */
public final class ConnLogCounters {

    private static final BadLine[] REASONS = BadLine.values();

    private long lines;
    private long records;
    private long headerLines;
    private long blankLines;
    private final long[] bad = new long[REASONS.length];

    void line() {
        lines++;
    }

    void record() {
        records++;
    }

    void headerLine() {
        headerLines++;
    }

    void blankLine() {
        blankLines++;
    }

    void countBad(BadLine reason) {
        bad[reason.ordinal()]++;
    }

    /** Every line seen, including headers, blank lines and skipped ones. */
    public long lines() {
        return lines;
    }

    /** Lines that became a flow record. */
    public long records() {
        return records;
    }

    /** {@code #}-lines (directives, {@code #close}, banners) and zeek-cut column-name rows. */
    public long headerLines() {
        return headerLines;
    }

    public long blankLines() {
        return blankLines;
    }

    public long bad(BadLine reason) {
        return bad[reason.ordinal()];
    }

    /** All skipped lines, every reason together. */
    public long badTotal() {
        long sum = 0;
        for (long b : bad) {
            sum += b;
        }
        return sum;
    }

    /** Adds this reader's counts into {@code total} (a collector summing several files). */
    public void addTo(ConnLogCounters total) {
        total.lines += lines;
        total.records += records;
        total.headerLines += headerLines;
        total.blankLines += blankLines;
        for (int i = 0; i < bad.length; i++) {
            total.bad[i] += bad[i];
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(128);
        sb.append("lines=").append(lines).append(" records=").append(records)
                .append(" header=").append(headerLines).append(" blank=").append(blankLines);
        for (BadLine r : REASONS) {
            if (bad[r.ordinal()] != 0) {
                sb.append(' ').append(r.label()).append('=').append(bad[r.ordinal()]);
            }
        }
        return sb.toString();
    }
}
