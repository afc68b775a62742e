package io.flowsentry.decoder;

/**
 * Every outcome of decoding a datagram, each with its own counter in {@link DecodeCounters}. The
 * malformed ones are outcomes, never exceptions: the decoder counts them and carries on with the next
 * set or datagram.
 */
public enum DecodeCounter {
    DATAGRAMS("datagrams decoded"),
    FLOW_RECORDS("flow records emitted"),
    OPTIONS_RECORDS("options data records read"),
    TEMPLATES("template records accepted (new or changed)"),
    OPTIONS_TEMPLATES("options template records accepted (new or changed)"),
    TEMPLATES_REFRESHED("template records resent unchanged"),
    TRUNCATED_HEADER("datagram shorter than its version's header"),
    UNKNOWN_VERSION("version field neither 5, 9 nor 10"),
    V5_COUNT_EXCEEDS_DATAGRAM("v5 header count larger than the records present (the length is trusted)"),
    V5_COUNT_OVER_30("v5 header count over the 30 records a v5 datagram may carry"),
    TRAILING_BYTES("datagrams with bytes after the last record or message"),
    TRAILING_ZERO_PADDING("datagrams ending in zero padding after the last set"),
    MESSAGE_LENGTH_INVALID("IPFIX message length below 16 or beyond the datagram"),
    SET_LENGTH_INVALID("set length below 4 or beyond its message"),
    RESERVED_SET_ID("sets with a reserved id (v9 2..255, IPFIX 0, 1, 4..255)"),
    TEMPLATE_TRUNCATED("template records cut off by the end of their set"),
    TEMPLATE_INVALID("template records with an id below 256 or an impossible scope"),
    TEMPLATE_TOO_MANY_FIELDS("template records over the per-template field limit"),
    TEMPLATE_LIMIT_REACHED("template records refused: exporter holds the maximum number of templates"),
    TEMPLATE_ZERO_LENGTH_RECORD("data sets whose template describes a record of 0 bytes"),
    TEMPLATES_WITHDRAWN("IPFIX template withdrawals applied"),
    TEMPLATES_EXPIRED("templates expired (not refreshed within the timeout)"),
    MISSING_TEMPLATE("data sets arriving before their template (buffered)"),
    PENDING_SETS_DECODED("buffered data sets decoded once their template arrived"),
    PENDING_DROPPED_FULL("data sets dropped: the exporter's pending buffer was full"),
    PENDING_DROPPED_EXPIRED("buffered data sets dropped: their template never came"),
    PENDING_DROPPED_TOO_LARGE("data sets dropped: larger than the whole pending buffer"),
    RECORD_TRUNCATED("data records shorter than their template (variable length past the set end)"),
    SET_PADDING("data sets ending in padding shorter than one record"),
    FIELD_LENGTH_UNEXPECTED("fields ignored: length impossible for their type (e.g. an IPv4 address of 2 bytes)"),
    EXPORTERS_EVICTED("exporters evicted (least recently seen) to stay within the exporter limit"),
    DOMAINS_LIMIT_REACHED("datagrams of an exporter over the per-exporter domain limit (not sequence-tracked)"),
    SEQUENCE_LOST("lost per the sequence numbers: v9 datagrams, v5 and IPFIX records"),
    SEQUENCE_OUT_OF_ORDER("datagrams whose sequence number went backwards or jumped by 2^31 or more");

    private final String description;

    DecodeCounter(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** The counter's name as printed: lower case with underscores, e.g. {@code missing_template}. */
    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
