package io.flowsentry.store.aggregate;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The front's key rows and tally on their own: the flow limit of a slot, restarting a slot in place, and
 * removing keys from the middle of probe runs. {@code FrontEquivalenceTest} checks the front inside the
 * store against the in-memory store.
 */
class FrontAggregatesTest {

    private static final long W = 1_795_773_600_000L;
    private static final AggregateLimits LIMITS = AggregateLimits.DEFAULTS;

    private static FlowRecord flow(int src, long time) {
        return new FlowRecord().srcIpv4(0x0a000000 + src).dstIpv4(0xc6336401).dstPort(445).bytes(100).packets(2)
                .timeStart(time).action(Action.BLOCKED).sourceType(SourceType.NETFLOW_V9);
    }

    private static int open(FrontAggregates front, int slot, FlowRecord f) {
        return front.open(slot, W, f.srcHi(), f.srcLo(), FrontAggregates.sourceHash(W, f.srcHi(), f.srcLo()));
    }

    private static boolean add(FrontAggregates front, int row, FlowRecord f) {
        return front.add(row, FrontAggregates.sourceHash(W, f.srcHi(), f.srcLo()), f, -1);
    }

    private static MutableAggregate load(FrontAggregates front, int slot) {
        MutableAggregate into = new MutableAggregate(LIMITS, MutableAggregate.Mode.PARTIAL);
        front.load(slot, into);
        return into;
    }

    @Test
    void aSlotRefusesTheFlowPastItsLimitAndCountsAgainAfterARestart() {
        FrontAggregates front = new FrontAggregates(4, LIMITS, 3);
        FlowRecord f = flow(1, W + 500);
        int row = open(front, 0, f);
        for (int i = 0; i < 3; i++) {
            assertThat(add(front, row, f.timeStart(W + 500 - i))).isTrue();
        }
        assertThat(add(front, row, f.timeStart(W + 900))).isFalse();
        assertSlot(load(front, 0), 3, W + 498, W + 500, Action.BLOCKED, SourceType.NETFLOW_V9);

        front.restart(0);
        assertThat(front.find(W, f.srcHi(), f.srcLo(), FrontAggregates.sourceHash(W, f.srcHi(), f.srcLo()))).isEqualTo(row);
        assertThat(front.slotAt(row)).isZero();
        assertThat(add(front, row, f.timeStart(W + 900).action(Action.ALLOWED).sourceType(SourceType.IPFIX))).isTrue();
        MutableAggregate again = load(front, 0);
        assertSlot(again, 1, W + 900, W + 900, Action.ALLOWED, SourceType.IPFIX);
        assertThat(again.windowStart).isEqualTo(W);
        assertThat(again.srcLo).isEqualTo(f.srcLo());
    }

    /** Flows of {@link #flow} (100 bytes, 2 packets, one destination) with one action and one source type. */
    private static void assertSlot(MutableAggregate a, long flows, long first, long last, Action action, SourceType type) {
        assertThat(a.count).isEqualTo(flows);
        assertThat(a.bytes).isEqualTo(100 * flows);
        assertThat(a.packets).isEqualTo(2 * flows);
        assertThat(a.firstTime).isEqualTo(first);
        assertThat(a.lastTime).isEqualTo(last);
        assertThat(a.actionBits).isEqualTo(1 << action.ordinal());
        assertThat(a.sourceTypeBits).isEqualTo(1 << type.ordinal());
        assertThat(a.ipCount).isEqualTo(1);
        assertThat(a.ipFlows[0]).isEqualTo(flows);
    }

    @Test
    void aPackedIpv4EntryRefusesTheFlowThatWouldOverflowItsCount() {
        // 16,384 slots: tags of 15 bits, so an IPv4 entry keeps 64 - 15 - 32 = 17 bits of flows.
        FrontAggregates front = new FrontAggregates(16_384, LIMITS);
        FlowRecord f = flow(7, W);
        int row = open(front, 16_383, f);
        int limit = (1 << 17) - 1;
        for (int i = 0; i < limit; i++) {
            assertThat(add(front, row, f)).isTrue();
        }
        assertThat(add(front, row, f)).isFalse();
        MutableAggregate full = load(front, 16_383);
        assertThat(full.count).isEqualTo(limit);
        assertThat(full.ipFlows[0]).isEqualTo(limit);
        assertThat(full.ipLo[0]).isEqualTo(f.dstLo());
        assertThat(full.ports[0]).isEqualTo(445);
        assertThat(full.portFlows[0]).isEqualTo(limit);
        front.restart(16_383);
        assertThat(add(front, row, f)).isTrue();
        assertThat(load(front, 16_383).ipFlows[0]).isEqualTo(1);
    }

    @Test
    void everyKeyLeftIsFoundWithItsCountersAfterRemovalsFromItsProbeRuns() {
        // 16 slots in 32 rows: half full when all are open, with runs of colliding keys to shift back.
        int slots = 16;
        SplittableRandom r = new SplittableRandom(3);
        for (int round = 0; round < 200; round++) {
            FrontAggregates front = new FrontAggregates(slots, LIMITS);
            List<FlowRecord> flows = new ArrayList<>();
            for (int slot = 0; slot < slots; slot++) {
                FlowRecord f = flow(r.nextInt(1 << 20), W + slot);
                if (front.find(W, f.srcHi(), f.srcLo(), FrontAggregates.sourceHash(W, f.srcHi(), f.srcLo())) >= 0) {
                    f = flow(r.nextInt(1 << 20) | 1 << 21, W + slot); // a source drawn twice: one never drawn
                }
                flows.add(f);
                int row = open(front, slot, f);
                for (int i = 0; i <= slot; i++) {
                    assertThat(add(front, row, f)).isTrue();
                }
            }
            // Remove a random half; every slot removed must leave the others intact.
            boolean[] removed = new boolean[slots];
            for (int n = 0; n < slots / 2; n++) {
                int slot = r.nextInt(slots);
                if (!removed[slot]) {
                    front.remove(slot);
                    removed[slot] = true;
                }
            }
            for (int slot = 0; slot < slots; slot++) {
                FlowRecord f = flows.get(slot);
                int row = front.find(W, f.srcHi(), f.srcLo(), FrontAggregates.sourceHash(W, f.srcHi(), f.srcLo()));
                if (removed[slot]) {
                    assertThat(row).isNegative();
                } else {
                    assertThat(row).isNotNegative();
                    assertThat(front.slotAt(row)).isEqualTo(slot);
                    assertThat(front.srcLo(slot)).isEqualTo(f.srcLo());
                    assertThat(load(front, slot).count).isEqualTo(slot + 1);
                }
            }
        }
    }

    @Test
    void clearingTheFrontFreesEveryKey() {
        FrontAggregates front = new FrontAggregates(8, LIMITS);
        for (int slot = 0; slot < 8; slot++) {
            FlowRecord f = flow(slot, W);
            assertThat(add(front, open(front, slot, f), f)).isTrue();
        }
        front.clearAll(8);
        for (int slot = 0; slot < 8; slot++) {
            FlowRecord f = flow(slot, W);
            assertThat(front.find(W, f.srcHi(), f.srcLo(), FrontAggregates.sourceHash(W, f.srcHi(), f.srcLo()))).isNegative();
        }
        FlowRecord f = flow(3, W + 7);
        int row = open(front, 0, f);
        assertThat(add(front, row, f)).isTrue();
        assertThat(load(front, 0).count).isEqualTo(1);
        assertThat(load(front, 0).ipFlows[0]).isEqualTo(1);
    }
}
