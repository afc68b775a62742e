package io.flowsentry.store.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowsentry.flow.IpAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AssetsCsvLoaderTest {

    static AssetEntry lookup(AssetTable table, String address) {
        long[] a = IpAddress.parse(address);
        return table.lookup(a[0], a[1]);
    }

    @Test
    void twoColumnFormWithHeader() throws Exception {
        AssetTable t = AssetsCsvLoader.parse("a.csv", "cidr,category\n10.0.0.0/8,internal\n2001:db8::/32,lab|internal\n");
        assertThat(lookup(t, "10.9.9.9").cidr()).isEqualTo("10.0.0.0/8");
        assertThat(lookup(t, "2001:db8::1").categories()).containsExactly("lab", "internal");
    }

    @Test
    void twoColumnFormWithoutHeader() throws Exception {
        AssetTable t = AssetsCsvLoader.parse("a.csv", "10.0.0.0/8,internal\r\n192.168.1.0/24,office\r\n");
        assertThat(t.size()).isEqualTo(2);
        assertThat(lookup(t, "192.168.1.7").categories()).containsExactly("office");
    }

    @Test
    void quotedCellsMayHoldCommasQuotesAndLineBreaks() throws Exception {
        String csv = "cidr,category\n"
                + "\"10.0.0.0/8|1.2.3.4\",\"a,b|say \"\"hi\"\"\"\n"
                + "\"5.6.7.0/24\",\"multi\nline\"\n"
                + "9.9.9.9,x\n";
        AssetTable t = AssetsCsvLoader.parse("q.csv", csv);
        assertThat(lookup(t, "1.2.3.4").categories()).containsExactly("a,b", "say \"hi\"");
        assertThat(lookup(t, "5.6.7.8").categories()).containsExactly("multi\nline");
        assertThat(lookup(t, "9.9.9.9").cidr()).isEqualTo("9.9.9.9/32");
    }

    @Test
    void theSameCidrTwiceMergesItsCategories() throws Exception {
        AssetTable t = AssetsCsvLoader.parse("d.csv",
                "cidr,category\n10.0.0.0/8,internal\n10.0.0.0-10.255.255.255,server|internal\n10.1.2.3/8,dmz\n");
        assertThat(t.size()).isEqualTo(1);
        assertThat(lookup(t, "10.0.0.1").categories()).containsExactly("internal", "server", "dmz");
    }

    @Test
    void esAssetRowsWithoutAddressAreSkipped() throws Exception {
        AssetTable t = AssetsCsvLoader.parse("es.csv",
                "ip,mac,nt_host,dns,owner,priority,lat,long,city,country,bunit,category,pci_domain,is_expected,"
                        + "should_timesync,should_update,requires_av\n"
                        + ",,host1,host1.example,,,,,,,,server,,,,,\n"
                        + "192.168.15.9-192.169.15.27,,,,,,,,,,,internal,,,,,\n");
        assertThat(lookup(t, "192.168.15.8")).isNull();
        assertThat(lookup(t, "192.168.15.9").cidr()).isEqualTo("192.168.15.9/32");
        assertThat(lookup(t, "192.168.200.1").cidr()).isEqualTo("192.168.128.0/17");
        assertThat(lookup(t, "192.169.15.27").cidr()).isEqualTo("192.169.15.24/30"); // .24-.27
        assertThat(lookup(t, "192.169.15.28")).isNull();
    }

    @Test
    void ipv6CidrsCoverIpv4MappedAddresses() throws Exception {
        AssetTable t = AssetsCsvLoader.parse("v6.csv", "cidr,category\n::/0,any\n::ffff:0:0/96,v4\n::ffff:10.0.0.0/104,ten\n");
        assertThat(lookup(t, "1.2.3.4").cidr()).isEqualTo("0.0.0.0/0");
        assertThat(lookup(t, "10.1.1.1").cidr()).isEqualTo("10.0.0.0/8");
        assertThat(lookup(t, "2001:db8::1").cidr()).isEqualTo("::/0");
        assertThat(lookup(t, "255.255.255.255").categories()).containsExactly("v4");
        assertThat(lookup(t, "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff").categories()).containsExactly("any");
    }

    @Test
    void aLineThatDoesNotParseFailsTheLoadNamingFileLineAndValue() {
        assertThatThrownBy(() -> AssetsCsvLoader.parse("bad.csv", "cidr,category\n10.0.0.0/8,internal\n10.0.0.0/33,x\n"))
                .isInstanceOf(AssetsFormatException.class)
                .hasMessage("bad.csv:3: prefix length 33 out of range (expected: 0 ~ 32): '10.0.0.0/33'")
                .satisfies(e -> {
                    AssetsFormatException f = (AssetsFormatException) e;
                    assertThat(f.line()).isEqualTo(3);
                    assertThat(f.value()).isEqualTo("10.0.0.0/33");
                });
        assertThatThrownBy(() -> AssetsCsvLoader.parse("bad.csv", "cidr,category\n1.2.3.4|10.0.0.300,x\n"))
                .hasMessage("bad.csv:2: not an IP address, CIDR or range: '10.0.0.300'");
        assertThatThrownBy(() -> AssetsCsvLoader.parse("bad.csv", "cidr,category\n10.0.0.9-10.0.0.1,x\n"))
                .hasMessage("bad.csv:2: range starts after it ends: '10.0.0.9-10.0.0.1'");
        assertThatThrownBy(() -> AssetsCsvLoader.parse("bad.csv", "cidr,category\n10.0.0.1-::1,x\n"))
                .hasMessage("bad.csv:2: range mixes IPv4 and IPv6: '10.0.0.1-::1'");
        assertThatThrownBy(() -> AssetsCsvLoader.parse("bad.csv", "cidr,category\n2001:db8::/129,x\n"))
                .hasMessageContaining("prefix length 129 out of range (expected: 0 ~ 128)");
        assertThatThrownBy(() -> AssetsCsvLoader.parse("bad.csv", "cidr,category\n\"10.0.0.0/8,x\n"))
                .hasMessage("bad.csv:2: unterminated quoted cell: '\"10.0.0.0/8,x'");
        assertThatThrownBy(() -> AssetsCsvLoader.parse("bad.csv", "cidr,category\n10.0.0.0/8,x,y\n"))
                .hasMessageStartingWith("bad.csv:2: expected at most 2 cells, found 3");
        assertThatThrownBy(() -> AssetsCsvLoader.parse("bad.csv", "host,owner\nh,o\n"))
                .hasMessageStartingWith("bad.csv:1: header must name an 'ip' (or 'cidr') column and a 'category' column");
    }

    @Test
    void aFailedReloadKeepsTheCurrentTable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("assets.csv");
        Files.writeString(file, "cidr,category\n10.0.0.0/8,internal\n");
        ReloadableAssetTable holder = new ReloadableAssetTable(AssetsCsvLoader.load(file));
        AssetTable first = holder.current();
        Files.writeString(file, "cidr,category\n11.0.0.0/8,internal\nnot-an-address,x\n");
        assertThatThrownBy(() -> holder.reload(file)).isInstanceOf(AssetsFormatException.class);
        assertThat(holder.current()).isSameAs(first);
        assertThat(lookup(holder, "10.0.0.1")).isNotNull();
        assertThat(lookup(holder, "11.0.0.1")).isNull();
        Files.writeString(file, "cidr,category\n11.0.0.0/8,internal\n");
        holder.reload(file);
        assertThat(lookup(holder, "10.0.0.1")).isNull();
        assertThat(lookup(holder, "11.0.0.1").cidr()).isEqualTo("11.0.0.0/8");
    }
}
