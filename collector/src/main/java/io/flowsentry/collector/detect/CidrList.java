package io.flowsentry.collector.detect;

import io.flowsentry.store.assets.Cidr;
import java.util.List;

/** A short list of CIDR blocks searched linearly (a few compares per block, no pointer chasing). */
public final class CidrList implements AddressSet {

    private final Cidr[] blocks;

    public CidrList(List<Cidr> blocks) {
        this.blocks = blocks.toArray(new Cidr[0]);
    }

    public static CidrList of(String... cidrs) {
        Cidr[] parsed = new Cidr[cidrs.length];
        for (int i = 0; i < cidrs.length; i++) {
            parsed[i] = CidrText.parse(cidrs[i]);
        }
        return new CidrList(List.of(parsed));
    }

    @Override
    public boolean contains(long hi, long lo) {
        for (Cidr block : blocks) {
            if (block.contains(hi, lo)) {
                return true;
            }
        }
        return false;
    }

    public List<Cidr> blocks() {
        return List.of(blocks);
    }
}
