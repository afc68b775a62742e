package io.flowsentry.decoder.zeek;

/**
 * Reads one Zeek JSON log line ({@code LogAscii::use_json=T}: one object per line, unset fields
 * absent) into a {@link ConnRecordAssembler} without building a tree: a single pass finds each key,
 * hands the values of the keys flowsentry reads to the assembler and skips the rest, nested arrays
 * and objects ({@code tunnel_parents}) included. Values are passed as their raw bytes: a string
 * without its quotes, a number as written. Every index stays inside the line.
 */
final class JsonConnLine {

    private final ConnRecordAssembler assembler;
    /** Nesting depth a skipped value may reach; deeper input is refused as malformed. */
    private static final int MAX_DEPTH = 32;

    private BadLine firstBad;

    JsonConnLine(ConnRecordAssembler assembler) {
        this.assembler = assembler;
    }

    /**
     * @return {@code null} when the line filled the assembler's record, else why it is bad
     */
    BadLine read(byte[] buf, int off, int end) {
        assembler.begin();
        firstBad = null;
        int i = skipWhitespace(buf, off, end);
        if (i >= end || buf[i] != '{') {
            return BadLine.MALFORMED_JSON;
        }
        i = skipWhitespace(buf, i + 1, end);
        if (i < end && buf[i] == '}') {
            return trailing(buf, i + 1, end);
        }
        while (true) {
            if (i >= end || buf[i] != '"') {
                return BadLine.MALFORMED_JSON;
            }
            int keyStart = i + 1;
            int keyEnd = stringEnd(buf, keyStart, end);
            if (keyEnd < 0) {
                return keyEnd == BINARY ? BadLine.BINARY : BadLine.MALFORMED_JSON;
            }
            i = skipWhitespace(buf, keyEnd + 1, end);
            if (i >= end || buf[i] != ':') {
                return BadLine.MALFORMED_JSON;
            }
            i = skipWhitespace(buf, i + 1, end);
            if (i >= end) {
                return BadLine.MALFORMED_JSON;
            }
            int valueStart;
            int valueEnd;
            byte b = buf[i];
            if (b == '"') {
                valueStart = i + 1;
                valueEnd = stringEnd(buf, valueStart, end);
                if (valueEnd < 0) {
                    return valueEnd == BINARY ? BadLine.BINARY : BadLine.MALFORMED_JSON;
                }
                i = valueEnd + 1;
            } else if (b == '[' || b == '{') {
                int after = skipNested(buf, i, end);
                if (after < 0) {
                    return after == BINARY ? BadLine.BINARY : BadLine.MALFORMED_JSON;
                }
                i = after;
                valueStart = -1;
                valueEnd = -1;
            } else {
                valueStart = i;
                while (i < end && buf[i] != ',' && buf[i] != '}' && buf[i] != ' ' && buf[i] != '\t') {
                    if ((buf[i] & 0xff) < 0x20) {
                        return BadLine.BINARY;
                    }
                    i++;
                }
                valueEnd = i;
                if (valueEnd == valueStart) {
                    return BadLine.MALFORMED_JSON;
                }
                if (isNull(buf, valueStart, valueEnd)) {
                    valueStart = -1;
                }
            }
            if (valueStart >= 0) {
                ZeekColumn c = ZeekColumn.lookup(buf, keyStart, keyEnd);
                if (c != null) {
                    BadLine bad = assembler.column(c, buf, valueStart, valueEnd);
                    if (bad != null && firstBad == null) {
                        firstBad = bad;
                    }
                }
            }
            i = skipWhitespace(buf, i, end);
            if (i >= end) {
                return BadLine.MALFORMED_JSON;
            }
            if (buf[i] == ',') {
                i = skipWhitespace(buf, i + 1, end);
                continue;
            }
            if (buf[i] == '}') {
                BadLine tail = trailing(buf, i + 1, end);
                return tail != null ? tail : firstBad;
            }
            return BadLine.MALFORMED_JSON;
        }
    }

    private static final int MALFORMED = -1;
    private static final int BINARY = -2;

    private static BadLine trailing(byte[] buf, int i, int end) {
        return skipWhitespace(buf, i, end) == end ? null : BadLine.MALFORMED_JSON;
    }

    /** Index of the closing quote of a string whose first content byte is at {@code i}. */
    private static int stringEnd(byte[] buf, int i, int end) {
        while (true) {
            i = ByteScan.nextJsonStringStop(buf, i, end);
            if (i >= end) {
                return MALFORMED;
            }
            byte b = buf[i];
            if (b == '"') {
                return i;
            }
            if (b == '\\') {
                i += 2;
                continue;
            }
            return BINARY;
        }
    }

    /** The index after the array or object starting at {@code i}, strings inside honoured. */
    private static int skipNested(byte[] buf, int i, int end) {
        int depth = 0;
        while (i < end) {
            byte b = buf[i];
            if (b == '"') {
                int close = stringEnd(buf, i + 1, end);
                if (close < 0) {
                    return close;
                }
                i = close + 1;
                continue;
            }
            if (b == '[' || b == '{') {
                if (++depth > MAX_DEPTH) {
                    return MALFORMED;
                }
            } else if (b == ']' || b == '}') {
                if (--depth == 0) {
                    return i + 1;
                }
            } else if ((b & 0xff) < 0x20 && b != '\t') {
                return BINARY;
            }
            i++;
        }
        return MALFORMED;
    }

    private static int skipWhitespace(byte[] buf, int i, int end) {
        while (i < end && (buf[i] == ' ' || buf[i] == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean isNull(byte[] buf, int from, int to) {
        return to - from == 4 && buf[from] == 'n' && buf[from + 1] == 'u' && buf[from + 2] == 'l' && buf[from + 3] == 'l';
    }
}
