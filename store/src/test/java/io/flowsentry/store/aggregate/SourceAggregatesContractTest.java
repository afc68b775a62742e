package io.flowsentry.store.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The aggregation semantics every {@link SourceAggregates} implementation keeps
 * (../shared/docs/DETECTION.md, "The aggregation"), run against each implementation by a subclass.
 */
abstract class SourceAggregatesContractTest {

    static final long HOUR = 3_600_000L;
    static final long W10 = 1_795_773_600_000L; // 2026-11-27T10:00:00Z
    static final long W11 = W10 + HOUR;

    private final List<SourceAggregates> opened = new ArrayList<>();

    /** A new, empty store of {@code capacity} sources. */
    protected abstract SourceAggregates newStore(int capacity, AggregateLimits limits) throws Exception;

    SourceAggregates open(int capacity, AggregateLimits limits) throws Exception {
        SourceAggregates s = newStore(capacity, limits);
        opened.add(s);
        return s;
    }

    SourceAggregates open(int capacity) throws Exception {
        return open(capacity, AggregateLimits.DEFAULTS);
    }

    @AfterEach
    void closeAll() {
        opened.forEach(SourceAggregates::close);
    }

    static FlowRecord flow(String src, String dst, int port, long time) {
        long[] s = IpAddress.parse(src);
        long[] d = IpAddress.parse(dst);
        return new FlowRecord().src(s[0], s[1]).dst(d[0], d[1]).dstPort(port).timeStart(time)
                .bytes(100).packets(2).action(Action.ALLOWED).sourceType(SourceType.IPFIX);
    }

