package io.flowsentry.collector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowsentry.flow.IpAddress;
import io.flowsentry.store.assets.AssetEntry;
import io.flowsentry.store.assets.AssetTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DetectionSetupTest {

    private static AssetEntry lookup(AssetTable t, String address) {
        long[] a = IpAddress.parse(address);
        return t.lookup(a[0], a[1]);
    }

    @Test
    void noAssetsIsNoTable() {
        assertThat(DetectionSetup.assets(new FlowsentryConfig.Assets(null, null))).isNull();
    }

    @Test
    void theFilesEntryWinsOverTheBuiltinSet(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("assets.csv");
        Files.writeString(csv, "cidr,category\n10.1.0.0/16,server\n57.0.0.0/8,internal\n");
        AssetTable t = DetectionSetup.assets(new FlowsentryConfig.Assets(csv, "escu_v3_private"));
        assertThat(lookup(t, "10.1.2.3").categories()).containsExactly("server");
        assertThat(lookup(t, "10.2.2.3").internal()).isTrue();
        assertThat(lookup(t, "57.1.1.1").internal()).isTrue();
        assertThat(lookup(t, "8.8.8.8")).isNull();
    }

    @Test
    void aBadAssetsFileIsAConfigErrorNamingKeyFileAndLine(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("assets.csv");
        Files.writeString(csv, "cidr,category\n10.1.0.0/16,server\nnot-an-address,internal\n");
        assertThatThrownBy(() -> DetectionSetup.assets(new FlowsentryConfig.Assets(csv, null)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("assets.file: " + csv + ":3: ")
                .hasMessageContaining("not-an-address");
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> DetectionSetup.assets(new FlowsentryConfig.Assets(missing, null)))
                .hasMessage("assets.file: cannot read '" + missing + "' (NoSuchFileException)");
    }
}
