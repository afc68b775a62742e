package io.flowsentry.collector.detect;

import java.util.List;

/**
 * A short, fixed list of CIDR blocks searched linearly: for the built-in sets of a few dozen blocks a
 * linear scan over a flat array is a handful of compares and no pointer chasing.
 */
public final class CidrList implements AddressSet {

    private final long[] his;
    private final long[] los;
    private final long[] hiMasks;
    private final long[] loMasks;
    private final List<Cidr> blocks;

    public CidrList(List<Cidr> blocks) {
        this.blocks = List.copyOf(blocks);
        int n = this.blocks.size();
        his = new long[n];
        los = new long[n];
        hiMasks = new long[n];
        loMasks = new long[n];
        for (int i = 0; i < n; i++) {
            Cidr c = this.blocks.get(i);
            his[i] = c.hi();
            los[i] = c.lo();
            hiMasks[i] = Cidr.hiMask(c.prefixLength());
            loMasks[i] = Cidr.loMask(c.prefixLength());
        }
    }

    public static CidrList of(String... cidrs) {
        Cidr[] parsed = new Cidr[cidrs.length];
        for (int i = 0; i < cidrs.length; i++) {
            parsed[i] = Cidr.parse(cidrs[i]);
        }
        return new CidrList(List.of(parsed));
    }

    @Override
    public boolean contains(long hi, long lo) {
        for (int i = 0; i < his.length; i++) {
            if ((hi & hiMasks[i]) == his[i] && (lo & loMasks[i]) == los[i]) {
                return true;
            }
        }
        return false;
    }

    public List<Cidr> blocks() {
        return blocks;
    }
}
