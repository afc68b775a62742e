package io.flowsentry.store.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The interval table against the definition of longest-prefix match (a linear scan for the longest
 * containing block), on random nested prefixes and on addresses at and around every block boundary.
 */
class IntervalAssetTableTest {

    static Cidr naive(List<Cidr> cidrs, long hi, long lo) {
        Cidr best = null;
        for (Cidr c : cidrs) {
            if (c.contains(hi, lo) && (best == null || c.prefixLength() > best.prefixLength())) {
                best = c;
            }
        }
        return best;
    }

    enum Families { MIXED, IPV4_ONLY, IPV6_IN_ONE_PREFIX }

    @ParameterizedTest
    @EnumSource(Families.class)
    void agreesWithALinearScanAtEveryBoundary(Families families) {
        Random random = new Random(4);
        for (int round = 0; round < 20; round++) {
            AssetTableBuilder builder = new AssetTableBuilder();
            List<Cidr> cidrs = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Cidr c;
                boolean ipv4 = families == Families.IPV4_ONLY || (families == Families.MIXED && random.nextBoolean());
                if (ipv4) {
                    // IPv4, clustered in 10.0.0.0/8 and 0/8 so that blocks nest
                    int v4 = (random.nextBoolean() ? 0x0a000000 : 0) | random.nextInt(1 << 24);
                    c = Cidr.ofIpv4(v4, 8 + random.nextInt(25));
                } else {
                    long hi = 0x20010db8_00000000L | (random.nextLong() & 0xffff_ffffL);
                    boolean zeroHi = families == Families.MIXED && random.nextInt(8) == 0;
                    // IPV6_IN_ONE_PREFIX: all in 2001:db8::/32, so the first-level index skips 32 shared bits
                    c = Cidr.of(zeroHi ? 0 : hi, random.nextLong(), families == Families.MIXED ? random.nextInt(129)
                            : 32 + random.nextInt(97));
                }
                if (!cidrs.contains(c)) {
                    cidrs.add(c);
                }
                builder.add(c, List.of("c" + i));
            }
            AssetTable table = builder.build();
            assertThat(table.size()).isEqualTo(cidrs.size());
            for (Cidr c : cidrs) {
                List<BigInteger> probes = new ArrayList<>(probes(c));
                probes.add(BigInteger.ZERO);
                probes.add(AddressBlocks.toBig(0, 0x0000ffff_0a000001L)); // 10.0.0.1
                probes.add(AddressBlocks.toBig(0x20010db7_ffffffffL, -1L));
                probes.add(AddressBlocks.toBig(0x20010db9_00000000L, 0));
                probes.add(AddressBlocks.toBig(-1L, -1L));
                for (BigInteger probe : probes) {
                    long hi = probe.shiftRight(64).longValue();
                    long lo = probe.longValue();
                    Cidr expected = naive(cidrs, hi, lo);
                    AssetEntry actual = table.lookup(hi, lo);
                    assertThat(actual == null ? null : actual.cidr())
                            .as("lookup of %s", probe.toString(16))
                            .isEqualTo(expected == null ? null : expected.toString());
                }
            }
        }
    }

    private static List<BigInteger> probes(Cidr c) {
        BigInteger max = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
        BigInteger first = AddressBlocks.toBig(c.hi(), c.lo());
        BigInteger last = AddressBlocks.toBig(c.lastHi(), c.lastLo());
        List<BigInteger> out = new ArrayList<>();
        for (BigInteger p : List.of(first.subtract(BigInteger.ONE), first, first.add(BigInteger.ONE),
                last.subtract(BigInteger.ONE), last, last.add(BigInteger.ONE))) {
            if (p.signum() >= 0 && p.compareTo(max) <= 0) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * IPv4 /16 buckets holding 0 to 12 block starts each (the table keeps up to four in the bucket's slot
     * and searches the rest), blocks touching the first and last address of a bucket, and every address
     * around each boundary.
     */
    @Test
    void ipv4BucketsWithFewAndManyStartsAgreeWithALinearScan() {
        Random random = new Random(16);
        AssetTableBuilder builder = new AssetTableBuilder();
        List<Cidr> cidrs = new ArrayList<>();
        for (int bucket = 0; bucket < 13; bucket++) {
            int base = 0x0a000000 | (bucket << 16);
            for (int i = 0; i < bucket; i++) {
                int len = 20 + random.nextInt(13);
                int address = base | (random.nextInt(1 << 16) & (int) (0xffffffffL << (32 - len)));
                Cidr c = Cidr.ofIpv4(address, len);
                if (!cidrs.contains(c)) {
                    cidrs.add(c);
                    builder.add(c, List.of("b" + bucket + "-" + i));
                }
            }
        }
        for (Cidr c : List.of(Cidr.ofIpv4(0x0a0dffff, 32), Cidr.ofIpv4(0x0a0e0000, 32), Cidr.ofIpv4(0x0a0f0000, 16),
                Cidr.ofIpv4(0x0a100000, 15), Cidr.ofIpv4(0x0a11ff00, 24), Cidr.ofIpv4(0, 32),
                Cidr.ofIpv4(0xffffffff, 32))) {
            cidrs.add(c);
            builder.add(c, List.of(c.toString()));
        }
        AssetTable table = builder.build();
        for (Cidr c : cidrs) {
            for (BigInteger probe : probes(c)) {
                long lo = probe.longValue();
                if (probe.shiftRight(64).signum() != 0 || (lo >>> 32) != 0xffffL) {
                    continue; // outside the IPv4-mapped range
                }
                Cidr expected = naive(cidrs, 0, lo);
                AssetEntry actual = table.lookup(0, lo);
                assertThat(actual == null ? null : actual.cidr()).as("lookup of %s", probe.toString(16))
                        .isEqualTo(expected == null ? null : expected.toString());
            }
        }
        for (int i = 0; i < 200_000; i++) {
            long lo = 0x0000ffff_0a000000L | random.nextInt(1 << 21);
            Cidr expected = naive(cidrs, 0, lo);
            AssetEntry actual = table.lookup(0, lo);
            assertThat(actual == null ? null : actual.cidr()).isEqualTo(expected == null ? null : expected.toString());
        }
    }

    /**
     * The first and last address of every first-level bucket (each IPv4 /16, and each of the 65,536 IPv6
     * buckets: the top 16 bits for a mixed table, bits 32-47 for a table inside 2001:db8::/32), for tables
     * with blocks starting exactly at a bucket's first address, ending at a bucket's last, spanning many
     * buckets, and in the last bucket.
     */
    @ParameterizedTest
    @EnumSource(Families.class)
    void everyBucketsFirstAndLastAddressAgreeWithALinearScan(Families families) {
        Random random = new Random(65_536);
        List<Cidr> cidrs = new ArrayList<>();
        if (families != Families.IPV6_IN_ONE_PREFIX) {
            cidrs.addAll(List.of(Cidr.ofIpv4(0x0a000000, 8), Cidr.ofIpv4(0x0a010000, 16), Cidr.ofIpv4(0x0a030000, 15),
                    Cidr.ofIpv4(0x0a05ff00, 24), Cidr.ofIpv4(0x0a060000, 32), Cidr.ofIpv4(0x0a07ffff, 32),
                    Cidr.ofIpv4(0xc0a80000, 16), Cidr.ofIpv4(0xffff0000, 16), Cidr.ofIpv4(0xffffffff, 32)));
            for (int i = 0; i < 40; i++) {
                cidrs.add(Cidr.ofIpv4(random.nextInt(), 12 + random.nextInt(21)));
            }
        }
        // IPv6: the index's bucket is the 16 bits after the shared leading bits (none in a mixed table).
        int shared = families == Families.IPV6_IN_ONE_PREFIX ? 32 : 0;
        long base = families == Families.IPV6_IN_ONE_PREFIX ? 0x20010db8_00000000L : 0;
        long bucketStep = 1L << (64 - shared - 16);
        if (families != Families.IPV4_ONLY) {
            long within = families == Families.IPV6_IN_ONE_PREFIX ? 0xffff_ffffL : -1L;
            for (int i = 0; i < 40; i++) {
                cidrs.add(Cidr.of(base | (random.nextLong() & within), random.nextLong(), shared + random.nextInt(129 - shared)));
            }
            cidrs.add(Cidr.of(base + 0x2001 * bucketStep, 0, shared + 16));       // exactly one bucket
            cidrs.add(Cidr.of(base + 0x2005 * bucketStep, 0, 128));               // a bucket's first address
            cidrs.add(Cidr.of(base + 0x2008 * bucketStep - 1, -1L, 128));         // a bucket's last address
            cidrs.add(Cidr.of(base + 0xffff * bucketStep, 0, shared + 16));       // the last bucket
        }
        AssetTableBuilder builder = new AssetTableBuilder();
        List<Cidr> distinct = new ArrayList<>();
        for (Cidr c : cidrs) {
            if (!distinct.contains(c)) {
                distinct.add(c);
                builder.add(c, List.of(c.toString()));
            }
        }
        AssetTable table = builder.build();
        for (int bucket = 0; bucket < 65_536; bucket++) {
            long first = 0x0000ffff_00000000L | ((long) bucket << 16);
            assertLookup(table, distinct, 0, first);
            assertLookup(table, distinct, 0, first | 0xffff);
        }
        if (families != Families.IPV4_ONLY) {
            for (long bucket = 0; bucket < 65_536; bucket++) {
                long hi = base + bucket * bucketStep;
                assertLookup(table, distinct, hi, 0);
                assertLookup(table, distinct, hi + bucketStep - 1, -1L);
            }
        }
    }

    private static void assertLookup(AssetTable table, List<Cidr> cidrs, long hi, long lo) {
        Cidr expected = naive(cidrs, hi, lo);
        AssetEntry actual = table.lookup(hi, lo);
        String want = expected == null ? null : expected.toString();
        String got = actual == null ? null : actual.cidr();
        if (!Objects.equals(want, got)) {
            assertThat(got).as("lookup of %016x:%016x", hi, lo).isEqualTo(want);
        }
    }

    @Test
    void slotFillWritesEveryBucketOfTheStretchAndNothingElse() {
        for (int[] range : new int[][] {{0, 0}, {0, 1}, {3, 4}, {3, 10}, {7, 64}, {0, 64}, {63, 64}}) {
            long[] slots = new long[128];
            Arrays.fill(slots, 99L);
            IntervalAssetTable.fillSlots(slots, range[0], range[1], 5L << 32, -1L);
            for (int bucket = 0; bucket < 64; bucket++) {
                boolean inside = bucket >= range[0] && bucket < range[1];
                assertThat(slots[2 * bucket]).as("bucket %d of %s", bucket, Arrays.toString(range))
                        .isEqualTo(inside ? 5L << 32 : 99L);
                assertThat(slots[2 * bucket + 1]).as("bucket %d of %s", bucket, Arrays.toString(range))
                        .isEqualTo(inside ? -1L : 99L);
            }
        }
    }

    @Test
    void emptyTableFindsNothing() {
        AssetTable t = AssetTable.empty();
        assertThat(t.lookup(0, 0)).isNull();
        assertThat(t.lookup(-1, -1)).isNull();
        assertThat(t.lookup(0, 0x0000ffff_0a000001L)).isNull();
    }

    @Test
    void rangeSplitIsExactAndMinimal() {
        List<Cidr> out = new ArrayList<>();
        AddressBlocks.parse("0.0.0.0-255.255.255.255", out::add);
        assertThat(out).extracting(Cidr::toString).containsExactly("0.0.0.0/0");
        out.clear();
        AddressBlocks.parse("::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", out::add);
        assertThat(out).extracting(Cidr::toString).containsExactly("::/0");
        out.clear();
        AddressBlocks.parse("10.0.0.1-10.0.0.6", out::add);
        assertThat(out).extracting(Cidr::toString)
                .containsExactly("10.0.0.1/32", "10.0.0.2/31", "10.0.0.4/31", "10.0.0.6/32");
        out.clear();
        AddressBlocks.parse("2001:db8::ffff-2001:db8::1:0", out::add);
        assertThat(out).extracting(Cidr::toString).containsExactly("2001:db8::ffff/128", "2001:db8::1:0/128");
    }
}
