package io.flowsentry.store.assets;

/**
 * The organisation's own networks: CIDR entries with categories, as the Splunk ES
 * {@code assets_by_cidr} lookup holds them. Immutable once built; reloading builds a new table.
 */
public interface AssetTable {

    /**
     * The most specific entry holding the address ({@link io.flowsentry.flow.IpAddress} form; IPv4 is
     * IPv4-mapped), or {@code null} when none does. Allocates nothing.
     */
    AssetEntry lookup(long hi, long lo);

    /** Number of CIDR entries (a range counts once per CIDR it was split into). */
    int size();

    /** A table without entries: every lookup gives {@code null}. */
    static AssetTable empty() {
        return new AssetTableBuilder().build();
    }
}
