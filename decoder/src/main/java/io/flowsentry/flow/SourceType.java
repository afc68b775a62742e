package io.flowsentry.flow;

/** Where a flow record came from, written as Splunk's {@code sourcetype}. */
public enum SourceType {
    NETFLOW_V5("netflow:v5"),
    NETFLOW_V9("netflow:v9"),
    IPFIX("ipfix"),
    ZEEK_CONN("zeek:conn"),
    ZEEK_CONN_JSON("zeek:conn:json");

    private static final SourceType[] VALUES = values();

    private final String text;

    SourceType(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static SourceType ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** The source type for its text, or {@code null} when the text names none. */
    public static SourceType fromText(String text) {
        for (SourceType t : VALUES) {
            if (t.text.equals(text)) {
                return t;
            }
        }
        return null;
    }
}
