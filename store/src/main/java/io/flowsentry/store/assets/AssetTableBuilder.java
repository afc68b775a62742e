package io.flowsentry.store.assets;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Collects CIDR entries with their categories and builds an immutable {@link AssetTable}.
 *
 * <p>The same CIDR given twice (two rows, or a range and a CIDR that split into the same block) is one
 * entry whose categories are the union of both, in first-seen order: Splunk ES merges asset rows that
 * match the same key the same way, and it keeps a later row from silently hiding an earlier one.
 */
public final class AssetTableBuilder {

    private final Map<Cidr, List<String>> entries = new LinkedHashMap<>();
    /** Equal category lists shared: an assets file has a few distinct lists over many rows. */
    private final Map<List<String>, List<String>> lists = new HashMap<>();

    public AssetTableBuilder add(Cidr cidr, Collection<String> categories) {
        List<String> given = shared(categories);
        List<String> present = entries.putIfAbsent(cidr, given);
        if (present != null && present != given) {
            LinkedHashSet<String> union = new LinkedHashSet<>(present);
            union.addAll(given);
            entries.put(cidr, shared(union));
        }
        return this;
    }

    private List<String> shared(Collection<String> categories) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(categories));
        return lists.computeIfAbsent(distinct, l -> l);
    }

    public int size() {
        return entries.size();
    }

    public AssetTable build() {
        List<Cidr> cidrs = new ArrayList<>(entries.size());
        List<AssetEntry> assetEntries = new ArrayList<>(entries.size());
        for (Map.Entry<Cidr, List<String>> e : entries.entrySet()) {
            cidrs.add(e.getKey());
            assetEntries.add(new AssetEntry(e.getKey().toString(), e.getValue()));
        }
        return IntervalAssetTable.build(cidrs, assetEntries);
    }
}
