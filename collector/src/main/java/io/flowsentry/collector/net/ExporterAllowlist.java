package io.flowsentry.collector.net;

import io.flowsentry.collector.detect.CidrText;
import io.flowsentry.store.assets.Cidr;

import java.util.Arrays;
import java.util.List;

/**
 * Which exporters may send flows. Empty means every sender is allowed (the default, announced by one
 * warning at start). Datagrams from other senders are counted as denied and dropped before decoding.
 */
public final class ExporterAllowlist {

    private static final ExporterAllowlist ALLOW_ALL = new ExporterAllowlist(new Cidr[0]);

    private final Cidr[] blocks;

    private ExporterAllowlist(Cidr[] blocks) {
        this.blocks = blocks;
    }

    public static ExporterAllowlist allowAll() {
        return ALLOW_ALL;
    }

    /**
     * @param cidrs {@code 10.0.0.0/8}, {@code 2001:db8::/32}, or single addresses, as the configuration
     *              writes them ({@link CidrText}: host bits set are refused as a likely typo)
     * @throws IllegalArgumentException naming the first entry that is not a CIDR
     */
    public static ExporterAllowlist of(List<String> cidrs) {
        return new ExporterAllowlist(cidrs.stream().map(CidrText::parse).toArray(Cidr[]::new));
    }

    /** This list and one more block; allowing all stays allowing all. */
    public ExporterAllowlist including(String cidr) {
        if (allowsAll()) {
            return this;
        }
        Cidr[] more = Arrays.copyOf(blocks, blocks.length + 1);
        more[blocks.length] = CidrText.parse(cidr);
        return new ExporterAllowlist(more);
    }

    public boolean allowsAll() {
        return blocks.length == 0;
    }

    /** Allocates nothing: a linear scan, fine for the handful of exporters an allowlist names. */
    public boolean allows(long hi, long lo) {
        if (blocks.length == 0) {
            return true;
        }
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
