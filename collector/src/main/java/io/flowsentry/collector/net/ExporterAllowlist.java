package io.flowsentry.collector.net;

import java.util.List;

/**
 * Which exporters may send flows. Empty means every sender is allowed (the default, announced by one
 * warning at start). Datagrams from other senders are counted as denied and dropped before decoding.
 */
public final class ExporterAllowlist {

    private static final ExporterAllowlist ALLOW_ALL = new ExporterAllowlist(new CidrBlock[0]);

    private final CidrBlock[] blocks;

    private ExporterAllowlist(CidrBlock[] blocks) {
        this.blocks = blocks;
    }

    public static ExporterAllowlist allowAll() {
        return ALLOW_ALL;
    }

    /** @throws IllegalArgumentException naming the first entry that is not a CIDR */
    public static ExporterAllowlist of(List<String> cidrs) {
        return new ExporterAllowlist(cidrs.stream().map(CidrBlock::parse).toArray(CidrBlock[]::new));
    }

    public boolean allowsAll() {
        return blocks.length == 0;
    }

    /** Allocates nothing: a linear scan, fine for the handful of exporters an allowlist names. */
    public boolean allows(long hi, long lo) {
        if (blocks.length == 0) {
            return true;
        }
        for (CidrBlock block : blocks) {
            if (block.contains(hi, lo)) {
                return true;
            }
        }
        return false;
    }

    public List<CidrBlock> blocks() {
        return List.of(blocks);
    }
}
