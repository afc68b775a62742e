package io.flowsentry.store.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EntryPrefetch} computes where Chronicle Map keeps an entry from the map's own layout. If a
 * Chronicle Map release changes that arithmetic, the prefetch must notice and turn itself off (merges
 * stay correct either way, only slower); this test fails instead, so that the change is seen.
 */
class EntryPrefetchTest {

    private static final long WINDOW = 1_795_773_600_000L;

    @TempDir
    Path tmp;

    private static MutableAggregate partial(MutableAggregate p, long window, long hi, long lo) {
        p.reset(window, hi, lo);
        p.add(new FlowRecord().src(hi, lo).dstIpv4(0xc6336401).dstPort(445).bytes(100).packets(1)
                .action(Action.ALLOWED).sourceType(SourceType.IPFIX).timeStart(window + 1), AppDictionary.NONE);
        return p;
    }

    @Test
    void findsTheEntryChronicleKeepsForEveryKey() throws Exception {
        MutableAggregate p = new MutableAggregate(AggregateLimits.DEFAULTS, MutableAggregate.Mode.PARTIAL);
        int sources = 20_000;
        try (ChronicleAggregateMap map = ChronicleAggregateMap.open(tmp.resolve("m.dat"), sources, false)) {
            EntryPrefetch prefetch = map.prefetch();
            assertThat(prefetch).isNotNull();
            assertThat(prefetch.checked()).isFalse();
            for (int i = 0; i < sources; i++) {
                // IPv4 and IPv6 sources, two windows
                long hi = (i & 1) == 0 ? 0 : 0x2001_0db8_0000_0000L + i;
                long lo = (i & 1) == 0 ? IpAddress.v4Lo(0x0a000000 + i) : i * 0x9E3779B97F4A7C15L;
                map.merge(partial(p, WINDOW + (i % 2) * 3_600_000L, hi, lo), AggregateLimits.DEFAULTS);
            }
            assertThat(prefetch.checked()).isTrue();
            int located = 0;
            for (int i = 0; i < sources; i++) {
                long hi = (i & 1) == 0 ? 0 : 0x2001_0db8_0000_0000L + i;
                long lo = (i & 1) == 0 ? IpAddress.v4Lo(0x0a000000 + i) : i * 0x9E3779B97F4A7C15L;
                if (prefetch.locates(WINDOW + (i % 2) * 3_600_000L, hi, lo)) {
                    located++;
                }
            }
            assertThat(located).isEqualTo(sources);
            assertThat(prefetch.locates(WINDOW, 0, IpAddress.v4Lo(0xc0000201))).isFalse();
        }
    }

    @Test
    void prefetchingKeysPresentOrAbsentChangesNothing() throws Exception {
        MutableAggregate p = new MutableAggregate(AggregateLimits.DEFAULTS, MutableAggregate.Mode.PARTIAL);
        try (ChronicleAggregateMap map = ChronicleAggregateMap.open(tmp.resolve("m.dat"), 1_000, false)) {
            for (int i = 0; i < 500; i++) {
                map.merge(partial(p, WINDOW, 0, IpAddress.v4Lo(0x0a000000 + i)), AggregateLimits.DEFAULTS);
            }
            for (int i = 0; i < 1_000; i++) { // half present, half absent; tags wrap the ring
                map.prefetchSlot(i, WINDOW, 0, IpAddress.v4Lo(0x0a000000 + i));
                map.prefetchEntry(i);
            }
            map.prefetchEntry(5_000); // a tag never given a slot
            assertThat(map.size()).isEqualTo(500);
            MutableAggregate read = new MutableAggregate(AggregateLimits.DEFAULTS, MutableAggregate.Mode.FINAL);
            long[] flows = {0};
            map.forEach(read, a -> flows[0] += a.count);
            assertThat(flows[0]).isEqualTo(500);
        }
    }

    @Test
    void turnsItselfOffWhenItsArithmeticDisagreesWithChronicle() throws Exception {
        MutableAggregate p = new MutableAggregate(AggregateLimits.DEFAULTS, MutableAggregate.Mode.PARTIAL);
        try (ChronicleAggregateMap map = ChronicleAggregateMap.open(tmp.resolve("m.dat"), 1_000, false)) {
            EntryPrefetch prefetch = map.prefetch();
            // Chronicle's entry for the query key is not where the arithmetic looks (here: there is none), as
            // if a Chronicle Map release had changed its layout: the check fails
            prefetch.learnValueOffset(0x1000);
            assertThat(prefetch.checked()).isFalse();
            for (int i = 0; i < 100; i++) { // merges go on, Chronicle's own, the prefetch reading nothing
                map.prefetchSlot(i, WINDOW, 0, IpAddress.v4Lo(0x0a000000 + i % 10));
                map.prefetchEntry(i);
                map.merge(partial(p, WINDOW, 0, IpAddress.v4Lo(0x0a000000 + i % 10)), AggregateLimits.DEFAULTS);
            }
            assertThat(prefetch.checked()).isFalse();
            MutableAggregate read = new MutableAggregate(AggregateLimits.DEFAULTS, MutableAggregate.Mode.FINAL);
            long[] flows = {0};
            map.forEach(read, a -> flows[0] += a.count);
            assertThat(map.size()).isEqualTo(10);
            assertThat(flows[0]).isEqualTo(100);
        }
    }
}
