package io.flowsentry.flow;

/**
 * What the exporter says happened to a flow, in the CIM vocabulary of the Network_Traffic data model.
 * The mapping rules are in ../shared/docs/DETECTION.md: IPFIX/v9 IE 89 forwardingStatus and IE 233
 * firewallEvent for flows, {@code conn_state} for Zeek.
 */
public enum Action {
    ALLOWED("allowed"),
    BLOCKED("blocked"),
    /** Zeek only: S0, RSTOS0, RSTRH, SH, SHR (the Zeek add-on for Splunk's mapping). */
    DROPPED("dropped"),
    /** Nothing said; the CIM fill-in for a missing action. */
    UNKNOWN("unknown");

    private static final Action[] VALUES = values();

    private final String text;

    Action(String text) {
        this.text = text;
    }

    /** The CIM text, as written in JSON output and detection rows. */
    public String text() {
        return text;
    }

    public static Action ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** The action for a CIM text, or {@code null} when the text names none. */
    public static Action fromText(String text) {
        for (Action a : VALUES) {
            if (a.text.equals(text)) {
                return a;
            }
        }
        return null;
    }
}
