package io.flowsentry.collector.detect;

import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.store.aggregate.SourceAggregate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The aggregate of a handful of flows of one (window, source), kept by the engine itself for early and
 * late rows (the window's aggregate lives in the store). Distinct destination addresses and ports are
 * bounded as in the store; a new value past the bound counts as overflow, and the estimate is then the
 * bound plus the overflow (an upper bound: overflowing flows may repeat a value).
 */
final class RowAccumulator {

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
    private final Set<String> actions = new LinkedHashSet<>();
    private final Set<String> apps = new LinkedHashSet<>();
    private final Set<String> destIps = new LinkedHashSet<>();
    private final Set<Integer> destPorts = new LinkedHashSet<>();
    private final Set<String> sourceTypes = new LinkedHashSet<>();
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
        actions.add(f.action().text());
        if (f.app() != null) {
            apps.add(f.app());
        }
        if (f.sourceType() != null) {
            sourceTypes.add(f.sourceType().text());
        }
        String dest = IpAddress.toString(f.dstHi(), f.dstLo());
        if (!destIps.contains(dest)) {
            if (destIps.size() < maxDestIps) {
                destIps.add(dest);
            } else {
                destIpsOverflow++;
            }
        }
        Integer port = f.dstPort();
        if (!destPorts.contains(port)) {
            if (destPorts.size() < maxDestPorts) {
                destPorts.add(port);
            } else {
                destPortsOverflow++;
            }
        }
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
        return new SourceAggregate(windowStart, srcHi, srcLo, firstTime, lastTime, count, bytes, packets,
                new ArrayList<>(actions), new ArrayList<>(apps), new ArrayList<>(destIps),
                new ArrayList<>(destPorts), new ArrayList<>(sourceTypes), destIpsOverflow, destPortsOverflow,
                destIps.size() + destIpsOverflow, destPorts.size() + destPortsOverflow);
    }
}
