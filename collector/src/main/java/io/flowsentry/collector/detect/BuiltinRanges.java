package io.flowsentry.collector.detect;

/**
 * The address sets the detection's profiles name (../shared/docs/DETECTION.md).
 */
public final class BuiltinRanges {

    /** ESCU version 3's four excluded destination ranges: RFC 1918 and RFC 6598 (CGNAT). IPv4 only. */
    public static final CidrList ESCU_V3_PRIVATE =
            CidrList.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10");

    /**
     * ESCU v14's macro {@code non_public_ip_blocks}. The /29 and /32 special-purpose blocks of
     * 192.0.0.0/24 that the macro also lists are inside 192.0.0.0/24, which is listed whole.
     */
    public static final CidrList NON_PUBLIC_IP_BLOCKS = CidrList.of(
            "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24",
            "192.88.99.0/24", "224.0.0.0/4", "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "240.0.0.0/4", "::1/128");

    /**
     * IPv6 blocks that are never the Internet: unspecified and loopback (RFC 4291 §2.5.2-3), unique local
     * fc00::/7 (RFC 4193, excluded by Sigma), link-local fe80::/10 and multicast ff00::/8 (excluded by
     * Elastic's rule), documentation 2001:db8::/32 (RFC 3849, the IPv6 twin of 192.0.2.0/24 and
     * 198.51.100.0/24 which {@code non_public_ip_blocks} lists).
     */
    public static final CidrList IPV6_SPECIAL = CidrList.of(
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "ff00::/8", "2001:db8::/32");

    /** The extended profile's non-public set: {@link #NON_PUBLIC_IP_BLOCKS} and {@link #IPV6_SPECIAL}. */
    public static final AddressSet NON_PUBLIC =
            (hi, lo) -> NON_PUBLIC_IP_BLOCKS.contains(hi, lo) || IPV6_SPECIAL.contains(hi, lo);

    private BuiltinRanges() {
    }
}
