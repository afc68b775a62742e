package io.flowsentry.store.assets;

import java.util.List;

/**
 * One CIDR of the assets table with its categories.
 *
 * @param cidr       the entry in canonical text ({@code 10.0.0.0/8}, {@code 2001:db8::/32})
 * @param categories the categories in file order, without duplicates
 */
public record AssetEntry(String cidr, List<String> categories) {

    public AssetEntry {
        categories = List.copyOf(categories);
    }

    public boolean hasCategory(String category) {
        return categories.contains(category);
    }

    /** The detection's {@code dest_category="internal"}. */
    public boolean internal() {
        return categories.contains("internal");
    }
}
