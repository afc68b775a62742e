package io.flowsentry.decoder.zeek;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The header of a Zeek ASCII (TSV) log, as the ASCII writer (src/logging/writers/ascii) writes it:
 * <pre>
 * #separator \x09              separator given with \xHH escapes, after a space
 * #set_separator&lt;sep&gt;,
 * #empty_field&lt;sep&gt;(empty)
 * #unset_field&lt;sep&gt;-
 * #path&lt;sep&gt;conn
 * #open&lt;sep&gt;2019-07-31-18-52-11
 * #fields&lt;sep&gt;ts&lt;sep&gt;uid&lt;sep&gt;id.orig_h ...
 * #types&lt;sep&gt;time&lt;sep&gt;string&lt;sep&gt;addr ...
 * </pre>
 * and {@code #close} at the end. Columns are located by {@code #fields}: any order, any extra column.
 * A zeek-cut row of column names sets the columns the same way, with the defaults for the rest.
 * Headers are rare, so this class may allocate; the data lines it describes do not.
 */
final class TsvHeader {

    private static final byte[] SEPARATOR = bytes("#separator ");
    private static final byte[] UNSET_FIELD = bytes("#unset_field");
    private static final byte[] EMPTY_FIELD = bytes("#empty_field");
    private static final byte[] PATH = bytes("#path");
    private static final byte[] FIELDS = bytes("#fields");
    private static final byte[] CONN = bytes("conn");
    private static final byte[] UID = bytes("uid");
    private static final byte[] ID_PREFIX = bytes("id.");

    /** No more columns than this are mapped; a longer {@code #fields} is still read (extras skipped). */
    static final int MAX_COLUMNS = 256;

    byte separator = '\t';
    private byte[] unset = bytes("-");
    /** {@code unset}'s length and first byte, so that most fields are told set with two compares and no load. */
    private int unsetLength = 1;
    private byte unsetFirst = '-';
    byte[] empty = bytes("(empty)");
    boolean pathIsConn = true;
    /** Number of columns a data line must have; 0 until a {@code #fields} or column-name row was read. */
    int columnCount;
    /** Bit set ({@link ZeekColumn#bit()}) of the columns present. */
    int present;
    /**
     * The indexes (below {@link #MAX_COLUMNS}) of the columns flowsentry reads, ascending, and in
     * {@link #readColumns} the column at each: a data line is read at these fields only.
     */
    int[] readIndexes = new int[0];
    ZeekColumn[] readColumns = new ZeekColumn[0];

    boolean hasColumns() {
        return columnCount > 0;
    }

    boolean hasRequired() {
        return (present & ZeekColumn.REQUIRED) == ZeekColumn.REQUIRED;
    }

    /**
     * Reads a {@code #} line.
     *
     * @return {@code true} when it was a directive this header knows (others, like {@code #open} or
     *         a btest banner, are comments)
     */
    boolean directive(byte[] buf, int from, int to) {
        if (startsWith(buf, from, to, SEPARATOR)) {
            byte[] sep = unescape(buf, from + SEPARATOR.length, to);
            if (sep.length == 1) {
                separator = sep[0];
            }
            return true;
        }
        if (startsWith(buf, from, to, FIELDS) && to > from + FIELDS.length && buf[from + FIELDS.length] == separator) {
            setColumns(buf, from + FIELDS.length + 1, to);
            return true;
        }
        if (startsWith(buf, from, to, UNSET_FIELD) && to > from + UNSET_FIELD.length) {
            unset = Arrays.copyOfRange(buf, from + UNSET_FIELD.length + 1, to);
            unsetLength = unset.length;
            unsetFirst = unset.length > 0 ? unset[0] : 0;
            return true;
        }
        if (startsWith(buf, from, to, EMPTY_FIELD) && to > from + EMPTY_FIELD.length) {
            empty = Arrays.copyOfRange(buf, from + EMPTY_FIELD.length + 1, to);
            return true;
        }
        if (startsWith(buf, from, to, PATH) && to > from + PATH.length) {
            pathIsConn = ZeekValues.equals(buf, from + PATH.length + 1, to, CONN);
            return true;
        }
        return false;
    }

    /** Maps the separator-delimited names in {@code buf[from, to)} to columns. */
    void setColumns(byte[] buf, int from, int to) {
        int[] indexes = new int[ZeekColumn.VALUES.length];
        ZeekColumn[] cols = new ZeekColumn[ZeekColumn.VALUES.length];
        int read = 0;
        int count = 0;
        int bits = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || buf[i] == separator) {
                ZeekColumn c = ZeekColumn.lookup(buf, start, i);
                if (count < MAX_COLUMNS) {
                    // A repeated name (zeek-cut asked for it twice) keeps its first position.
                    if (c != null && (bits & c.bit()) == 0) {
                        indexes[read] = count;
                        cols[read++] = c;
                        bits |= c.bit();
                    }
                }
                count++;
                start = i + 1;
            }
        }
        columnCount = count;
        present = bits;
        readIndexes = Arrays.copyOf(indexes, read);
        readColumns = Arrays.copyOf(cols, read);
    }

    /**
     * Whether a line that is not a {@code #} line is a zeek-cut column-name row: every field is a
     * Zeek field name ({@code [A-Za-z0-9_.]*}) and at least one is a conn.log column flowsentry reads,
     * {@code uid} (which every conn.log cut carries) or a {@code conn_id} field ({@code id.*}, such as
     * Zeek 8's {@code id.ctx.vlan}).
     */
    static boolean isColumnNameRow(byte[] buf, int from, int to) {
        boolean known = false;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || buf[i] == '\t') {
                if (ZeekColumn.lookup(buf, start, i) != null || ZeekValues.equals(buf, start, i, UID)
                        || (i - start > ID_PREFIX.length && startsWith(buf, start, i, ID_PREFIX))) {
                    known = true;
                }
                start = i + 1;
                continue;
            }
            byte b = buf[i];
            boolean nameChar = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '_' || b == '.';
            if (!nameChar) {
                return false;
            }
        }
        return known;
    }


    boolean isUnset(byte[] buf, int from, int to) {
        int len = to - from;
        if (len != unsetLength) {
            return false;
        }
        return len == 1 ? buf[from] == unsetFirst : ZeekValues.equals(buf, from, to, unset);
    }

    boolean isEmpty(byte[] buf, int from, int to) {
        return ZeekValues.equals(buf, from, to, empty);
    }

    /** Decodes {@code \xHH} escapes (the only escapes the ASCII writer puts in {@code #separator}). */
    static byte[] unescape(byte[] buf, int from, int to) {
        byte[] out = new byte[to - from];
        int n = 0;
        for (int i = from; i < to; i++) {
            if (buf[i] == '\\' && i + 3 < to && buf[i + 1] == 'x') {
                int hi = Character.digit(buf[i + 2], 16);
                int lo = Character.digit(buf[i + 3], 16);
                if (hi >= 0 && lo >= 0) {
                    out[n++] = (byte) (hi << 4 | lo);
                    i += 3;
                    continue;
                }
            }
            out[n++] = buf[i];
        }
        return Arrays.copyOf(out, n);
    }

    static boolean startsWith(byte[] buf, int from, int to, byte[] prefix) {
        return to - from >= prefix.length && Arrays.equals(buf, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
