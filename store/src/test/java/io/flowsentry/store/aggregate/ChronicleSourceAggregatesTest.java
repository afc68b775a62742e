package io.flowsentry.store.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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
