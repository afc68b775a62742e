package io.flowsentry.bench.store;

import io.flowsentry.flow.IpAddress;
import java.util.SplittableRandom;

/**
 * Synthetic assets tables and probe addresses for the store benchmarks, from a fixed seed.
 *
 * <p>IPv4 prefixes: lengths 16..32 weighted like a routing table's tail (half /24, the rest spread), at
 * random addresses. IPv6 prefixes: lengths 32..64 inside 2000::/3 (global unicast), plus some /128s.
 * Probes: half are addresses inside a random prefix of the set (hits), half uniformly random.
 */
final class PrefixSets {

    private PrefixSets() {
    }

    /** Two-column CSV text ({@code cidr,category}) of {@code n} prefixes of one family. */
    static String csv(int n, boolean ipv6, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(n * 32).append("cidr,category\n");
        for (int i = 0; i < n; i++) {
            if (ipv6) {
                long hi = 0x2000_0000_0000_0000L | (r.nextLong() >>> 3);
                int len = r.nextInt(16) == 0 ? 128 : 32 + r.nextInt(33);
                IpAddress.appendTo(sb, hi, len == 128 ? r.nextLong() : 0);
                sb.append('/').append(len);
            } else {
                int len = r.nextBoolean() ? 24 : 16 + r.nextInt(17);
                IpAddress.appendIpv4(sb, r.nextInt());
                sb.append('/').append(len);
            }
            sb.append(",c").append(i % 7).append(i % 3 == 0 ? "|internal" : "").append('\n');
        }
        return sb.toString();
    }

    /** Probe addresses: {@code out[2i]} = hi, {@code out[2i+1]} = lo. */
    static long[] probes(String csv, int count, boolean ipv6, long seed) {
        String[] lines = csv.split("\n");
        SplittableRandom r = new SplittableRandom(seed);
        long[] out = new long[count * 2];
        long[] addr = new long[2];
        for (int i = 0; i < count; i++) {
            if (r.nextBoolean()) {
                String line = lines[1 + r.nextInt(lines.length - 1)];
                String cidr = line.substring(0, line.indexOf(','));
                int slash = cidr.indexOf('/');
                IpAddress.parse(cidr, 0, slash, addr);
                int hostBits = (ipv6 ? 128 : 32) - Integer.parseInt(cidr.substring(slash + 1));
                long host = hostBits == 0 ? 0 : r.nextLong() & (hostBits >= 64 ? -1L : (1L << hostBits) - 1);
                out[2 * i] = addr[0];
                out[2 * i + 1] = addr[1] | host;
            } else if (ipv6) {
                out[2 * i] = 0x2000_0000_0000_0000L | (r.nextLong() >>> 3);
                out[2 * i + 1] = r.nextLong();
            } else {
                out[2 * i] = 0;
                out[2 * i + 1] = IpAddress.v4Lo(r.nextInt());
            }
        }
        return out;
    }
}