    static SourceAggregate only(SourceAggregates store, long window) {
        List<SourceAggregate> rows = store.removeWindow(window);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void oneSourceCollectsEveryField() throws Exception {
        SourceAggregates store = open(10);
        store.add(W10, flow("10.0.0.2", "2.2.2.2", 139, W10 + 60_000).sourceType(SourceType.NETFLOW_V5)
                .action(Action.UNKNOWN));
        store.add(W10, flow("10.0.0.2", "100.200.1.1", 445, W10 + 120_000).sourceType(SourceType.NETFLOW_V9)
                .bytes(1000).packets(10));
        store.add(W10, flow("10.0.0.2", "11.0.0.1", 1445, W10 + 30_000).app("smb").sourceType(SourceType.ZEEK_CONN));
        store.add(W10, flow("10.0.0.2", "11.0.0.1", 445, W10 + 180_000).app("gssapi,smb")
                .sourceType(SourceType.ZEEK_CONN).action(Action.DROPPED));
        store.add(W10, flow("10.0.0.2", "2.2.2.2", 445, W10 + 90_000).app("smb").action(null));
        assertThat(store.size()).isEqualTo(1);
        SourceAggregate a = only(store, W10);
        assertThat(a.windowStart()).isEqualTo(W10);
        assertThat(a.srcIp()).isEqualTo("10.0.0.2");
        assertThat(a.firstTime()).isEqualTo(W10 + 30_000);
        assertThat(a.lastTime()).isEqualTo(W10 + 180_000);
        assertThat(a.count()).isEqualTo(5);
        assertThat(a.bytes()).isEqualTo(1400);
        assertThat(a.packets()).isEqualTo(18);
        assertThat(a.actions()).containsExactlyInAnyOrder("allowed", "unknown", "dropped");
        assertThat(a.apps()).containsExactlyInAnyOrder("smb", "gssapi,smb");
        assertThat(a.destIps()).containsExactlyInAnyOrder("2.2.2.2", "100.200.1.1", "11.0.0.1");
        assertThat(a.destPorts()).containsExactlyInAnyOrder(139, 445, 1445);
        assertThat(a.sourceTypes()).containsExactlyInAnyOrder("netflow:v5", "netflow:v9", "zeek:conn", "ipfix");
        assertThat(a.truncated()).isFalse();
        assertThat(a.destIpsEstimate()).isEqualTo(3);
        assertThat(a.destPortsEstimate()).isEqualTo(3);
        assertThat(store.size()).isZero();
    }

    @Test
    void windowsAndSourcesAreSeparateAndRemovedWindowsAreGone() throws Exception {
        SourceAggregates store = open(10);
        store.add(W11, flow("10.0.0.9", "2.2.2.2", 445, W11 + 1));
        store.add(W10, flow("10.0.0.9", "2.2.2.2", 445, W10 + 1));
        store.add(W10, flow("10.0.0.10", "2.2.2.2", 445, W10 + 2));
        store.add(W10, flow("fd00::1", "fd12:3456:789a::1", 445, W10 + 3));
        store.add(W10, flow("::ffff:10.0.0.8", "::ffff:203.0.113.9", 139, W10 + 4));
        assertThat(store.windows()).containsExactly(W10, W11);
        assertThat(store.size()).isEqualTo(5);
        List<SourceAggregate> all = new ArrayList<>();
        store.forEach(all::add);
        assertThat(all).hasSize(5);

        List<SourceAggregate> rows = store.removeWindow(W10);
        // sorted by source address text: "10.0.0.10" < "10.0.0.8" < "10.0.0.9" < "fd00::1"
        assertThat(rows).extracting(SourceAggregate::srcIp).containsExactly("10.0.0.10", "10.0.0.8", "10.0.0.9", "fd00::1");
        assertThat(rows.get(1).destIps()).containsExactly("203.0.113.9");
        assertThat(rows.get(3).destIps()).containsExactly("fd12:3456:789a::1");
        assertThat(store.windows()).containsExactly(W11);
        assertThat(store.size()).isEqualTo(1);
        assertThat(store.removeWindow(W10)).isEmpty();
        assertThat(only(store, W11).srcIp()).isEqualTo("10.0.0.9");
        assertThat(store.windows()).isEmpty();
    }

    @Test
    void aFullStoreDropsNewSourcesAndKeepsUpdatingExistingOnes() throws Exception {
        SourceAggregates store = open(3);
        assertThat(store.add(W10, flow("10.0.0.1", "2.2.2.2", 445, W10))).isTrue();
        assertThat(store.add(W10, flow("10.0.0.2", "2.2.2.2", 445, W10))).isTrue();
        assertThat(store.add(W11, flow("10.0.0.1", "2.2.2.2", 445, W11))).isTrue();
        assertThat(store.add(W10, flow("10.0.0.3", "2.2.2.2", 445, W10))).isFalse();
        assertThat(store.add(W10, flow("10.0.0.3", "2.2.2.2", 445, W10))).isFalse();
        assertThat(store.add(W10, flow("10.0.0.1", "3.3.3.3", 445, W10 + 5))).isTrue();
        assertThat(store.droppedSources()).isEqualTo(2);
        assertThat(store.size()).isEqualTo(3);
        List<SourceAggregate> rows = store.removeWindow(W10);
        assertThat(rows).extracting(SourceAggregate::srcIp).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(rows.get(0).count()).isEqualTo(2);
        assertThat(rows.get(0).destIps()).containsExactlyInAnyOrder("2.2.2.2", "3.3.3.3");
        // room again
        assertThat(store.add(W11, flow("10.0.0.3", "2.2.2.2", 445, W11))).isTrue();
        assertThat(store.size()).isEqualTo(2);
        assertThat(store.droppedSources()).isEqualTo(2);
    }

    @Test
    void boundedSetsKeepTheFirstValuesAndCountTheRest() throws Exception {
        SourceAggregates store = open(10);
        for (int i = 0; i < 70; i++) {
            store.add(W10, flow("10.0.0.1", "203.0.113." + i, 1000 + (i % 40), W10 + i));
        }
        // a value that did not fit counts again each time it comes back
        store.add(W10, flow("10.0.0.1", "203.0.113.69", 1039, W10 + 100));
        // a value that fits does not count
        store.add(W10, flow("10.0.0.1", "203.0.113.0", 1000, W10 + 101));
        SourceAggregate a = only(store, W10);
        assertThat(a.count()).isEqualTo(72);
        assertThat(a.destIps()).hasSize(64).contains("203.0.113.0", "203.0.113.63").doesNotContain("203.0.113.64");
        assertThat(a.destIpsOverflow()).isEqualTo(7);
        assertThat(a.destPorts()).hasSize(32).contains(1000, 1031).doesNotContain(1032);
        // ports 1000..1031 (i = 0..31) fit; 1032..1039 (i = 32..39) do not: 8 flows; i = 40..69 bring
        // 1000..1029 again (kept); the repeat of 1039 is the ninth.
        assertThat(a.destPortsOverflow()).isEqualTo(8 + 1);
        assertThat(a.truncated()).isTrue();
        assertThat(a.destIpsEstimate()).isBetween(60L, 80L);
        assertThat(a.destPortsEstimate()).isBetween(34L, 46L);
    }

    @Test
    void lowerBoundsAreHonoured() throws Exception {
        SourceAggregates store = open(10, new AggregateLimits(4, 2, 1, 2));
        String[] apps = {"smb", "smb", "http", "dns", null, "smb"};
        for (int i = 0; i < apps.length; i++) {
            store.add(W10, flow("10.0.0.1", "203.0.113." + i, 440 + i, W10 + i).app(apps[i]));
        }
        SourceAggregate a = only(store, W10);
        assertThat(a.destIps()).containsExactly("203.0.113.0", "203.0.113.1", "203.0.113.2", "203.0.113.3");
        assertThat(a.destIpsOverflow()).isEqualTo(2);
        assertThat(a.destPorts()).containsExactly(440, 441);
        assertThat(a.destPortsOverflow()).isEqualTo(4);
        assertThat(a.apps()).containsExactly("smb");
        // "http" does not fit the per-aggregate bound of 1; "dns" does not fit the dictionary of 2
        assertThat(a.appsOverflow()).isEqualTo(2);
        assertThat(a.destIpsEstimate()).isEqualTo(6);
    }

    @Test
    void estimateFollowsManyDistinctDestinations() throws Exception {
        SourceAggregates store = open(10);
        int distinct = 5000;
        for (int i = 0; i < distinct; i++) {
            store.add(W10, flow("2001:db8::1", "2001:db8:1::" + Integer.toHexString(i), 1 + i % 3000, W10 + i));
        }
        SourceAggregate a = only(store, W10);
        assertThat(a.destIpsOverflow()).isEqualTo(distinct - 64);
        // 128 registers: standard error 9.2 %; 25 % is beyond 2.7 standard errors
        assertThat(a.destIpsEstimate()).isBetween((long) (distinct * 0.75), (long) (distinct * 1.25));
        assertThat(a.destPortsEstimate()).isBetween((long) (3000 * 0.75), (long) (3000 * 1.25));
    }

    @Test
    void flushingInBetweenChangesNothing() throws Exception {
        SourceAggregates flushed = open(10);
        SourceAggregates plain = open(10);
        for (int i = 0; i < 300; i++) {
            FlowRecord f = flow("10.0.0." + (i % 3), "198.51.100." + (i * 7 % 90), 400 + (i * 13 % 50), W10 + 997L * i % 5000)
                    .app(i % 5 == 0 ? null : "app" + (i % 11)).bytes(i).packets(i % 7);
            flushed.add(W10, f);
            plain.add(W10, f);
            if (i % 37 == 0) {
                flushed.flush();
            }
        }
        assertThat(flushed.removeWindow(W10)).isEqualTo(plain.removeWindow(W10));
    }

    @Test
    void manySourcesThatRarelyRepeatAreAllCounted() throws Exception {
        SourceAggregates store = open(2000);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 1500; i++) {
                int s = (i * 7919) % 1500; // every source once per round, in a scrambled order
                store.add(W10, flow("10.1." + (s >> 8) + "." + (s & 0xff), "203.0.113." + round, 445, W10 + round));
            }
        }
        assertThat(store.size()).isEqualTo(1500);
        List<SourceAggregate> rows = store.removeWindow(W10);
        assertThat(rows).hasSize(1500).allSatisfy(a -> {
            assertThat(a.count()).isEqualTo(3);
            assertThat(a.destIps()).containsExactly("203.0.113.0", "203.0.113.1", "203.0.113.2");
            assertThat(a.lastTime()).isEqualTo(W10 + 2);
        });
        assertThat(store.droppedSources()).isZero();
    }
}
