package io.flowsentry.collector.detect;

import io.flowsentry.flow.IpAddress;

/**
 * One CIDR block over the 128-bit address space of {@link IpAddress}: IPv4 blocks are held IPv4-mapped,
 * so {@code 10.0.0.0/8} is {@code ::ffff:10.0.0.0/104} and never contains an IPv6 address.
 *
 * @param hi           network address, bits 127..64
 * @param lo           network address, bits 63..0
 * @param prefixLength prefix length over 128 bits (IPv4 /n is 96 + n)
 */
public record Cidr(long hi, long lo, int prefixLength) {

    /** IPv4-mapped addresses share their first 96 bits ({@code ::ffff:0:0/96}, RFC 4291 §2.5.5.2). */
    private static final int V4_MAPPED_BITS = 96;

    public Cidr {
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " (expected: 0 ~ 128)");
        }
        if ((hi & ~hiMask(prefixLength)) != 0 || (lo & ~loMask(prefixLength)) != 0) {
            throw new IllegalArgumentException("host bits set below prefix length " + prefixLength);
        }
    }

    /** True when the address ({@link IpAddress} form) lies in this block. Allocates nothing. */
    public boolean contains(long addrHi, long addrLo) {
        return (addrHi & hiMask(prefixLength)) == hi && (addrLo & loMask(prefixLength)) == lo;
    }

    /**
     * Parses {@code a.b.c.d/n} (n 0..32), an IPv6 {@code addr/n} (n 0..128), or a bare address (a /32 or
     * /128 block).
     *
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
        int prefix = v4 ? V4_MAPPED_BITS + length : length;
        if ((addr[0] & ~hiMask(prefix)) != 0 || (addr[1] & ~loMask(prefix)) != 0) {
            throw new IllegalArgumentException("'" + text + "' has host bits set beyond /" + length);
        }
        return new Cidr(addr[0], addr[1], prefix);
    }

    /** Canonical text: {@code 10.0.0.0/8}, {@code fc00::/7}. */
    @Override
    public String toString() {
        boolean v4 = prefixLength >= V4_MAPPED_BITS && IpAddress.isIpv4(hi, lo);
        return IpAddress.toString(hi, lo) + "/" + (v4 ? prefixLength - V4_MAPPED_BITS : prefixLength);
    }

    /** Mask of the network bits of {@code hi} for a prefix length over 128 bits. */
    static long hiMask(int prefix) {
        if (prefix >= 64) {
            return -1L;
        }
        return prefix == 0 ? 0L : -1L << (64 - prefix);
    }

    /** Mask of the network bits of {@code lo} for a prefix length over 128 bits. */
    static long loMask(int prefix) {
        if (prefix <= 64) {
            return 0L;
        }
        return -1L << (128 - prefix);
    }
}
