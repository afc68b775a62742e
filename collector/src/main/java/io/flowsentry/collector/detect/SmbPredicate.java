package io.flowsentry.collector.detect;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.store.assets.AssetEntry;
import io.flowsentry.store.assets.AssetTable;

/**
 * The where-clause of Detect Outbound SMB Traffic (../shared/docs/DETECTION.md, "The predicate"):
 *
 * <pre>
 * (dest_port == 139 || dest_port == 445 || app == "smb")
 *   &amp;&amp; action != blocked
 *   &amp;&amp; "internal" not in dest_category
 *   &amp;&amp; dest_ip not in {10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10}
 * </pre>
 *
 * The transport is not checked (UDP to 445 matches, as in Splunk); {@code app} is compared exactly
 * ({@code gssapi,smb} is not {@code smb}); the version-3 ranges are IPv4 only. The {@code extended}
 * profile also excludes destinations in {@link BuiltinRanges#NON_PUBLIC} and requires the source to be in it.
 *
 * <p>Immutable, allocation-free and safe from any thread, so network threads may filter before handing
 * matches to the engine. A new assets table means a new predicate.
 */
public final class SmbPredicate {

    /** NetBIOS Session Service, RFC 1001/1002. */
    public static final int PORT_NETBIOS_SSN = 139;
    /** SMB over TCP (Microsoft-DS). */
    public static final int PORT_SMB = 445;
    public static final String APP_SMB = "smb";

    private final DetectionProfile profile;
    private final AssetTable assets;

    /** @param assets the assets table, or {@code null} when none is configured */
    public SmbPredicate(DetectionProfile profile, AssetTable assets) {
        this.profile = profile;
        this.assets = assets;
    }

    public boolean matches(FlowRecord flow) {
        int port = flow.dstPort();
        if (port != PORT_NETBIOS_SSN && port != PORT_SMB && !APP_SMB.equals(flow.app())) {
            return false;
        }
        if (flow.action() == Action.BLOCKED) {
            return false;
        }
        long dstHi = flow.dstHi();
        long dstLo = flow.dstLo();
        if (BuiltinRanges.ESCU_V3_PRIVATE.contains(dstHi, dstLo)) {
            return false;
        }
        if (assets != null) {
            AssetEntry entry = assets.lookup(dstHi, dstLo);
            if (entry != null && entry.internal()) {
                return false;
            }
        }
        if (profile == DetectionProfile.EXTENDED) {
            return !BuiltinRanges.NON_PUBLIC.contains(dstHi, dstLo)
                    && BuiltinRanges.NON_PUBLIC.contains(flow.srcHi(), flow.srcLo());
        }
        return true;
    }

    public DetectionProfile profile() {
        return profile;
    }

    public AssetTable assets() {
        return assets;
    }
}
