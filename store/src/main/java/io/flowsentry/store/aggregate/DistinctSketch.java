package io.flowsentry.store.aggregate;

/**
 * A HyperLogLog (Flajolet et al. 2007) of 128 one-byte registers packed eight to a {@code long}: 16 longs,
 * 128 bytes. Standard error 1.04 / sqrt(128) = 9.2 %. Registers merge by maximum, so the sketch of a set
 * does not depend on the order values were added or on how partial sketches were combined.
 */
final class DistinctSketch {

    /** 128 registers = 2^7: the top 7 bits of the hash choose one. */
    static final int REGISTERS = 128;
    static final int WORDS = REGISTERS / 8;
    private static final int INDEX_BITS = 7;
    /** alpha_m for m = 128: 0.7213 / (1 + 1.079 / 128). */
    private static final double ALPHA_M2 = 0.7213 / (1 + 1.079 / REGISTERS) * REGISTERS * REGISTERS;

    private DistinctSketch() {
    }

    /** Register index 0..127 of a hash. */
    static int register(long hash) {
        return (int) (hash >>> (64 - INDEX_BITS));
    }

    /** Rank 1..58: one more than the leading zeros of the 57 bits left after the index. */
    static int rank(long hash) {
        long rest = hash << INDEX_BITS;
        return rest == 0 ? 64 - INDEX_BITS + 1 : Long.numberOfLeadingZeros(rest) + 1;
    }

    /** The word holding {@code register} after raising that register to at least {@code rank}. */
    static long raise(long word, int register, int rank) {
        int shift = (register & 7) * 8;
        long current = (word >>> shift) & 0xff;
        return rank > current ? (word & ~(0xffL << shift)) | ((long) rank << shift) : word;
    }

    static void add(long[] words, long hash) {
        int r = register(hash);
        words[r >>> 3] = raise(words[r >>> 3], r, rank(hash));
    }

    /** Merges {@code from} into {@code into}, register by register. */
    static long maxBytes(long into, long from) {
        long out = 0;
        for (int shift = 0; shift < 64; shift += 8) {
            long a = (into >>> shift) & 0xff;
            long b = (from >>> shift) & 0xff;
            out |= Math.max(a, b) << shift;
        }
        return out;
    }

    static long estimate(long[] words) {
        double sum = 0;
        int zeros = 0;
        for (long word : words) {
            for (int shift = 0; shift < 64; shift += 8) {
                int reg = (int) (word >>> shift) & 0xff;
                sum += Math.scalb(1.0, -reg);
                if (reg == 0) {
                    zeros++;
                }
            }
        }
        double e = ALPHA_M2 / sum;
        if (e <= 2.5 * REGISTERS && zeros > 0) {
            e = REGISTERS * Math.log((double) REGISTERS / zeros); // linear counting for small sets
        }
        return Math.round(e);
    }

    /** 64-bit finaliser of MurmurHash3 (fmix64). */
    static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    static long hashAddress(long hi, long lo) {
        return mix(mix(hi) ^ lo);
    }

    static long hashPort(int port) {
        return mix(port + 0x9e3779b97f4a7c15L);
    }
}
