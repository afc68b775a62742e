package io.flowsentry.decoder.zeek;

/** Why a conn.log line was skipped. Each reason has its own counter in {@link ConnLogCounters}. */
public enum BadLine {
    /** TSV: the number of fields differs from the number of names in {@code #fields}. */
    COLUMN_COUNT("column_count"),
    /** {@code ts} unset, not a number, or not ISO 8601 (btest's canonified {@code XXXXXXXXXX.XXXXXX}). */
    BAD_TIME("bad_time"),
    /** {@code id.orig_h} or {@code id.resp_h} unset or not an IPv4/IPv6 literal. */
    BAD_ADDRESS("bad_address"),
    /** {@code id.orig_p} or {@code id.resp_p} not an integer in 0..65535. */
    BAD_PORT("bad_port"),
    /** A count or interval column that is neither unset nor a non-negative number. */
    BAD_NUMBER("bad_number"),
    /** A line longer than the reader's cap; skipped up to its newline. */
    LINE_TOO_LONG("line_too_long"),
    /** Bytes that cannot be text: NUL or other control characters besides tab and CR. */
    BINARY("binary"),
    /** JSON: not one well-formed object. */
    MALFORMED_JSON("malformed_json"),
    /** The header names no {@code ts}, {@code id.orig_h}, {@code id.resp_h} or {@code id.resp_p} column, or a JSON line lacks one of those keys. */
    MISSING_REQUIRED_FIELD("missing_required_field"),
    /** A data line before any {@code #fields} header or zeek-cut column-name row. */
    NO_HEADER("no_header"),
    /** The header's {@code #path} is not {@code conn}. */
    NOT_CONN_PATH("not_conn_path");

    private final String label;

    BadLine(String label) {
        this.label = label;
    }

    /** The metric label, e.g. {@code bad_time}. */
    public String label() {
        return label;
    }
}
