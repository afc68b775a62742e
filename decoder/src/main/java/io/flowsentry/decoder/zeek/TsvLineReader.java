package io.flowsentry.decoder.zeek;

/**
 * Reads one TSV data line in place, in two steps. {@link #split} walks the line once and notes where
 * each field ends: with Zeek's tab separator 64 bytes at a time (a bit mask of the control bytes, built
 * a word at a time), every tab ending a field and any other byte below 0x20 making the line
 * {@link BadLine#BINARY}.
 * {@link #parse} then visits only the columns flowsentry reads ({@link TsvHeader#readIndexes}), so
 * {@code uid}, {@code history} and the other skipped columns cost the scan and nothing more.
 */
final class TsvLineReader {

    /** Bytes per step of {@link #splitAtTabs}: one bit of a {@code long} mask per byte. */
    private static final int BLOCK = 64;

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

    /** The offset of the separator (or line end) after field {@code i} (below {@link TsvHeader#MAX_COLUMNS}) of the line last split. */
    int fieldEnd(int i) {
        return fieldEnds[i];
    }

    /**
     * Finds the field ends of {@code buf[off, end)}.
     *
     * @return {@code false} when the line holds a control byte that is neither the separator nor a tab
     */
    boolean split(byte sep, byte[] buf, int off, int end) {
        fieldCount = 0;
        lineStart = off;
        boolean text = sep == '\t' ? splitAtTabs(buf, off, end) : splitAt(sep, buf, off, end);
        if (!text) {
            return false;
        }
        note(end);
        return true;
    }

    /**
     * Tab-separated: 64 bytes per block, eight words whose control-byte flags are gathered into one
     * 64-bit mask ({@link ByteScan#gather}), then the mask's set bits visited in order: a tab ends a
     * field, any other control byte makes the line binary. A line's last word is read whole when the
     * buffer allows, its bytes past {@code end} masked off; the buffer's last bytes are read one at a time.
     */
    private boolean splitAtTabs(byte[] buf, int off, int end) {
        int wordsEnd = buf.length - SwarDecimal.WORD;
        for (int block = off; block < end; block += BLOCK) {
            int blockEnd = Math.min(end, block + BLOCK);
            long controls = 0;
            int i = block;
            for (; i + SwarDecimal.WORD <= blockEnd; i += SwarDecimal.WORD) {
                controls |= (long) ByteScan.gather(ByteScan.belowSpaceFlags(ByteScan.longAt(buf, i))) << (i - block);
            }
            if (i < blockEnd && i <= wordsEnd) {
                long inLine = (1L << ((blockEnd - i) << 3)) - 1;
                controls |= (long) ByteScan.gather(ByteScan.belowSpaceFlags(ByteScan.longAt(buf, i)) & inLine) << (i - block);
                i = blockEnd;
            }
            for (; i < blockEnd; i++) {
                if ((buf[i] & 0xff) < 0x20) {
                    controls |= 1L << (i - block);
                }
            }
            for (; controls != 0; controls &= controls - 1) {
                int pos = block + Long.numberOfTrailingZeros(controls);
                if (buf[pos] != '\t') {
                    return false;
                }
                note(pos);
            }
        }
        return true;
    }

    /** Any other separator, a byte at a time; a tab is then text. */
    private boolean splitAt(byte sep, byte[] buf, int off, int end) {
        for (int i = off; i < end; i++) {
            byte b = buf[i];
            if (b == sep) {
                note(i);
            } else if ((b & 0xff) < 0x20 && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /** A field ends at {@code pos}. */
    private void note(int pos) {
        int n = fieldCount++;
        if (n < fieldEnds.length) {
            fieldEnds[n] = pos;
        }
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
