package io.flowsentry.store.assets;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from CSV text: cells separated by commas, records by CRLF or LF; a cell in double
 * quotes may hold commas, line breaks and doubled quotes ({@code ""} for one {@code "}). A leading
 * UTF-8 byte-order mark is skipped.
 */
final class CsvRecords {

    /** One record and the 1-based line it starts on. */
    record CsvRecord(int line, List<String> cells) {
    }

    /** A quote that breaks RFC 4180 §2 rules 5-7; {@code line} is where the record starts. */
    static final class CsvSyntaxException extends Exception {
        private static final long serialVersionUID = 1L;
        final int line;
        final String fragment;

        CsvSyntaxException(int line, String fragment, String problem) {
            super(problem);
            this.line = line;
            this.fragment = fragment;
        }
    }

    private CsvRecords() {
    }

    static List<CsvRecord> parse(String text) throws CsvSyntaxException {
        List<CsvRecord> records = new ArrayList<>();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        int line = 1;
        StringBuilder cell = new StringBuilder();
        while (i < n) {
            int recordLine = line;
            List<String> cells = new ArrayList<>();
            boolean endOfRecord = false;
            while (!endOfRecord) {
                cell.setLength(0);
                if (i < n && text.charAt(i) == '"') {
                    int quoteStart = i;
                    i++;
                    boolean closed = false;
                    while (i < n) {
                        char c = text.charAt(i);
                        if (c == '"') {
                            if (i + 1 < n && text.charAt(i + 1) == '"') {
                                cell.append('"');
                                i += 2;
                                continue;
                            }
                            i++;
                            closed = true;
                            break;
                        }
                        if (c == '\n') {
                            line++;
                        }
                        cell.append(c);
                        i++;
                    }
                    if (!closed) {
                        throw new CsvSyntaxException(recordLine, fragment(text, quoteStart), "unterminated quoted cell");
                    }
                    if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                        throw new CsvSyntaxException(recordLine, fragment(text, quoteStart),
                                "text after the closing quote of a cell");
                    }
                } else {
                    while (i < n) {
                        char c = text.charAt(i);
                        if (c == ',' || c == '\n' || c == '\r') {
                            break;
                        }
                        if (c == '"') {
                            throw new CsvSyntaxException(recordLine, fragment(text, i),
                                    "quote inside an unquoted cell");
                        }
                        cell.append(c);
                        i++;
                    }
                }
                cells.add(cell.toString());
                if (i < n && text.charAt(i) == ',') {
                    i++;
                    continue;
                }
                if (i < n && text.charAt(i) == '\r') {
                    i++;
                }
                if (i < n && text.charAt(i) == '\n') {
                    i++;
                    line++;
                }
                endOfRecord = true;
            }
            records.add(new CsvRecord(recordLine, cells));
        }
        return records;
    }

    private static String fragment(String text, int at) {
        int end = Math.min(text.length(), at + 40);
        int nl = text.indexOf('\n', at);
        if (nl >= 0 && nl < end) {
            end = nl;
        }
        return text.substring(at, end);
    }
}
