package io.flowsentry.store.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.values.Values;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChronicleAggregateMap#merge} writes the value in place through a reference into the entry and
 * keeps the value's {@link ValueChecksum} up to date field by field; after any sequence of merges it must
 * match the value's bytes, or recovery (run after a crash) would drop the aggregate. A value changed
 * without its checksum, and an entry inserted but never merged, show that recovery notices.
 */
class ChronicleAggregateMapChecksumTest {

    private static final long WINDOW = 1_795_773_600_000L;
    private static final int SOURCES = 40;
    private static final int MERGES = 3;
    /** Small bounds: the later merges overflow the sets, so the overflow counts and sketches at the value's end change too. */
    private static final AggregateLimits LIMITS = AggregateLimits.ofDestinations(4, 2);

    @TempDir
    Path tmp;

    private static long srcLo(int source) {
        return IpAddress.v4Lo(0x0a000000 + source);
    }

    /** Merge {@code round} of one source: 3 flows to destinations and ports that are new in each round. */
    private static MutableAggregate partial(MutableAggregate p, int source, int round) {
        p.reset(WINDOW, 0, srcLo(source));
        FlowRecord flow = new FlowRecord().bytes(100).packets(2).action(Action.ALLOWED).sourceType(SourceType.IPFIX);
        for (int i = 0; i < 3; i++) {
            flow.src(0, srcLo(source)).dstIpv4(0xc6336400 + round * 3 + i).dstPort(1000 + round * 3 + i)
                    .timeStart(WINDOW + round * 1000 + i);
            assertThat(p.add(flow, AppDictionary.NONE)).isTrue();
        }
        return p;
    }

    private void mergeAll(Path file) throws Exception {
        // the partial holds every value of a round; the map's bounds (LIMITS) make the merge overflow
        MutableAggregate p = new MutableAggregate(AggregateLimits.DEFAULTS, MutableAggregate.Mode.PARTIAL);
        try (ChronicleAggregateMap map = ChronicleAggregateMap.open(file, 1000, false)) {
            for (int round = 0; round < MERGES; round++) {
                for (int s = 0; s < SOURCES; s++) {
                    assertThat(map.merge(partial(p, s, round), LIMITS)).as("created").isEqualTo(round == 0);
                }
            }
        }
    }

    /**
     * A final aggregate whose own sets overflowed carries sketches, which the merge folds into the stored
     * ones word by word: 6 flows of source {@code source} to addresses and ports of none of the rounds.
     */
    private static MutableAggregate withSketches(int source) {
        MutableAggregate p = new MutableAggregate(AggregateLimits.ofDestinations(2, 1), MutableAggregate.Mode.FINAL);
        p.reset(WINDOW, 0, srcLo(source));
        FlowRecord flow = new FlowRecord().bytes(100).packets(2).action(Action.BLOCKED).sourceType(SourceType.NETFLOW_V9);
        for (int i = 0; i < 6; i++) {
            flow.src(0, srcLo(source)).dstIpv4(0xc6336400 + 100 + i).dstPort(2000 + i).timeStart(WINDOW + 5000 + i);
            assertThat(p.add(flow, AppDictionary.NONE)).isTrue();
        }
        assertThat(p.ipSketch).isNotNull();
        assertThat(p.portSketch).isNotNull();
        return p;
    }

    private static ChronicleMap<AggregateKey, AggregateValue> openRaw(Path file) throws Exception {
        return ChronicleMap.of(AggregateKey.class, AggregateValue.class).entries(1000).createPersistedTo(file.toFile());
    }

    private static AggregateKey key(int source) {
        AggregateKey k = Values.newHeapInstance(AggregateKey.class);
        k.setWindowStart(WINDOW);
        k.setSrcLo(srcLo(source));
        return k;
    }

    private static boolean checksumMatches(ChronicleMap<AggregateKey, AggregateValue> map, int source) {
        try (ExternalMapQueryContext<AggregateKey, AggregateValue, ?> c = map.queryContext(key(source))) {
            c.updateLock().lock();
            MapEntry<AggregateKey, AggregateValue> e = c.entry();
            assertThat(e).as("entry of source %d", source).isNotNull();
            return ValueChecksum.intact(e.value().get());
        }
    }

    /** The sketch of the 9 values of all rounds, built directly. */
    private static long[] sketchOf(IntToLongFunction hashOfValue) {
        long[] words = new long[DistinctSketch.WORDS];
        for (int i = 0; i < 3 * MERGES; i++) {
            DistinctSketch.add(words, hashOfValue.applyAsLong(i));
        }
        return words;
    }

    private static Map<Long, MutableAggregate> readAll(Path file, boolean recover) throws Exception {
        Map<Long, MutableAggregate> out = new HashMap<>();
        try (ChronicleAggregateMap map = ChronicleAggregateMap.open(file, 1000, recover)) {
            map.forEach(null, a -> out.put(a.srcLo, a));
        }
        return out;
    }

