package io.flowsentry.collector.detect;

import io.flowsentry.flow.FlowRecord;
import io.flowsentry.store.assets.Cidr;
import java.time.Instant;

/**
 * One entry of the detection's filter (Splunk's {@code detect_outbound_smb_traffic_filter} macro): a
 * conjunction of the conditions that are set. A flow it matches is dropped before aggregation, so a row
 * never mixes suppressed and unsuppressed destinations.
 *
 * @param src      source CIDR, or {@code null} for any
 * @param dest     destination CIDR, or {@code null} for any
 * @param destPort destination port 0-65535, or -1 for any
 * @param app      exact {@code app} value, or {@code null} for any
 * @param comment  why the rule exists (free text, may be empty)
 * @param expires  the instant from which the rule is ignored, or {@code null} for never
 */
public record SuppressionRule(Cidr src, Cidr dest, int destPort, String app, String comment, Instant expires) {

    public static final int ANY_PORT = -1;

    public SuppressionRule {
        if (src == null && dest == null && destPort == ANY_PORT && app == null) {
            throw new IllegalArgumentException("a suppression rule needs at least one of src, dest, dest_port, app");
        }
        if (destPort < ANY_PORT || destPort > 65535) {
            throw new IllegalArgumentException("dest_port " + destPort + " (expected: 0 ~ 65535)");
        }
        comment = comment == null ? "" : comment;
    }

    /** True when the rule is in force at {@code nowMillis} (epoch ms). */
    public boolean activeAt(long nowMillis) {
        return expires == null || nowMillis < expires.toEpochMilli();
    }

    /** True when every set condition holds for the flow. Ignores expiry; allocates nothing. */
    public boolean matches(FlowRecord flow) {
        return (src == null || src.contains(flow.srcHi(), flow.srcLo()))
                && (dest == null || dest.contains(flow.dstHi(), flow.dstLo()))
                && (destPort == ANY_PORT || destPort == flow.dstPort())
                && (app == null || app.equals(flow.app()));
    }
}
