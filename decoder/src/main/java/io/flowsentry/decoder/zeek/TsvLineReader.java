package io.flowsentry.decoder.zeek;

/**
 * Splits one TSV data line into its fields and hands the columns flowsentry reads to the assembler.
 * With Zeek's tab separator the line is walked eight bytes at a time ({@link ByteScan#controlFlags}):
 * every tab ends a field, any other byte below 0x20 makes the line {@link BadLine#BINARY}.
 */
final class TsvLineReader {

    private final ConnRecordAssembler assembler;
    private TsvHeader header;
    private BadLine firstBad;
    private int column;
    private int fieldStart;

    TsvLineReader(ConnRecordAssembler assembler) {
        this.assembler = assembler;
    }

    /** Fields in the line just read. */
    int fieldCount() {
        return column;
    }

    /**
     * @return {@code null} when every column read parsed (the caller still checks the field count and
     *         finishes the record), else the first reason the line is bad
     */
    BadLine read(TsvHeader h, byte[] buf, int off, int end) {
        header = h;
        firstBad = null;
        column = 0;
        assembler.begin();
        fieldStart = off;
        int i = off;
        if (h.separator == '\t') {
            for (; i + 8 <= end; i += 8) {
                long flags = ByteScan.controlFlags(buf, i);
                while (flags != 0) {
                    int pos = i + (Long.numberOfTrailingZeros(flags) >>> 3);
                    flags &= flags - 1;
                    if (!separatorOrText(buf, pos, (byte) '\t')) {
                        return BadLine.BINARY;
                    }
                }
            }
        }
        for (; i < end; i++) {
            if (!separatorOrText(buf, i, h.separator)) {
                return BadLine.BINARY;
            }
        }
        field(buf, fieldStart, end);
        return firstBad;
    }

    /**
     * Ends a field at {@code pos} if it holds the separator.
     *
     * @return {@code false} for a control byte that is neither the separator nor a tab
     */
    private boolean separatorOrText(byte[] buf, int pos, byte sep) {
        byte b = buf[pos];
        if (b == sep) {
            field(buf, fieldStart, pos);
            fieldStart = pos + 1;
            return true;
        }
        return (b & 0xff) >= 0x20 || b == '\t';
    }

    private void field(byte[] buf, int from, int to) {
        ZeekColumn[] columns = header.columns;
        int index = column++;
        if (firstBad != null || index >= columns.length) {
            return;
        }
        ZeekColumn c = columns[index];
        if (c != null) {
            firstBad = value(c, buf, from, to);
        }
    }

    private BadLine value(ZeekColumn c, byte[] buf, int from, int to) {
        TsvHeader h = header;
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
