package io.flowsentry.store.assets;

import io.flowsentry.flow.IpAddress;
import java.math.BigInteger;
import java.util.function.Consumer;

/**
 * Parses one item of an assets {@code ip} cell into exact CIDR blocks: a single address
 * ({@code 1.2.3.4}, a /32 or /128), a CIDR ({@code 2.0.0.0/8}, {@code 2001:db8::/32}) or an inclusive
 * range ({@code 192.168.15.9-192.169.15.27}), which is split into the fewest CIDRs that cover exactly it.
 *
 * <p>A CIDR with host bits set ({@code 10.1.2.3/8}) is read as its network ({@code 10.0.0.0/8}), as
 * Splunk's {@code cidrmatch} does.
 */
final class AddressBlocks {

    private static final BigInteger ONE = BigInteger.ONE;

    private AddressBlocks() {
    }

    /**
     * @throws IllegalArgumentException with the reason when the text is no address, CIDR or range
     */
    static void parse(String text, Consumer<Cidr> out) {
        String s = text.strip();
        int slash = s.indexOf('/');
        int dash = s.indexOf('-');
        long[] addr = new long[2];
        if (slash >= 0) {
            if (!IpAddress.parse(s, 0, slash, addr)) {
                throw new IllegalArgumentException("not an IP address before '/'");
            }
            boolean v4 = IpAddress.isIpv4(addr[0], addr[1]) && s.indexOf(':') < 0;
            int max = v4 ? 32 : 128;
            int len = parsePrefixLength(s, slash + 1, max);
            out.accept(Cidr.of(addr[0], addr[1], v4 ? Cidr.V4_MAPPED_BITS + len : len));
            return;
        }
        if (dash >= 0) {
            long[] last = new long[2];
            if (!IpAddress.parse(s, 0, dash, addr) || !IpAddress.parse(s, dash + 1, s.length(), last)) {
                throw new IllegalArgumentException("not a range of two IP addresses");
            }
            boolean firstV4 = IpAddress.isIpv4(addr[0], addr[1]);
            if (firstV4 != IpAddress.isIpv4(last[0], last[1])) {
                throw new IllegalArgumentException("range mixes IPv4 and IPv6");
            }
            BigInteger from = toBig(addr[0], addr[1]);
            BigInteger to = toBig(last[0], last[1]);
            if (from.compareTo(to) > 0) {
                throw new IllegalArgumentException("range starts after it ends");
            }
            splitRange(from, to, out);
            return;
        }
        if (!IpAddress.parse(s, addr)) {
            throw new IllegalArgumentException("not an IP address, CIDR or range");
        }
        out.accept(Cidr.of(addr[0], addr[1], 128));
    }

    private static int parsePrefixLength(String s, int from, int max) {
        if (from >= s.length() || s.length() - from > 3) {
            throw new IllegalArgumentException("prefix length missing or too long (expected: 0 ~ " + max + ")");
        }
        int len = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("prefix length is not a number (expected: 0 ~ " + max + ")");
            }
            len = len * 10 + (c - '0');
        }
        if (len > max) {
            throw new IllegalArgumentException("prefix length " + len + " out of range (expected: 0 ~ " + max + ")");
        }
        return len;
    }

    /**
     * The classic range-to-CIDR split: from {@code from}, take the largest block that is aligned on
     * {@code from} and does not pass {@code to}; repeat from the address after it.
     */
    static void splitRange(BigInteger from, BigInteger to, Consumer<Cidr> out) {
        BigInteger cur = from;
        while (cur.compareTo(to) <= 0) {
            // Alignment: the number of trailing zero bits of cur (128 for address 0).
            int hostBits = cur.signum() == 0 ? 128 : cur.getLowestSetBit();
            BigInteger remaining = to.subtract(cur).add(ONE);
            // bitLength - 1 = floor(log2(remaining)): the largest power of two that fits.
            hostBits = Math.min(hostBits, remaining.bitLength() - 1);
            out.accept(Cidr.of(cur.shiftRight(64).longValue(), cur.longValue(), 128 - hostBits));
            cur = cur.add(ONE.shiftLeft(hostBits));
        }
    }

    static BigInteger toBig(long hi, long lo) {
        return new BigInteger(1, new byte[] {
                (byte) (hi >>> 56), (byte) (hi >>> 48), (byte) (hi >>> 40), (byte) (hi >>> 32),
                (byte) (hi >>> 24), (byte) (hi >>> 16), (byte) (hi >>> 8), (byte) hi,
                (byte) (lo >>> 56), (byte) (lo >>> 48), (byte) (lo >>> 40), (byte) (lo >>> 32),
                (byte) (lo >>> 24), (byte) (lo >>> 16), (byte) (lo >>> 8), (byte) lo});
    }
}
