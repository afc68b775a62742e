package io.flowsentry.collector.net;

import io.flowsentry.flow.IpAddress;

/**
 * An address block in the 128-bit {@link IpAddress} space. An IPv4 block {@code a.b.c.d/n} is held as the
 * IPv4-mapped block {@code ::ffff:a.b.c.d/(96+n)}, so IPv4 senders (which the listeners report in that form)
 * match it and IPv6 ones never do.
 *
 * @param hi           bits 127..64 of the network address, host bits cleared
 * @param lo           bits 63..0 of the network address, host bits cleared
 * @param prefixLength 0 .. 128, in the 128-bit space
 */
public record CidrBlock(long hi, long lo, int prefixLength) {

    /** Parses {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or a single address (/32 or /128). */
    public static CidrBlock parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String addressText = slash < 0 ? s : s.substring(0, slash);
        long[] hiLo = new long[2];
        if (!IpAddress.parse(addressText, hiLo)) {
            throw new IllegalArgumentException("invalid CIDR: '" + text + "' (expected: address/prefix, e.g. 10.0.0.0/8)");
        }
        boolean v4 = addressText.indexOf(':') < 0;
        int max = v4 ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw new IllegalArgumentException("invalid prefix length in CIDR '" + text + "' (expected: 0 ~ " + max + ")");
            }
        }
        int prefix128 = v4 ? 96 + prefix : prefix;
        return new CidrBlock(hiLo[0] & mask(prefix128, 0), hiLo[1] & mask(prefix128, 64), prefix128);
    }

    public boolean contains(long addressHi, long addressLo) {
        return (addressHi & mask(prefixLength, 0)) == hi && (addressLo & mask(prefixLength, 64)) == lo;
    }

    /** The mask of the 64-bit word starting at bit {@code wordStart} (0 for hi, 64 for lo) for a prefix. */
    private static long mask(int prefix, int wordStart) {
        int bits = Math.max(0, Math.min(64, prefix - wordStart));
        return bits == 0 ? 0L : -1L << (64 - bits);
    }

    @Override
    public String toString() {
        if (IpAddress.isIpv4(hi, lo) && prefixLength >= 96) {
            return IpAddress.toString(hi, lo) + "/" + (prefixLength - 96);
        }
        return IpAddress.toString(hi, lo) + "/" + prefixLength;
    }
}
