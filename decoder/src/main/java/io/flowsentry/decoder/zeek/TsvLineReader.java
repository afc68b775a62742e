package io.flowsentry.decoder.zeek;

/**
 * Reads one TSV data line in place, in two steps. {@link #split} walks the line once and notes where
 * each field ends: with Zeek's tab separator eight bytes at a time ({@link ByteScan#controlFlags}),
 * every tab ending a field and any other byte below 0x20 making the line {@link BadLine#BINARY}.
 * {@link #parse} then visits only the columns flowsentry reads ({@link TsvHeader#readIndexes}), so
 * {@code uid}, {@code history} and the other skipped columns cost the scan and nothing more.
 */
final class TsvLineReader {

    private final ConnRecordAssembler assembler;
    /** {@code fieldEnds[i]}: the offset of the separator (or line end) after field {@code i}, for the first {@link TsvHeader#MAX_COLUMNS} fields. */
    private final int[] fieldEnds = new int[TsvHeader.MAX_COLUMNS];
    private int fieldCount;
    private int lineStart;

    TsvLineReader(ConnRecordAssembler assembler) {
        this.assembler = assembler;
    }

    /** Fields in the line last split. */
    int fieldCount() {
        return fieldCount;
    }

    /**
     * Finds the field ends of {@code buf[off, end)}.
     *
     * @return {@code false} when the line holds a control byte that is neither the separator nor a tab
     */
    boolean split(byte sep, byte[] buf, int off, int end) {
        int[] ends = fieldEnds;
        int n = 0;
        int i = off;
        if (sep == '\t') {
            for (; i + 8 <= end; i += 8) {
                long flags = ByteScan.controlFlags(buf, i);
                while (flags != 0) {
                    int pos = i + (Long.numberOfTrailingZeros(flags) >>> 3);
                    flags &= flags - 1;
                    byte b = buf[pos];
                    if (b == '\t') {
                        if (n < ends.length) {
                            ends[n] = pos;
                        }
                        n++;
                    } else if ((b & 0xff) < 0x20) {
                        return false;
                    }
                }
            }
        }
        for (; i < end; i++) {
            byte b = buf[i];
            if (b == sep) {
                if (n < ends.length) {
                    ends[n] = i;
                }
                n++;
            } else if ((b & 0xff) < 0x20 && b != '\t') {
                return false;
            }
        }
        if (n < ends.length) {
            ends[n] = end;
        }
        fieldCount = n + 1;
        lineStart = off;
        return true;
    }

    /**
     * Hands the columns flowsentry reads of the line last split to the assembler, in column order;
     * the caller has checked that the line has {@link TsvHeader#columnCount} fields.
     *
     * @return {@code null} when every column read parsed (the caller still finishes the record), else
     *         the reason the first bad one is bad
     */
    BadLine parse(TsvHeader h, byte[] buf) {
        assembler.begin();
        int[] indexes = h.readIndexes;
        ZeekColumn[] columns = h.readColumns;
        int[] ends = fieldEnds;
        for (int k = 0; k < indexes.length; k++) {
            int index = indexes[k];
            int from = index == 0 ? lineStart : ends[index - 1] + 1;
            BadLine bad = value(h, columns[k], buf, from, ends[index]);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    private BadLine value(TsvHeader h, ZeekColumn c, byte[] buf, int from, int to) {
        if (h.isUnset(buf, from, to)) {
            return switch (c) {
                case TS -> BadLine.BAD_TIME;
                case ORIG_H, RESP_H -> BadLine.BAD_ADDRESS;
                case RESP_P -> BadLine.BAD_PORT;
                default -> null;
            };
        }
        if (c == ZeekColumn.SERVICE && h.isEmpty(buf, from, to)) {
            return null;
        }
        return assembler.column(c, buf, from, to);
    }
}
