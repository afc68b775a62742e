package io.flowsentry.store.assets;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Built-in assets tables, by name. Every entry has the single category {@code internal}, so a built-in
 * table used as the assets table makes the detection's {@code dest_category="internal"} exclusion cover it.
 */
public final class BuiltinAssets {

    /** The category of every built-in entry. */
    public static final String CATEGORY = "internal";

    /** The four ranges ESCU version 3 of the detection excludes (../shared/docs/DETECTION.md). */
    public static final String ESCU_V3_PRIVATE = "escu_v3_private";

    /**
     * ESCU v14's {@code non_public_ip_blocks} macro, plus the special-purpose /29 and /32 blocks inside
     * 192.0.0.0/24 (RFC 6890 and the IANA IPv4 Special-Purpose Address Registry), plus the IPv6
     * link-local (fe80::/10, RFC 4291 §2.5.6), unique-local (fc00::/7, RFC 4193) and multicast
     * (ff00::/8, RFC 4291 §2.7) blocks that Elastic's and Sigma's rules exclude.
     */
    public static final String NON_PUBLIC_IP_BLOCKS = "non_public_ip_blocks";

    private static final List<String> ESCU_V3 = List.of(
            "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10");

    private static final List<String> NON_PUBLIC = List.of(
            "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10",
            "127.0.0.0/8", "169.254.0.0/16", "192.0.0.0/24", "192.0.2.0/24",
            "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "224.0.0.0/4",
            "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24",
            "240.0.0.0/4", "::1",
            // IANA IPv4 special-purpose registry, inside 192.0.0.0/24:
            "192.0.0.0/29",     // IPv4 Service Continuity Prefix (RFC 7335)
            "192.0.0.8/32",     // IPv4 dummy address (RFC 7600)
            "192.0.0.9/32",     // Port Control Protocol anycast (RFC 7723)
            "192.0.0.10/32",    // TURN anycast (RFC 8155)
            "192.0.0.170/32",   // NAT64/DNS64 discovery (RFC 7050)
            "192.0.0.171/32",   // NAT64/DNS64 discovery (RFC 7050)
            "fe80::/10", "fc00::/7", "ff00::/8");

    private static final Map<String, List<String>> SETS = new TreeMap<>(Map.of(
            ESCU_V3_PRIVATE, ESCU_V3,
            NON_PUBLIC_IP_BLOCKS, NON_PUBLIC));

    private BuiltinAssets() {
    }

    public static Set<String> names() {
        return SETS.keySet();
    }

    /** The CIDRs of a built-in set, as written above. */
    public static List<String> cidrs(String name) {
        List<String> cidrs = SETS.get(name);
        if (cidrs == null) {
            throw new IllegalArgumentException("unknown built-in assets set: '" + name + "' (expected one of " + names() + ")");
        }
        return cidrs;
    }

    /**
     * @throws IllegalArgumentException naming the known sets when {@code name} is none of them
     */
    public static AssetTable named(String name) {
        AssetTableBuilder builder = new AssetTableBuilder();
        for (String cidr : cidrs(name)) {
            AddressBlocks.parse(cidr, c -> builder.add(c, List.of(CATEGORY)));
        }
        return builder.build();
    }
}
