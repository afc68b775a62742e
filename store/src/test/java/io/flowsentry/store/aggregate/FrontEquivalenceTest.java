package io.flowsentry.store.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Chronicle store with its front aggregation (flat slots, shared destination and port tables, the
 * direct path for cold sets) gives, row for row, what the in-memory store gives when every flow is added
 * one by one: the same kept values in the same order, overflow counts, estimates, times and counters.
 * Random traffic with sets that overflow their bounds, IPv4 and IPv6 destinations, apps past the bound
 * of 8, and flushes at random points.
 */
class FrontEquivalenceTest {

    private static final long W10 = 1_795_773_600_000L;
    private static final long W11 = W10 + 3_600_000L;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "front {0} slots, {1} sources, {2} destinations, limits {3}/{4}, seed {5}")
    @CsvSource({
        "1, 50, 100, 64, 32, 1",        // no front: every flow straight to the map
        "4, 50, 100, 64, 32, 2",        // a front far smaller than the set: many merges and cold phases
        "64, 30, 100, 64, 32, 3",       // a front holding every source: merges on full sets and flushes
        "64, 30, 20, 8, 4, 4",          // lowered bounds
        "16384, 200, 300, 64, 32, 5",   // the default front: tables shared by many slots, overflowing sets
        "16384, 3000, 40, 64, 32, 6",   // many sources with few destinations each
    })
    void sameRowsAsAddingEveryFlowToTheHeap(int frontSlots, int sources, int destinations, int maxIps, int maxPorts,
            long seed) throws Exception {
        AggregateLimits limits = new AggregateLimits(maxIps, maxPorts, AggregateLimits.MAX_APPS, 4096);
        InMemorySourceAggregates expected = new InMemorySourceAggregates(100_000, limits);
        try (ChronicleSourceAggregates store = ChronicleSourceAggregates.open(dir, ChronicleSourceAggregates.Options
                .defaults().withCapacity(100_000).withLimits(limits).withFrontSlots(frontSlots))) {
            SplittableRandom r = new SplittableRandom(seed);
            FlowRecord f = new FlowRecord();
            for (int i = 0; i < 60_000; i++) {
                int s = r.nextInt(sources);
                long window = r.nextInt(8) == 0 ? W11 : W10;
                int d = r.nextInt(destinations);
                f.reset().timeStart(window + r.nextInt(3_600_000)).bytes(r.nextInt(100_000)).packets(r.nextInt(100))
                        .dstPort(r.nextInt(3) == 0 ? 445 : 1 + r.nextInt(3 * maxPorts))
                        .action(r.nextInt(5) == 0 ? null : Action.values()[r.nextInt(Action.values().length)])
                        .sourceType(SourceType.values()[r.nextInt(SourceType.values().length)])
                        .app(r.nextInt(4) == 0 ? null : "app" + r.nextInt(12));
                if (s % 5 == 0) {
                    f.src(0x20010db800000000L, s);
                } else {
                    f.srcIpv4(0x0a000000 + s);
                }
                if (d % 7 == 0) {
                    f.dst(0x20010db8ffff0000L + d, d * 31L);
                } else {
                    f.dstIpv4(0xc6336400 + d);
                }
                assertThat(store.add(window, f)).isTrue();
                expected.add(window, f);
                if (r.nextInt(20_000) == 0) {
                    store.flush();
                }
            }
            assertThat(store.size()).isEqualTo(expected.size());
            assertThat(store.windows()).containsExactly(W10, W11);
            for (long window : new long[] {W10, W11}) {
                assertThat(store.removeWindow(window)).isEqualTo(expected.removeWindow(window));
            }
        }
    }

    /**
     * Near and at the capacity the store must decide as the heap does, flow by flow: a new source is
     * dropped once the map holds {@code capacity} sources, an existing one keeps updating, including
     * while flows wait in the front or in the direct queue for their merge (front of 1 slot: every flow
     * through the queue; 4 slots: cold phases; 16,384: the whole set in the front).
     */
    @ParameterizedTest(name = "front {0} slots")
    @CsvSource({"1", "4", "16384"})
    void capacityDecisionsMatchTheHeap(int frontSlots) throws Exception {
        int capacity = 150;
        InMemorySourceAggregates expected = new InMemorySourceAggregates(capacity, AggregateLimits.DEFAULTS);
        try (ChronicleSourceAggregates store = ChronicleSourceAggregates.open(dir, ChronicleSourceAggregates.Options
                .defaults().withCapacity(capacity).withFrontSlots(frontSlots))) {
            SplittableRandom r = new SplittableRandom(frontSlots);
            FlowRecord f = new FlowRecord().bytes(10).packets(1).dstPort(445).dstIpv4(0xc6336401);
            for (int i = 0; i < 20_000; i++) {
                // sources appear one by one (the first 400 flows bring 200 of them), then repeat at random
                int s = i < 400 ? i / 2 : r.nextInt(300);
                f.srcIpv4(0x0a000000 + s).timeStart(W10 + i);
                assertThat(store.add(W10, f)).as("flow %d of source %d", i, s).isEqualTo(expected.add(W10, f));
            }
            assertThat(store.droppedSources()).isEqualTo(expected.droppedSources()).isPositive();
            assertThat(store.size()).isEqualTo(capacity);
            assertThat(store.removeWindow(W10)).isEqualTo(expected.removeWindow(W10));
        }
    }

    /**
     * Destinations at the edges of the front's IPv4 entries (16 bytes: the address in the low 32 bits of a
     * key) and next to them: 0.0.0.0 and 255.255.255.255, and non-IPv4 addresses that differ from an
     * IPv4-mapped one only in the prefix (::, ::1, ::1.2.3.4, 0:0:0:1:ffff:102:304, ::fffe:102:304) go to the
     * other table and come back unchanged, each with its own flow count (a bound of 4 addresses and a
     * flush every 7 flows: what overflows at a merge is counted by those flow counts).
     */
    @Test
    void addressesNextToTheIpv4MappedRangeKeepTheirIdentity() throws Exception {
        long[][] destinations = {
            {0, IpAddress.v4Lo(0)}, {0, IpAddress.v4Lo(-1)}, {0, IpAddress.v4Lo(0x01020304)},
            {0, 0}, {0, 1}, {0, 0x01020304L}, {0, 0x0001ffff_01020304L}, {0, 0x0000fffe_01020304L},
            {1, IpAddress.v4Lo(0x01020304)},
        };
        AggregateLimits limits = AggregateLimits.ofDestinations(4, 32);
        InMemorySourceAggregates expected = new InMemorySourceAggregates(100, limits);
        try (ChronicleSourceAggregates store = ChronicleSourceAggregates.open(dir, ChronicleSourceAggregates.Options
                .defaults().withCapacity(100).withLimits(limits).withFrontSlots(64))) {
            FlowRecord f = new FlowRecord().bytes(10).packets(1).dstPort(445);
            for (int i = 0; i < 90; i++) {
                long[] d = destinations[(i / 3 + i / 27) % destinations.length];
                f.srcIpv4(0x0a000000 + i % 3).dst(d[0], d[1]).timeStart(W10 + i);
                assertThat(store.add(W10, f)).isTrue();
                expected.add(W10, f);
                if (i % 7 == 6) {
                    store.flush();
                }
            }
            List<SourceAggregate> rows = store.removeWindow(W10);
            assertThat(rows).isEqualTo(expected.removeWindow(W10));
            assertThat(rows).hasSize(3).allSatisfy(a -> {
                assertThat(a.destIps()).hasSize(4);
                assertThat(a.destIpsOverflow()).isPositive();
            });
        }
    }
}
