package io.flowsentry.flow;

/**
 * IPv4 and IPv6 addresses as one 128-bit value in two {@code long}s, {@code hi} (bits 127..64) and
 * {@code lo} (bits 63..0), so that no address is ever an object on the hot path.
 *
 * <p>IPv4 is held in its IPv4-mapped IPv6 form {@code ::ffff:a.b.c.d} (RFC 4291 §2.5.5.2): {@code hi = 0},
 * {@code lo = 0x0000_ffff_xxxx_xxxx}. An IPv4-mapped address read from the wire is therefore the same
 * value as the IPv4 address, and is written as a dotted quad.
 *
 * <p>Text forms: dotted quad for IPv4, RFC 5952 for IPv6 (lower case, leading zeros dropped, the
 * longest run of two or more zero groups compressed, the first such run on a tie). Parsing never
 * resolves names: it accepts only literal addresses.
 */
public final class IpAddress {

    /** {@code lo} bits 63..32 of an IPv4-mapped address: 0x0000ffff. */
    public static final long V4_MAPPED_PREFIX = 0x0000_ffff_0000_0000L;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private IpAddress() {
    }

    /** The {@code lo} word of the IPv4 address {@code v4} (its {@code hi} word is 0). */
    public static long v4Lo(int v4) {
        return V4_MAPPED_PREFIX | (v4 & 0xffff_ffffL);
    }

    public static boolean isIpv4(long hi, long lo) {
        return hi == 0 && (lo >>> 32) == 0xffffL;
    }

    /** The IPv4 address held in {@code lo}; meaningful only when {@link #isIpv4} holds. */
    public static int ipv4(long lo) {
        return (int) lo;
    }

    /** The canonical text form: dotted quad for IPv4 (and IPv4-mapped), RFC 5952 for IPv6. */
    public static String toString(long hi, long lo) {
        StringBuilder sb = new StringBuilder(39);
        appendTo(sb, hi, lo);
        return sb.toString();
    }

    public static void appendTo(StringBuilder sb, long hi, long lo) {
        if (isIpv4(hi, lo)) {
            appendIpv4(sb, (int) lo);
            return;
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) (hi >>> (48 - 16 * i)) & 0xffff;
            groups[i + 4] = (int) (lo >>> (48 - 16 * i)) & 0xffff;
        }
        // RFC 5952 §4.2: compress the longest run of zero groups, at least two long, the first on a tie.
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLen) {
                sb.append(':');
            }
            appendHexGroup(sb, groups[i]);
        }
    }

    public static void appendIpv4(StringBuilder sb, int v4) {
        sb.append((v4 >>> 24) & 0xff).append('.')
                .append((v4 >>> 16) & 0xff).append('.')
                .append((v4 >>> 8) & 0xff).append('.')
                .append(v4 & 0xff);
    }

    private static void appendHexGroup(StringBuilder sb, int group) {
        boolean started = false;
        for (int shift = 12; shift >= 0; shift -= 4) {
            int nibble = (group >>> shift) & 0xf;
            if (nibble != 0 || started || shift == 0) {
                sb.append(HEX[nibble]);
                started = true;
            }
        }
    }

    /**
     * Parses a literal IPv4 or IPv6 address into {@code out[0]} (hi) and {@code out[1]} (lo).
     *
     * @return {@code false}, leaving {@code out} unspecified, when the text is not an address
     */
    public static boolean parse(CharSequence s, int from, int to, long[] out) {
        if (from >= to || to - from > 45) {
            return false;
        }
        boolean hasColon = false;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                hasColon = true;
                break;
            }
        }
        if (!hasColon) {
            long v4 = parseIpv4(s, from, to);
            if (v4 < 0) {
                return false;
            }
            out[0] = 0;
            out[1] = V4_MAPPED_PREFIX | v4;
            return true;
        }
        return parseIpv6(s, from, to, out);
    }

    public static boolean parse(CharSequence s, long[] out) {
        return parse(s, 0, s.length(), out);
    }

    /**
     * Parses a literal address.
     *
     * @throws IllegalArgumentException naming the text when it is not an IPv4 or IPv6 literal
     */
    public static long[] parse(CharSequence s) {
        long[] out = new long[2];
        if (!parse(s, 0, s.length(), out)) {
            throw new IllegalArgumentException("invalid IP address: '" + s + "' (expected: IPv4 dotted quad or IPv6 literal)");
        }
        return out;
    }

    /** A dotted quad as an unsigned 32-bit value, or -1. */
    static long parseIpv4(CharSequence s, int from, int to) {
        long value = 0;
        int octets = 0;
        int i = from;
        while (i <= to) {
            int start = i;
            int octet = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
                if (i - start > 3) {
                    return -1;
                }
            }
            if (i == start || octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
            octets++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != '.' || octets == 4) {
                return -1;
            }
            i++;
            if (i == to) {
                return -1;
            }
        }
        return octets == 4 ? value : -1;
    }

    private static boolean parseIpv6(CharSequence s, int from, int to, long[] out) {
        int[] groups = new int[8];
        int count = 0;
        int gap = -1;
        int i = from;
        if (s.charAt(i) == ':') {
            if (to - i < 2 || s.charAt(i + 1) != ':') {
                return false;
            }
            gap = 0;
            i += 2;
        }
        while (i < to) {
            if (count == 8) {
                return false;
            }
            int start = i;
            int group = 0;
            while (i < to && Character.digit(s.charAt(i), 16) >= 0 && i - start < 5) {
                group = (group << 4) | Character.digit(s.charAt(i), 16);
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // Embedded IPv4 in the last 32 bits (RFC 4291 §2.2 form 3).
                long v4 = parseIpv4(s, start, to);
                if (v4 < 0 || count > 6) {
                    return false;
                }
                groups[count++] = (int) (v4 >>> 16);
                groups[count++] = (int) (v4 & 0xffff);
                i = to;
                break;
            }
            if (i == start || i - start > 4) {
                return false;
            }
            groups[count++] = group;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = count;
                i++;
            } else if (i == to) {
                return false;
            }
        }
        if (gap >= 0) {
            if (count == 8) {
                return false;
            }
            int tail = count - gap;
            System.arraycopy(groups, gap, groups, 8 - tail, tail);
            for (int k = gap; k < 8 - tail; k++) {
                groups[k] = 0;
            }
        } else if (count != 8) {
            return false;
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) {
            hi = (hi << 16) | groups[k];
            lo = (lo << 16) | groups[k + 4];
        }
        out[0] = hi;
        out[1] = lo;
        return true;
    }

    /** Reads 16 network-order bytes at {@code offset} into {@code out[0..1]}. */
    public static void fromBytes16(byte[] b, int offset, long[] out) {
        out[0] = readLong(b, offset);
        out[1] = readLong(b, offset + 8);
    }

    private static long readLong(byte[] b, int o) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[o + i] & 0xff);
        }
        return v;
    }
}
