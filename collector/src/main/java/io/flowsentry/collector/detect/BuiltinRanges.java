package io.flowsentry.collector.detect;

import io.flowsentry.store.assets.AssetTable;
import io.flowsentry.store.assets.BuiltinAssets;

/**
 * The address sets the detection's profiles name (../shared/docs/DETECTION.md), from the store's
 * built-in sets ({@link BuiltinAssets}).
 */
public final class BuiltinRanges {

    /** ESCU version 3's four excluded destination ranges: RFC 1918 and RFC 6598 (CGNAT). IPv4 only. */
    public static final AddressSet ESCU_V3_PRIVATE = of(BuiltinAssets.named(BuiltinAssets.ESCU_V3_PRIVATE));

    /**
     * Blocks the store's {@code non_public_ip_blocks} set leaves out that are never the Internet either:
     * the unspecified address (RFC 4291 §2.5.2) and IPv6 documentation 2001:db8::/32 (RFC 3849, the twin of
     * 192.0.2.0/24 and 198.51.100.0/24, which the set holds).
     */
    public static final CidrList IPV6_EXTRA = CidrList.of("::/128", "2001:db8::/32");

    private static final AddressSet NON_PUBLIC_IP_BLOCKS = of(BuiltinAssets.named(BuiltinAssets.NON_PUBLIC_IP_BLOCKS));

    /**
     * The extended profile's non-public set: ESCU v14's {@code non_public_ip_blocks} with the IPv6
     * link-local, unique-local and multicast blocks (the store's set) and {@link #IPV6_EXTRA}.
     */
    public static final AddressSet NON_PUBLIC =
            (hi, lo) -> NON_PUBLIC_IP_BLOCKS.contains(hi, lo) || IPV6_EXTRA.contains(hi, lo);

    private BuiltinRanges() {
    }

    /** Membership in a table: any entry holds the address. */
    public static AddressSet of(AssetTable table) {
        return (hi, lo) -> table.lookup(hi, lo) != null;
    }
}
