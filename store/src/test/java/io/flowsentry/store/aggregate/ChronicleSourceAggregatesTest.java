package io.flowsentry.store.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on the Chronicle store, with a small front so that merges happen inside the tests too. */
class ChronicleSourceAggregatesTest extends SourceAggregatesContractTest {

    @TempDir
    Path dir;
    private int opened;

    @Override
    protected SourceAggregates newStore(int capacity, AggregateLimits limits) throws Exception {
        return ChronicleSourceAggregates.open(dir.resolve("aggregates" + opened++),
                ChronicleSourceAggregates.Options.defaults().withCapacity(capacity).withLimits(limits).withFrontSlots(4));
    }

    private static final long W = 1_795_773_600_000L;

    /**
     * With the default front, flows wait for their group of 32 before they reach it: three flows of two
     * sources, fewer than a group, are seen by every read of the store, by a reader of the map after
     * {@code flush}, and after a close.
     */
    @Test
    void everyReadSeesFlowsWaitingForTheirGroup() throws Exception {
        assertThat(afterThreeFlows("windows", s -> s.windows().length)).isEqualTo(1);
        assertThat(afterThreeFlows("size", ChronicleSourceAggregates::size)).isEqualTo(2);
        assertThat(afterThreeFlows("forEach", s -> {
            List<SourceAggregate> seen = new ArrayList<>();
            s.forEach(seen::add);
            return flows(seen);
        })).isEqualTo(3);
        assertThat(afterThreeFlows("removeWindow", s -> flows(s.removeWindow(W)))).isEqualTo(3);
        assertThat(afterThreeFlows("flush", s -> {
            s.flush();
            return flows(AggregatesReader.readAll(dir.resolve("flush")));
        })).isEqualTo(3);
        afterThreeFlows("close", s -> 0);
        assertThat(flows(AggregatesReader.readAll(dir.resolve("close")))).isEqualTo(3);
    }

    /** {@code windows} lists the windows of the front's keys and of the map's, before and after merges. */
    @Test
    void windowsListsTheFrontsWindowsAndTheMaps() throws Exception {
        long hour = 3_600_000L;
        try (ChronicleSourceAggregates s = ChronicleSourceAggregates.open(dir.resolve("windows-listed"),
                ChronicleSourceAggregates.Options.defaults().withCapacity(100))) {
            FlowRecord f = new FlowRecord().dstIpv4(0xc6336401).dstPort(445);
            for (int i = 0; i < 40; i++) {
                long w = i % 3 == 0 ? W + hour : W; // two windows, their sources interleaved
                s.add(w, f.src(0, IpAddress.v4Lo(0x0a000000 + i)).timeStart(w + 1));
            }
            assertThat(s.windows()).containsExactly(W, W + hour);
            s.flush();
            assertThat(s.windows()).containsExactly(W, W + hour);
            s.add(W + 2 * hour, f.src(0, IpAddress.v4Lo(0x0a000001)).timeStart(W + 2 * hour + 1));
            assertThat(s.windows()).containsExactly(W, W + hour, W + 2 * hour);
            assertThat(s.removeWindow(W)).hasSize(26);
            assertThat(s.windows()).containsExactly(W + hour, W + 2 * hour);
        }
    }

    private interface Read {
        long of(ChronicleSourceAggregates store) throws IOException;
    }

    private long afterThreeFlows(String name, Read read) throws Exception {
        try (ChronicleSourceAggregates s = ChronicleSourceAggregates.open(dir.resolve(name),
                ChronicleSourceAggregates.Options.defaults().withCapacity(100))) {
            FlowRecord f = new FlowRecord().dstIpv4(0xc6336401).dstPort(445).timeStart(W + 1);
            s.add(W, f.src(0, IpAddress.v4Lo(0x0a000001)));
            s.add(W, f.src(0, IpAddress.v4Lo(0x0a000002)));
            s.add(W, f.src(0, IpAddress.v4Lo(0x0a000001)).timeStart(W + 2));
            return read.of(s);
        }
    }

    private static long flows(List<SourceAggregate> rows) {
        return rows.stream().mapToLong(SourceAggregate::count).sum();
    }

    @Test
    void mapFilesOfEarlierLayoutsAreLeftAloneAndANewMapIsUsed() throws Exception {
        Path store = Files.createDirectories(dir.resolve("upgraded"));
        for (String earlier : ChronicleSourceAggregates.EARLIER_MAP_FILES) {
            Files.writeString(store.resolve(earlier), "an earlier layout");
        }
        try (ChronicleSourceAggregates s = ChronicleSourceAggregates.open(store,
                ChronicleSourceAggregates.Options.defaults().withCapacity(100))) {
            s.add(1_795_773_600_000L, new FlowRecord().src(0, IpAddress.v4Lo(0x0a000001)).dstIpv4(0xc6336401)
                    .dstPort(445).timeStart(1_795_773_600_000L));
            s.flush();
            assertThat(s.size()).isEqualTo(1);
        }
        assertThat(store.resolve(ChronicleSourceAggregates.MAP_FILE)).exists();
        for (String earlier : ChronicleSourceAggregates.EARLIER_MAP_FILES) {
            assertThat(store.resolve(earlier)).hasContent("an earlier layout");
        }
    }
}