    @Test
    void everyEntryUpdatedInPlaceKeepsAMatchingChecksum() throws Exception {
        Path file = tmp.resolve("map.dat");
        mergeAll(file);
        try (ChronicleMap<AggregateKey, AggregateValue> map = openRaw(file)) {
            assertThat(map.longSize()).isEqualTo(SOURCES);
            List<Integer> failing = new ArrayList<>();
            for (int s = 0; s < SOURCES; s++) {
                if (!checksumMatches(map, s)) {
                    failing.add(s);
                }
            }
            assertThat(failing).as("sources whose entry fails its checksum").isEmpty();
        }
        // the merges themselves: 3 rounds of 3 flows, 4 of 9 addresses and 2 of 9 ports kept, the rest overflow
        Map<Long, MutableAggregate> all = readAll(file, false);
        assertThat(all).hasSize(SOURCES);
        for (MutableAggregate a : all.values()) {
            assertThat(a.count).isEqualTo(9);
            assertThat(a.bytes).isEqualTo(900);
            assertThat(a.firstTime).isEqualTo(WINDOW);
            assertThat(a.lastTime).isEqualTo(WINDOW + 2002);
            assertThat(a.ipCount).isEqualTo(4);
            assertThat(a.ipOverflow).isEqualTo(5);
            assertThat(a.portCount).isEqualTo(2);
            assertThat(a.portOverflow).isEqualTo(7);
            assertThat(a.ipSketch).containsExactly(sketchOf(i -> DistinctSketch.hashAddress(0, IpAddress.v4Lo(0xc6336400 + i))));
            assertThat(a.portSketch).containsExactly(sketchOf(i -> DistinctSketch.hashPort(1000 + i)));
        }
    }

    @Test
    void mergingSketchesOfAFinalAggregateKeepsTheChecksum() throws Exception {
        Path file = tmp.resolve("map.dat");
        mergeAll(file);
        try (ChronicleAggregateMap map = ChronicleAggregateMap.open(file, 1000, false)) {
            assertThat(map.merge(withSketches(3), LIMITS)).isFalse();
        }
        try (ChronicleMap<AggregateKey, AggregateValue> map = openRaw(file)) {
            assertThat(checksumMatches(map, 3)).isTrue();
        }
        Map<Long, MutableAggregate> all = readAll(file, true);
        assertThat(all).hasSize(SOURCES);
        assertThat(all.get(srcLo(3)).count).isEqualTo(15);
        assertThat(all.get(srcLo(3)).ipOverflow).isEqualTo(5 + 6);
        assertThat(all.get(srcLo(3)).actionBits).isEqualTo((1 << Action.ALLOWED.ordinal()) | (1 << Action.BLOCKED.ordinal()));
    }

    @Test
    void recoveryKeepsEntriesUpdatedInPlaceAndDropsOneChangedWithoutItsChecksumAndOneNeverMerged() throws Exception {
        Path file = tmp.resolve("map.dat");
        mergeAll(file);
        int torn = 7;
        int neverMerged = SOURCES + 1;
        try (ChronicleMap<AggregateKey, AggregateValue> map = openRaw(file)) {
            try (ExternalMapQueryContext<AggregateKey, AggregateValue, ?> c = map.queryContext(key(neverMerged))) {
                c.writeLock().lock();
                c.insert(c.absentEntry(), c.defaultValue(c.absentEntry())); // what a crash right after the insert leaves
            }
            AggregateValue ref = Values.newNativeReference(AggregateValue.class);
            try (ExternalMapQueryContext<AggregateKey, AggregateValue, ?> c = map.queryContext(key(torn))) {
                c.writeLock().lock();
                c.entry().value().getUsing(ref);
                ref.setBytes(ref.getBytes() + 1); // what a crash between the write and the checksum leaves
            }
            assertThat(checksumMatches(map, torn)).isFalse();
            assertThat(checksumMatches(map, torn + 1)).isTrue();
            assertThat(checksumMatches(map, neverMerged)).isFalse();
        }
        try (ChronicleAggregateMap map = ChronicleAggregateMap.open(file, 1000, true)) {
            assertThat(map.tornRemoved()).isEqualTo(2);
        }
        Map<Long, MutableAggregate> recovered = readAll(file, false);
        assertThat(recovered).hasSize(SOURCES - 1).doesNotContainKeys(srcLo(torn), srcLo(neverMerged));
        for (int s = 0; s < SOURCES; s++) {
            if (s != torn) {
                assertThat(recovered.get(srcLo(s)).count).as("count of source %d", s).isEqualTo(9);
            }
        }
    }
}
