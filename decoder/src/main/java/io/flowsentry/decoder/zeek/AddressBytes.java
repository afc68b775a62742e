package io.flowsentry.decoder.zeek;

import io.flowsentry.flow.IpAddress;

/**
 * IPv4 and IPv6 literals parsed straight from bytes into the 128-bit form of {@link IpAddress}
 * (IPv4 mapped), with no allocation: the conn.log hot path reads two addresses per line. Accepts what
 * {@link IpAddress#parse(CharSequence, int, int, long[])} accepts: a dotted quad of decimal octets
 * 0..255 (at most three digits each), or RFC 4291 §2.2 text (hex groups of 1-4 digits, one {@code ::},
 * an embedded dotted quad in the last 32 bits); the tests hold the two to the same answers.
 */
final class AddressBytes {

    /** "0.0.0.0" to "255.255.255.255". */
    private static final int MIN_IPV4_LENGTH = 7;
    private static final int MAX_IPV4_LENGTH = 15;
    private static final long DOTS = 0x2e2e_2e2e_2e2e_2e2eL;
    /** The low byte of each 32-bit half: an octet value fits there when it is at most 255. */
    private static final long OCTET_LANES = 0x0000_00ff_0000_00ffL;

    /** IPv6 groups read so far: before the {@code ::} in head, after it in tail (128-bit shift registers). */
    private long headHi;
    private long headLo;
    private long tailHi;
    private long tailLo;
    private int headCount;
    private int tailCount;
    private boolean gap;

    /**
     * @return {@code false}, leaving {@code out} unspecified, when {@code buf[from, to)} is no address
     */
    boolean parse(byte[] buf, int from, int to, long[] out) {
        if (from >= to || to - from > 45) {
            return false;
        }
        long v4 = ipv4(buf, from, to);
        if (v4 >= 0) {
            out[0] = 0;
            out[1] = IpAddress.V4_MAPPED_PREFIX | v4;
            return true;
        }
        return ipv6(buf, from, to, out);
    }

    /**
     * A dotted quad as an unsigned 32-bit value, or -1: four octets of one to three digits, 0..255.
     * Where the 24 bytes from {@code from} are readable, the dots are found in two words at once and
     * the octets are read two per word ({@link SwarDecimal#twoLanesOfFour}); else a byte at a time.
     */
    static long ipv4(byte[] buf, int from, int to) {
        int len = to - from;
        if (len < MIN_IPV4_LENGTH || len > MAX_IPV4_LENGTH) {
            return -1;
        }
        if (!SwarDecimal.canReadWord(buf, from + 2 * SwarDecimal.WORD)) {
            return ipv4ByBytes(buf, from, to);
        }
        // Bit i set where byte i of the text is a dot, then a stop bit at the end: exactly four bits
        // when there are exactly three dots, each bit ending one octet.
        int ends = dotMask(ByteScan.longAt(buf, from)) | dotMask(ByteScan.longAt(buf, from + SwarDecimal.WORD)) << SwarDecimal.WORD;
        ends = (ends & ((1 << len) - 1)) | (1 << len);
        if (Integer.bitCount(ends) != 4) {
            return -1;
        }
        int end0 = Integer.numberOfTrailingZeros(ends);
        ends &= ends - 1;
        int end1 = Integer.numberOfTrailingZeros(ends);
        ends &= ends - 1;
        int end2 = Integer.numberOfTrailingZeros(ends);
        int digits0 = end0;
        int digits1 = end1 - end0 - 1;
        int digits2 = end2 - end1 - 1;
        int digits3 = len - end2 - 1;
        // Each octet one to three digits: digits - 1 and 3 - digits both non-negative, for all four.
        if (((digits0 - 1) | (3 - digits0) | (digits1 - 1) | (3 - digits1) | (digits2 - 1) | (3 - digits2)
                | (digits3 - 1) | (3 - digits3)) < 0) {
            return -1;
        }
        // Two octets per word, each right-aligned in 32 bits: two digit checks and conversions per address.
        long first = SwarDecimal.twoLanesOfFour(SwarDecimal.laneOfFour(buf, from, digits0)
                | SwarDecimal.laneOfFour(buf, from + end0 + 1, digits1) << 32);
        long second = SwarDecimal.twoLanesOfFour(SwarDecimal.laneOfFour(buf, from + end1 + 1, digits2)
                | SwarDecimal.laneOfFour(buf, from + end2 + 1, digits3) << 32);
        if (first < 0 || second < 0 || ((first | second) & ~OCTET_LANES) != 0) {
            return -1;
        }
        return (first & 0xff) << 24 | (first >>> 32) << 16 | (second & 0xff) << 8 | second >>> 32;
    }

