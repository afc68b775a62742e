package io.flowsentry.collector.config;

import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.collector.detect.SuppressionRules;
import io.flowsentry.store.aggregate.AggregateLimits;
import io.flowsentry.store.assets.AssetEntry;
import io.flowsentry.store.assets.AssetTable;
import io.flowsentry.store.assets.AssetsCsvLoader;
import io.flowsentry.store.assets.AssetsFormatException;
import io.flowsentry.store.assets.BuiltinAssets;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The detection's parts built from a configuration, the same for {@code run}, {@code reload} and
 * {@code scan}: the assets table, the predicate, the suppression rules, the store's bounds, the engine's
 * state directory.
 */
public final class DetectionSetup {

    private DetectionSetup() {
    }

    /**
     * The assets table of {@code assets:}: the file, the built-in set, both (the file's entry wins where
     * both hold an address), or {@code null} for neither.
     *
     * @throws ConfigException {@code assets.file: ...} when the file cannot be read or does not parse
     */
    public static AssetTable assets(FlowsentryConfig.Assets assets) {
        AssetTable file = null;
        if (assets.file() != null) {
            try {
                file = AssetsCsvLoader.load(assets.file());
            } catch (IOException e) {
                throw new ConfigException("assets.file: cannot read '" + assets.file() + "' ("
                        + e.getClass().getSimpleName() + ")", e);
            } catch (AssetsFormatException e) {
                throw new ConfigException("assets.file: " + e.getMessage(), e);
            }
        }
        AssetTable builtin = assets.builtin() == null ? null : BuiltinAssets.named(assets.builtin());
        if (file == null || builtin == null) {
            return file != null ? file : builtin;
        }
        return new FileThenBuiltin(file, builtin);
    }

    public static SmbPredicate predicate(FlowsentryConfig config) {
        return new SmbPredicate(config.detection().profile(), assets(config.assets()));
    }

    public static SuppressionRules suppressionRules(FlowsentryConfig config) {
        return new SuppressionRules(config.detection().suppress());
    }

    /** The store's bounds: addresses and ports from {@code store:}, apps and dictionary at the store's defaults. */
    public static AggregateLimits aggregateLimits(FlowsentryConfig config) {
        AggregateLimits d = AggregateLimits.DEFAULTS;
        return new AggregateLimits(config.store().maxDestIps(), config.store().maxDestPorts(), d.maxApps(),
                d.maxDictionary());
    }

    /** {@code <data-dir>/engine}: the early-alert ledger and the published-through checkpoint. */
    public static Path engineStateDir(FlowsentryConfig config) {
        return config.dataDir().resolve("engine");
    }

    /** The file's table first; the built-in set for addresses the file does not hold. */
    private record FileThenBuiltin(AssetTable file, AssetTable builtin) implements AssetTable {
        @Override
        public AssetEntry lookup(long hi, long lo) {
            AssetEntry e = file.lookup(hi, lo);
            return e != null ? e : builtin.lookup(hi, lo);
        }

        @Override
        public int size() {
            return file.size() + builtin.size();
        }
    }
}
