package io.flowsentry.collector.detect;

import io.flowsentry.flow.IpAddress;
import io.flowsentry.store.assets.Cidr;

/**
 * Strict parsing of a CIDR written in the configuration ({@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a
 * bare address as a /32 or /128) into the store's {@link Cidr}. Unlike an assets file, which Splunk reads
 * leniently, a configuration CIDR with host bits set is refused: {@code 10.1.0.0/8} is more likely a typo
 * for /16 than a wish for all of 10/8.
 */
public final class CidrText {

    /** IPv4 /n is /(96 + n) in the IPv4-mapped space (RFC 4291 §2.5.5.2). */
    private static final int V4_MAPPED_BITS = 96;

    private CidrText() {
    }

    /**
     * @throws IllegalArgumentException with a message naming the text and what was expected
     */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String addrText = slash < 0 ? t : t.substring(0, slash);
        long[] addr = new long[2];
        if (!IpAddress.parse(addrText, addr)) {
            throw new IllegalArgumentException("'" + text + "' is not a CIDR (expected: a.b.c.d/n or an IPv6 prefix)");
        }
        boolean v4 = addrText.indexOf(':') < 0;
        int max = v4 ? 32 : 128;
        int length = max;
        if (slash >= 0) {
            String lenText = t.substring(slash + 1);
            if (lenText.isEmpty() || lenText.length() > 3 || !lenText.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(lenText) > max) {
                throw new IllegalArgumentException("'" + text + "' is not a CIDR (prefix length 0-" + max + ")");
            }
            length = Integer.parseInt(lenText);
        }
        Cidr cidr = Cidr.of(addr[0], addr[1], v4 ? V4_MAPPED_BITS + length : length);
        if (cidr.hi() != addr[0] || cidr.lo() != addr[1]) {
            throw new IllegalArgumentException("'" + text + "' has host bits set beyond /" + length
                    + " (the network is " + cidr + ")");
        }
        return cidr;
    }
}
