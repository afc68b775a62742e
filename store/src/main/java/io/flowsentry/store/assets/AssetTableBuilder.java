package io.flowsentry.store.assets;

import java.util.ArrayList;
import java.util.Collection;
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

    private final Map<Cidr, LinkedHashSet<String>> entries = new LinkedHashMap<>();

    public AssetTableBuilder add(Cidr cidr, Collection<String> categories) {
        entries.computeIfAbsent(cidr, c -> new LinkedHashSet<>()).addAll(categories);
        return this;
    }

    public int size() {
        return entries.size();
    }

    public AssetTable build() {
        List<Cidr> cidrs = new ArrayList<>(entries.size());
        List<AssetEntry> assetEntries = new ArrayList<>(entries.size());
        for (Map.Entry<Cidr, LinkedHashSet<String>> e : entries.entrySet()) {
            cidrs.add(e.getKey());
            assetEntries.add(new AssetEntry(e.getKey().toString(), List.copyOf(e.getValue())));
        }
        return IntervalAssetTable.build(cidrs, assetEntries);
    }
}
