package io.flowsentry.collector.detect;

/** Which version of the Outbound SMB detection's filtering the predicate applies. */
public enum DetectionProfile {
    /** Exactly ../shared/docs/DETECTION.md: ESCU version 3. */
    ESCU_V3("escu-v3"),
    /**
     * Version 3, plus: destinations in {@code non_public_ip_blocks} or the IPv6 special ranges are excluded,
     * and the source must be in one of them (ESCU v6+, Elastic, Sigma).
     */
    EXTENDED("extended");

    private final String text;

    DetectionProfile(String text) {
        this.text = text;
    }

    /** The configuration and row text: {@code escu-v3}, {@code extended}. */
    public String text() {
        return text;
    }

    /** The profile named {@code text}, or {@code null}. */
    public static DetectionProfile fromText(String text) {
        for (DetectionProfile p : values()) {
            if (p.text.equals(text)) {
                return p;
            }
        }
        return null;
    }
}
