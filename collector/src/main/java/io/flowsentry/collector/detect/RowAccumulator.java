package io.flowsentry.collector.detect;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import io.flowsentry.store.aggregate.SourceAggregate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The aggregate of a handful of flows of one (window, source), kept by the engine itself for early and
 * late rows (the window's aggregate lives in the store). Distinct destination addresses and ports are
 * bounded as in the store; a new value past the bound counts as overflow, and the estimate is then the
 * bound plus the overflow (an upper bound: overflowing flows may repeat a value).
 *
 * <p>Kept as primitives (addresses as two longs, ports as ints, actions and source types as bits of their
 * enums) and turned into text only by {@link #snapshot}: a worm's first second opens an accumulator for each
 * of 100,000 sources and adds every further flow of theirs to it. With a text address and a boxed port per
 * flow, hashed into sets, a worm of 0.5 M flows/s lost 10-10.5% of its flows; without, 8.8-9.4%
 * (BENCHMARKS.md, "The worm's first seconds").
 */
final class RowAccumulator {

    private static final Action[] ACTIONS = Action.values();
    private static final SourceType[] SOURCE_TYPES = SourceType.values();

    private final long windowStart;
    private final long srcHi;
    private final long srcLo;
    private final int maxDestIps;
    private final int maxDestPorts;
    private long firstAddedTime = Long.MIN_VALUE;
    private long firstTime = Long.MAX_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private long count;
    private long bytes;
    private long packets;
    private int actionBits;
    private int sourceTypeBits;
    /** Created for the first flow that names an app (NetFlow and IPFIX flows name none). */
    private Set<String> apps;
    /** Destinations in first-seen order: (high, low) halves at 2i and 2i + 1; grown up to the bound. */
    private long[] destIps = new long[8];
    private int destIpCount;
    private int[] destPorts = new int[4];
    private int destPortCount;
    private long destIpsOverflow;
    private long destPortsOverflow;

    RowAccumulator(long windowStart, long srcHi, long srcLo, int maxDestIps, int maxDestPorts) {
        this.windowStart = windowStart;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        this.maxDestIps = maxDestIps;
        this.maxDestPorts = maxDestPorts;
    }

    void add(FlowRecord f) {
        if (count == 0) {
            firstAddedTime = f.timeStart();
        }
        firstTime = Math.min(firstTime, f.timeStart());
        lastTime = Math.max(lastTime, f.timeStart());
        count++;
        bytes += f.bytes();
        packets += f.packets();
        actionBits |= 1 << (f.action() == null ? Action.UNKNOWN : f.action()).ordinal();
        if (f.app() != null) {
            if (apps == null) {
                apps = new LinkedHashSet<>();
            }
            apps.add(f.app());
        }
        if (f.sourceType() != null) {
            sourceTypeBits |= 1 << f.sourceType().ordinal();
        }
        addDestIp(f.dstHi(), f.dstLo());
        addDestPort(f.dstPort());
    }

    private void addDestIp(long hi, long lo) {
        for (int i = 0; i < destIpCount; i++) {
            if (destIps[2 * i + 1] == lo && destIps[2 * i] == hi) {
                return;
            }
        }
        if (destIpCount == maxDestIps) {
            destIpsOverflow++;
            return;
        }
        if (2 * destIpCount == destIps.length) {
            destIps = Arrays.copyOf(destIps, 2 * Math.min(maxDestIps, destIpCount * 2));
        }
        destIps[2 * destIpCount] = hi;
        destIps[2 * destIpCount++ + 1] = lo;
    }

    private void addDestPort(int port) {
        for (int i = 0; i < destPortCount; i++) {
            if (destPorts[i] == port) {
                return;
            }
        }
        if (destPortCount == maxDestPorts) {
            destPortsOverflow++;
            return;
        }
        if (destPortCount == destPorts.length) {
            destPorts = Arrays.copyOf(destPorts, Math.min(maxDestPorts, destPortCount * 2));
        }
        destPorts[destPortCount++] = port;
    }

    long windowStart() {
        return windowStart;
    }

    /** The event time of the first flow added: what triggered an early row. */
    long firstAddedTime() {
        return firstAddedTime;
    }

    long firstTime() {
        return firstTime;
    }

    long lastTime() {
        return lastTime;
    }

    long count() {
        return count;
    }

    SourceAggregate snapshot() {
        List<String> ips = new ArrayList<>(destIpCount);
        for (int i = 0; i < destIpCount; i++) {
            ips.add(IpAddress.toString(destIps[2 * i], destIps[2 * i + 1]));
        }
        List<Integer> ports = new ArrayList<>(destPortCount);
        for (int i = 0; i < destPortCount; i++) {
            ports.add(destPorts[i]);
        }
        List<String> actions = new ArrayList<>(2);
        for (Action a : ACTIONS) {
            if ((actionBits & 1 << a.ordinal()) != 0) {
                actions.add(a.text());
            }
        }
        List<String> sourceTypes = new ArrayList<>(1);
        for (SourceType t : SOURCE_TYPES) {
            if ((sourceTypeBits & 1 << t.ordinal()) != 0) {
                sourceTypes.add(t.text());
            }
        }
        return new SourceAggregate(windowStart, srcHi, srcLo, firstTime, lastTime, count, bytes, packets,
                actions, apps == null ? new ArrayList<>() : new ArrayList<>(apps), ips, ports, sourceTypes,
                destIpsOverflow, destPortsOverflow, destIpCount + destIpsOverflow, destPortCount + destPortsOverflow);
    }
}
