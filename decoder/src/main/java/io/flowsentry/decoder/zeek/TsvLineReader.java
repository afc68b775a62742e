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
        int start = off;
        if (h.separator == '\t') {
            int i = off;
            for (; i + 8 <= end; i += 8) {
                long flags = ByteScan.controlFlags(buf, i);
                while (flags != 0) {
                    int pos = i + (Long.numberOfTrailingZeros(flags) >>> 3);
                    flags &= flags - 1;
                    byte b = buf[pos];
                    if (b == '\t') {
                        field(buf, start, pos);
                        start = pos + 1;
                    } else if ((b & 0xff) < 0x20) {
                        return BadLine.BINARY;
                    }
                }
            }
            for (; i < end; i++) {
                byte b = buf[i];
                if (b == '\t') {
                    field(buf, start, i);
                    start = i + 1;
                } else if ((b & 0xff) < 0x20) {
                    return BadLine.BINARY;
                }
            }
        } else {
            byte sep = h.separator;
            for (int i = off; i < end; i++) {
                byte b = buf[i];
                if (b == sep) {
                    field(buf, start, i);
                    start = i + 1;
                } else if ((b & 0xff) < 0x20 && b != '\t') {
                    return BadLine.BINARY;
                }
            }
        }
        field(buf, start, end);
        return firstBad;
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
