package io.flowsentry.decoder.zeek;

import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.FlowSink;

/**
 * Decodes the lines of one conn.log, in order, into flow records: the I/O-free core shared by
 * {@link ConnLogReader} (whole files) and the live follower (lines as Zeek appends them).
 *
 * <p>The form is told from the content, line by line, until it is known: a {@code #} directive starts
 * a TSV header, a line opening with <code>{</code> is JSON, a row of column names is zeek-cut output;
 * {@code #} lines that are no directive (btest's {@code ###} banner) decide nothing. A later
 * {@code #fields} block (logs concatenated with {@code cat}) replaces the columns.
 *
 * <p>Every line ends as one outcome: a record handed to the sink, a header/comment/blank line, or a
 * {@link BadLine} counted and logged (rate-limited) with the file name and line number. Nothing is
 * thrown for bad input, and nothing is allocated per data line.
 */
public final class ConnLogLineDecoder implements LineSplitter.Lines {

    private final String name;
    private final FlowSink sink;
    private final ConnLogCounters counters;
    private final BadLineLog log;
    private final ConnRecordAssembler assembler = new ConnRecordAssembler(new FlowRecord());
    private final JsonConnLine json = new JsonConnLine(assembler);
    private final TsvLineReader tsv = new TsvLineReader(assembler);
    private TsvHeader header = new TsvHeader();
    private ConnLogFormat format = ConnLogFormat.UNDECIDED;

    /**
     * @param name the file's name, for log messages
     * @param sink receives each record; the record is reused for the next line
     */
    public ConnLogLineDecoder(String name, FlowSink sink, ConnLogCounters counters, BadLineLog log) {
        this.name = name;
        this.sink = sink;
        this.counters = counters;
        this.log = log;
    }

    public ConnLogFormat format() {
        return format;
    }

    /** Whether the TSV header's {@code #path}, if any, is {@code conn}. */
    public boolean pathIsConn() {
        return header.pathIsConn;
    }

    /** Starts over as for a new file (after a truncation): the header and form are forgotten. */
    public void reset() {
        header = new TsvHeader();
        format = ConnLogFormat.UNDECIDED;
    }

    /**
     * Reads the header at the start of a file, {@code head[0, len)}, without counting or emitting
     * anything: for a reader resuming in the middle of a file, whose header lines were read before a
     * restart. Stops at the first data line.
     */
    public void primeHeader(byte[] head, int len) {
        int start = 0;
        for (int i = 0; i < len; i++) {
            if (head[i] != '\n') {
                continue;
            }
            int end = i > start && head[i - 1] == '\r' ? i - 1 : i;
            if (end > start) {
                if (head[start] == '#') {
                    if (header.directive(head, start, end) && format == ConnLogFormat.UNDECIDED) {
                        format = ConnLogFormat.TSV_HEADER;
                    }
                } else {
                    if (format == ConnLogFormat.UNDECIDED) {
                        decide(head, start, end);
                    }
                    return;
                }
            }
            start = i + 1;
        }
    }

    /** A line that exceeded the reader's cap and was skipped to its newline. */
    @Override
    public void tooLong(long lineNumber) {
        counters.line();
        bad(lineNumber, BadLine.LINE_TOO_LONG, null);
    }

    /**
     * Decodes one line, {@code buf[off, off + len)}, without its {@code \n} (a trailing {@code \r} is
     * dropped here).
     */
    @Override
    public void line(byte[] buf, int off, int len, long lineNumber) {
        counters.line();
        int end = off + len;
        if (end > off && buf[end - 1] == '\r') {
            end--;
        }
        if (end == off) {
            counters.blankLine();
            return;
        }
        byte first = buf[off];
        if (first == '#') {
            counters.headerLine();
            if (header.directive(buf, off, end) && (format == ConnLogFormat.UNDECIDED || format == ConnLogFormat.TSV_ZEEK_CUT)) {
                format = ConnLogFormat.TSV_HEADER;
            }
            return;
        }
        if (format == ConnLogFormat.UNDECIDED) {
            decide(buf, off, end);
            if (format == ConnLogFormat.TSV_ZEEK_CUT) {
                counters.headerLine();
                return;
            }
        }
        switch (format) {
            case JSON -> jsonLine(buf, off, end, lineNumber);
            case TSV_HEADER, TSV_ZEEK_CUT -> tsvLine(buf, off, end, lineNumber);
            default -> bad(lineNumber, BadLine.NO_HEADER, null);
        }
    }

    private void decide(byte[] buf, int off, int end) {
        int i = off;
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        if (i < end && buf[i] == '{') {
            format = ConnLogFormat.JSON;
        } else if (TsvHeader.isColumnNameRow(buf, off, end)) {
            header.setColumns(buf, off, end);
            format = ConnLogFormat.TSV_ZEEK_CUT;
        } else {
            format = ConnLogFormat.NOT_CONN_LOG;
        }
    }

    private void jsonLine(byte[] buf, int off, int end, long lineNumber) {
        BadLine bad = json.read(buf, off, end);
        if (bad == null) {
            bad = assembler.finish(ConnLogFormat.JSON.sourceType());
        }
        emitOrCount(bad, lineNumber);
    }

    private void tsvLine(byte[] buf, int off, int end, long lineNumber) {
        TsvHeader h = header;
        if (!h.pathIsConn) {
            bad(lineNumber, BadLine.NOT_CONN_PATH, null);
            return;
        }
        if (!h.hasColumns()) {
            bad(lineNumber, BadLine.NO_HEADER, null);
            return;
        }
        if (!h.hasRequired()) {
            bad(lineNumber, BadLine.MISSING_REQUIRED_FIELD, "header lacks " + ZeekColumn.missingRequired(h.present));
            return;
        }
        if (!tsv.split(h.separator, buf, off, end)) {
            bad(lineNumber, BadLine.BINARY, null);
            return;
        }
        int column = tsv.fieldCount();
        if (column != h.columnCount) {
            bad(lineNumber, BadLine.COLUMN_COUNT, column + " fields, header has " + h.columnCount);
            return;
        }
        BadLine firstBad = tsv.parse(h, buf);
        if (firstBad == null) {
            firstBad = assembler.finish(ConnLogFormat.TSV_HEADER.sourceType());
        }
        emitOrCount(firstBad, lineNumber);
    }

    private void emitOrCount(BadLine bad, long lineNumber) {
        if (bad == null) {
            counters.record();
            sink.accept(assembler.record());
            return;
        }
        ZeekColumn failed = assembler.failedColumn();
        bad(lineNumber, bad, failed == null ? null : failed.zeekName());
    }

    private void bad(long lineNumber, BadLine reason, String detail) {
        counters.countBad(reason);
        log.report(name, lineNumber, reason, detail);
    }
}
