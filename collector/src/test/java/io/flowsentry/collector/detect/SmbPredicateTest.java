package io.flowsentry.collector.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.store.assets.AssetTable;
import io.flowsentry.store.assets.AssetTableBuilder;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class SmbPredicateTest {

    private final SmbPredicate v3 = new SmbPredicate(DetectionProfile.ESCU_V3, null);
    private final SmbPredicate extended = new SmbPredicate(DetectionProfile.EXTENDED, null);

    static FlowRecord flow(String src, String dst, int port, Action action, String app) {
        long[] s = IpAddress.parse(src);
        long[] d = IpAddress.parse(dst);
        return new FlowRecord().src(s[0], s[1]).dst(d[0], d[1]).dstPort(port).protocol(6).action(action).app(app);
    }

    static AssetTable assets(String cidr, String... categories) {
        return new AssetTableBuilder().add(CidrText.parse(cidr), List.of(categories)).build();
    }

    @Test
    void portsAndTheExactAppSelect() {
        assertThat(v3.matches(flow("10.0.0.1", "8.8.8.8", 445, Action.UNKNOWN, null))).isTrue();
        assertThat(v3.matches(flow("10.0.0.1", "8.8.8.8", 139, Action.UNKNOWN, null))).isTrue();
        assertThat(v3.matches(flow("10.0.0.1", "8.8.8.8", 8445, Action.ALLOWED, "smb"))).isTrue();
        assertThat(v3.matches(flow("10.0.0.1", "8.8.8.8", 8445, Action.ALLOWED, "gssapi,smb"))).isFalse();
        assertThat(v3.matches(flow("10.0.0.1", "8.8.8.8", 8445, Action.ALLOWED, "SMB"))).isFalse();
        assertThat(v3.matches(flow("10.0.0.1", "8.8.8.8", 443, Action.ALLOWED, null))).isFalse();
    }

    @Test
    void transportIsNotChecked() {
        assertThat(v3.matches(flow("10.0.0.1", "8.8.8.8", 445, Action.UNKNOWN, null).protocol(17))).isTrue();
    }

    @Test
    void onlyBlockedIsExcludedByAction() {
        assertThat(v3.matches(flow("10.0.0.1", "8.8.8.8", 445, Action.BLOCKED, null))).isFalse();
        assertThat(v3.matches(flow("10.0.0.1", "8.8.8.8", 445, Action.DROPPED, null))).isTrue();
        assertThat(v3.matches(flow("10.0.0.1", "8.8.8.8", 445, Action.ALLOWED, null))).isTrue();
    }

    @Test
    void theFourVersion3RangesAreExcludedAtTheirEdges() {
        String[] excluded = {"10.0.0.0", "10.255.255.255", "172.16.0.0", "172.31.255.255", "192.168.0.0",
                "192.168.255.255", "100.64.0.0", "100.127.255.255"};
        String[] kept = {"9.255.255.255", "11.0.0.0", "172.15.255.255", "172.32.0.0", "192.167.255.255",
                "192.169.0.0", "100.63.255.255", "100.128.0.0", "127.0.0.1", "169.254.1.1", "203.0.113.5"};
        for (String d : excluded) {
            assertThat(v3.matches(flow("10.0.0.1", d, 445, Action.UNKNOWN, null))).as(d).isFalse();
        }
        for (String d : kept) {
            assertThat(v3.matches(flow("10.0.0.1", d, 445, Action.UNKNOWN, null))).as(d).isTrue();
        }
    }

    @Test
    void ipv6IsNeverExcludedByVersion3Ranges() {
        assertThat(v3.matches(flow("fd00::1", "fd12::1", 445, Action.UNKNOWN, null))).isTrue();
        assertThat(v3.matches(flow("fd00::1", "fe80::1", 445, Action.UNKNOWN, null))).isTrue();
        assertThat(v3.matches(flow("fd00::1", "::ffff:10.1.1.1", 445, Action.UNKNOWN, null))).isFalse();
    }

    @Test
    void internalAssetsAreExcludedOthersKept() {
        SmbPredicate withAssets = new SmbPredicate(DetectionProfile.ESCU_V3, assets("2001:db8::/32", "internal"));
        assertThat(withAssets.matches(flow("10.0.0.1", "2001:db8::5", 445, Action.UNKNOWN, null))).isFalse();
        assertThat(withAssets.matches(flow("10.0.0.1", "2001:db9::5", 445, Action.UNKNOWN, null))).isTrue();
        SmbPredicate dmz = new SmbPredicate(DetectionProfile.ESCU_V3, assets("8.8.8.0/24", "server", "dmz"));
        assertThat(dmz.matches(flow("10.0.0.1", "8.8.8.8", 445, Action.UNKNOWN, null))).isTrue();
    }

    @Test
    void extendedExcludesNonPublicDestinationsAndRequiresANonPublicSource() {
        assertThat(extended.matches(flow("10.0.0.1", "8.8.8.8", 445, Action.UNKNOWN, null))).isTrue();
        assertThat(extended.matches(flow("fd00::1", "2606:4700::1", 445, Action.UNKNOWN, null))).isTrue();
        // Destinations: non_public_ip_blocks and the IPv6 special ranges.
        for (String d : new String[] {"127.0.0.1", "169.254.3.3", "198.18.0.1", "198.51.100.7", "203.0.113.9",
                "224.0.0.251", "240.0.0.1", "fd12::1", "fe80::1", "ff02::fb", "::1", "2001:db8::1"}) {
            assertThat(extended.matches(flow("10.0.0.1", d, 445, Action.UNKNOWN, null))).as(d).isFalse();
            assertThat(v3.matches(flow("10.0.0.1", d, 445, Action.UNKNOWN, null))).as(d).isTrue();
        }
        // Sources: public ones are not "outbound from inside".
        assertThat(extended.matches(flow("8.8.4.4", "8.8.8.8", 445, Action.UNKNOWN, null))).isFalse();
        assertThat(extended.matches(flow("2606:4700::2", "8.8.8.8", 445, Action.UNKNOWN, null))).isFalse();
        assertThat(v3.matches(flow("8.8.4.4", "8.8.8.8", 445, Action.UNKNOWN, null))).isTrue();
    }

    @Test
    void theHotPathAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SmbPredicate withAssets = new SmbPredicate(DetectionProfile.EXTENDED, assets("57.0.0.0/8", "internal"));
        FlowRecord[] flows = {
                flow("10.0.0.1", "8.8.8.8", 445, Action.UNKNOWN, null),
                flow("10.0.0.1", "57.1.1.1", 445, Action.UNKNOWN, null),
                flow("fd00::1", "2606:4700::1", 139, Action.ALLOWED, "smb"),
                flow("10.0.0.1", "8.8.8.8", 443, Action.ALLOWED, null)};
        int matches = 0;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            matches += withAssets.matches(flows[i & 3]) ? 1 : 0;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(matches).isEqualTo(50_000);
        // The measurement itself may allocate a few hundred bytes; one allocation per call would be >= 1.6 MB.
        assertThat(allocated).isLessThan(4096);
    }
}
