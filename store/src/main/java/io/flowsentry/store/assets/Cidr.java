package io.flowsentry.store.assets;

import io.flowsentry.flow.IpAddress;

/**
 * One CIDR block in the 128-bit address space of {@link IpAddress}: IPv4 blocks are held IPv4-mapped
 * ({@code 10.0.0.0/8} is {@code ::ffff:10.0.0.0/104}), so one table holds both families.
 *
 * @param hi           network address, bits 127..64 (host bits cleared)
 * @param lo           network address, bits 63..0 (host bits cleared)
 * @param prefixLength 0..128, in the 128-bit space
 */
public record Cidr(long hi, long lo, int prefixLength) {

    /** Prefix length of the IPv4-mapped block {@code ::ffff:0:0/96} (RFC 4291 §2.5.5.2). */
    static final int V4_MAPPED_BITS = 96;

    public Cidr {
        if (prefixLength < 0 || prefixLength > 128) {
            throw new IllegalArgumentException("invalid prefix length: " + prefixLength + " (expected: 0 ~ 128)");
        }
        hi &= maskHi(prefixLength);
        lo &= maskLo(prefixLength);
    }

    /** The block of {@code prefixLength} bits holding the address; host bits are cleared. */
    public static Cidr of(long hi, long lo, int prefixLength) {
        return new Cidr(hi, lo, prefixLength);
    }

    /** An IPv4 block: {@code v4} with an IPv4 prefix length 0..32. */
    public static Cidr ofIpv4(int v4, int ipv4PrefixLength) {
        return new Cidr(0, IpAddress.v4Lo(v4), V4_MAPPED_BITS + ipv4PrefixLength);
    }

    static long maskHi(int prefixLength) {
        if (prefixLength >= 64) {
            return -1L;
        }
        return prefixLength == 0 ? 0 : -1L << (64 - prefixLength);
    }

    static long maskLo(int prefixLength) {
        if (prefixLength <= 64) {
            return 0;
        }
        return prefixLength == 128 ? -1L : -1L << (128 - prefixLength);
    }

    /** Last address of the block, bits 127..64. */
    public long lastHi() {
        return hi | ~maskHi(prefixLength);
    }

    /** Last address of the block, bits 63..0. */
    public long lastLo() {
        return lo | ~maskLo(prefixLength);
    }

    public boolean contains(long addrHi, long addrLo) {
        return (addrHi & maskHi(prefixLength)) == hi && (addrLo & maskLo(prefixLength)) == lo;
    }

    /** True for a block inside {@code ::ffff:0:0/96}, written in IPv4 form. */
    public boolean isIpv4() {
        return prefixLength >= V4_MAPPED_BITS && IpAddress.isIpv4(hi, lo);
    }

    /** {@code 10.0.0.0/8} for IPv4 blocks, {@code 2001:db8::/32} (RFC 5952) otherwise. */
    @Override
    public String toString() {
        int shown = isIpv4() ? prefixLength - V4_MAPPED_BITS : prefixLength;
        return IpAddress.toString(hi, lo) + "/" + shown;
    }
}