    /** One bit per byte of {@code word} (bit i for byte i, little-endian), set where the byte is {@code '.'}. */
    private static int dotMask(long word) {
        return ByteScan.gather(ByteScan.equalFlags(word, DOTS));
    }

    /** {@link #ipv4} a byte at a time. */
    static long ipv4ByBytes(byte[] buf, int from, int to) {
        long value = 0;
        int i = from;
        for (int octets = 1; ; octets++) {
            // Up to three digits, unrolled: the dotted quad is parsed twice per conn.log line.
            if (i >= to) {
                return -1;
            }
            int octet = buf[i] - '0';
            if (Integer.compareUnsigned(octet, 9) > 0) {
                return -1;
            }
            i++;
            if (i < to) {
                int d = buf[i] - '0';
                if (Integer.compareUnsigned(d, 9) <= 0) {
                    octet = octet * 10 + d;
                    i++;
                    if (i < to) {
                        d = buf[i] - '0';
                        if (Integer.compareUnsigned(d, 9) <= 0) {
                            octet = octet * 10 + d;
                            i++;
                        }
                    }
                }
            }
            if (octet > 255) {
                return -1;
            }
            value = (value << 8) | octet;
            if (i == to) {
                return octets == 4 ? value : -1;
            }
            if (buf[i] != '.' || octets == 4) {
                return -1;
            }
            i++;
        }
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }

    private void push(int group) {
        if (gap) {
            tailHi = (tailHi << 16) | (tailLo >>> 48);
            tailLo = (tailLo << 16) | group;
            tailCount++;
        } else {
            headHi = (headHi << 16) | (headLo >>> 48);
            headLo = (headLo << 16) | group;
            headCount++;
        }
    }

    /**
     * Groups before the {@code ::} fill the head from the left, groups after it the tail; the gap
     * between is zeros.
     */
    private boolean ipv6(byte[] buf, int from, int to, long[] out) {
        headHi = 0;
        headLo = 0;
        tailHi = 0;
        tailLo = 0;
        headCount = 0;
        tailCount = 0;
        gap = false;
        int i = from;
        if (buf[i] == ':') {
            if (to - i < 2 || buf[i + 1] != ':') {
                return false;
            }
            gap = true;
            i += 2;
            if (i == to) {
                out[0] = 0;
                out[1] = 0;
                return true;
            }
        }
        while (true) {
            int start = i;
            int group = 0;
            while (i < to && i - start < 5) {
                int h = hex(buf[i]);
                if (h < 0) {
                    break;
                }
                group = (group << 4) | h;
                i++;
            }
            if (i < to && buf[i] == '.') {
                // Embedded IPv4 (RFC 4291 §2.2 form 3): the last two groups.
                long v4 = ipv4(buf, start, to);
                if (v4 < 0 || headCount + tailCount > 6) {
                    return false;
                }
                push((int) (v4 >>> 16));
                push((int) (v4 & 0xffff));
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4 || headCount + tailCount == 8) {
                return false;
            }
            push(group);
            if (i == to) {
                break;
            }
            if (buf[i] != ':') {
                return false;
            }
            i++;
            if (i < to && buf[i] == ':') {
                if (gap) {
                    return false;
                }
                gap = true;
                i++;
                if (i == to) {
                    break;
                }
            } else if (i == to) {
                return false;
            }
        }
        int total = headCount + tailCount;
        if (gap ? total > 7 : total != 8) {
            return false;
        }
        // Head groups move to the top: shift left by 16 bits per group not filled.
        int shift = 16 * (8 - headCount);
        long hi;
        long lo;
        if (headCount == 0) {
            hi = 0;
            lo = 0;
        } else if (shift >= 64) {
            hi = headLo << (shift - 64);
            lo = 0;
        } else if (shift == 0) {
            hi = headHi;
            lo = headLo;
        } else {
            hi = (headHi << shift) | (headLo >>> (64 - shift));
            lo = headLo << shift;
        }
        out[0] = hi | tailHi;
        out[1] = lo | tailLo;
        return true;
    }
}
