package io.flowsentry.store.assets;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An {@link AssetTable} whose contents can be replaced while readers use it: a reload builds the new
 * table aside and publishes it with one volatile write, so a lookup sees either the old table or the new
 * one, never a mix; a reload that fails leaves the current table in place.
 */
public final class ReloadableAssetTable implements AssetTable {

    private volatile AssetTable current;

    public ReloadableAssetTable(AssetTable initial) {
        this.current = initial;
    }

    /** The table now in use. */
    public AssetTable current() {
        return current;
    }

    /** Replaces the table; returns the one it replaced. */
    public AssetTable swap(AssetTable next) {
        AssetTable previous = current;
        current = next;
        return previous;
    }

    /**
     * Loads {@code file} ({@link AssetsCsvLoader}) and swaps it in. On failure the current table stays.
     *
     * @return the new table
     */
    public AssetTable reload(Path file) throws IOException, AssetsFormatException {
        AssetTable next = AssetsCsvLoader.load(file);
        current = next;
        return next;
    }

    @Override
    public AssetEntry lookup(long hi, long lo) {
        return current.lookup(hi, lo);
    }

    @Override
    public int size() {
        return current.size();
    }
}
