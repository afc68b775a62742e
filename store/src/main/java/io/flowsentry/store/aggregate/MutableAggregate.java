package io.flowsentry.store.aggregate;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * One (window, source) aggregate on the heap, reused: the state of {@link InMemorySourceAggregates} and
 * of the front aggregation before the Chronicle map.
 *
 * <p>Distinct sets keep at most the configured number of values, in first-seen order, each with the
 * number of flows that carried it. A set that is full either counts the flow as overflow (the
 * aggregate is final: {@link Mode#FINAL}) or refuses the flow (the aggregate is a partial one that
 * will be merged into a larger store: {@link Mode#PARTIAL}), so that the caller can merge it first. The
 * per-value flow counts make that merge give exactly what adding the flows one by one would give.
 *
 * <p>Distinct-count sketches are created at the first overflow, seeded with the values of the set,
 * then fed every value: the same registers as a sketch fed every value from the start.
 */
final class MutableAggregate {

    enum Mode { FINAL, PARTIAL }

    private final AggregateLimits limits;
    private final Mode mode;

    long windowStart;
    long srcHi;
    long srcLo;
    long firstTime;
    long lastTime;
    long count;
    long bytes;
    long packets;
    int actionBits;
    int sourceTypeBits;

    int ipCount;
    long[] ipHi = new long[4];
    long[] ipLo = new long[4];
    long[] ipFlows = new long[4];
    long ipOverflow;
    long[] ipSketch;

    int portCount;
    int[] ports = new int[4];
    long[] portFlows = new long[4];
    long portOverflow;
    long[] portSketch;

    int appCount;
    int[] apps = new int[AggregateLimits.MAX_APPS];
    long[] appFlows = new long[AggregateLimits.MAX_APPS];
    long appOverflow;

    MutableAggregate(AggregateLimits limits, Mode mode) {
        this.limits = limits;
        this.mode = mode;
        if (mode == Mode.PARTIAL) {
            // Front slots are created once and reused: full-size arrays allocated right after their owner
            // sit next to it in memory and never move to a regrown copy elsewhere in the heap.
            ipHi = new long[limits.maxDestIps()];
            ipLo = new long[limits.maxDestIps()];
            ipFlows = new long[limits.maxDestIps()];
            ports = new int[limits.maxDestPorts()];
            portFlows = new long[limits.maxDestPorts()];
        }
    }

    MutableAggregate reset(long windowStart, long srcHi, long srcLo) {
        this.windowStart = windowStart;
        this.srcHi = srcHi;
        this.srcLo = srcLo;
        firstTime = 0;
        lastTime = 0;
        count = 0;
        bytes = 0;
        packets = 0;
        actionBits = 0;
        sourceTypeBits = 0;
        ipCount = 0;
        ipOverflow = 0;
        ipSketch = null;
        portCount = 0;
        portOverflow = 0;
        portSketch = null;
        appCount = 0;
        appOverflow = 0;
        return this;
    }

    /** Sizes the set arrays to the largest bounds, for reading a stored aggregate into this one. */
    void ensureFullCapacity() {
        if (ipHi.length < AggregateLimits.MAX_DEST_IPS) {
            ipHi = new long[AggregateLimits.MAX_DEST_IPS];
            ipLo = new long[AggregateLimits.MAX_DEST_IPS];
            ipFlows = new long[AggregateLimits.MAX_DEST_IPS];
        }
        if (ports.length < AggregateLimits.MAX_DEST_PORTS) {
            ports = new int[AggregateLimits.MAX_DEST_PORTS];
            portFlows = new long[AggregateLimits.MAX_DEST_PORTS];
        }
    }

    int indexOfIp(long hi, long lo) {
        for (int i = 0; i < ipCount; i++) {
            if (ipLo[i] == lo && ipHi[i] == hi) {
                return i;
            }
        }
        return -1;
    }

    int indexOfPort(int port) {
        for (int i = 0; i < portCount; i++) {
            if (ports[i] == port) {
                return i;
            }
        }
        return -1;
    }

    int indexOfApp(int appId) {
        for (int i = 0; i < appCount; i++) {
            if (apps[i] == appId) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Adds one flow; {@code appId} from {@link AppDictionary#idOf}.
     *
     * @return {@code false}, changing nothing, when in {@link Mode#PARTIAL} a full set would refuse a value
     */
    boolean add(FlowRecord flow, int appId) {
        long dh = flow.dstHi();
        long dl = flow.dstLo();
        int port = flow.dstPort();
        int ip = indexOfIp(dh, dl);
        int pt = indexOfPort(port);
        int ap = appId >= 0 ? indexOfApp(appId) : -1;
        if (mode == Mode.PARTIAL && ((ip < 0 && ipCount == limits.maxDestIps())
                || (pt < 0 && portCount == limits.maxDestPorts())
                || (appId >= 0 && ap < 0 && appCount == limits.maxApps()))) {
            return false;
        }
        long t = flow.timeStart();
        if (count == 0 || t < firstTime) {
            firstTime = t;
        }
        if (count == 0 || t > lastTime) {
            lastTime = t;
        }
        count++;
        bytes += flow.bytes();
        packets += flow.packets();
        Action action = flow.action() == null ? Action.UNKNOWN : flow.action();
        actionBits |= 1 << action.ordinal();
        SourceType type = flow.sourceType();
        if (type != null) {
            sourceTypeBits |= 1 << type.ordinal();
        }
        addIp(ip, dh, dl, 1);
        addPort(pt, port, 1);
        if (appId == AppDictionary.FULL) {
            appOverflow++;
        } else if (appId >= 0) {
            addApp(ap, appId, 1);
        }
        return true;
    }

    private void addIp(int index, long hi, long lo, long flows) {
        if (index >= 0) {
            ipFlows[index] += flows;
        } else if (ipCount < limits.maxDestIps()) {
            if (ipCount == ipHi.length) {
                int n = Math.min(limits.maxDestIps(), ipCount * 2);
                ipHi = Arrays.copyOf(ipHi, n);
                ipLo = Arrays.copyOf(ipLo, n);
                ipFlows = Arrays.copyOf(ipFlows, n);
            }
            ipHi[ipCount] = hi;
            ipLo[ipCount] = lo;
            ipFlows[ipCount++] = flows;
        } else {
            if (ipSketch == null) {
                ipSketch = new long[DistinctSketch.WORDS];
                for (int i = 0; i < ipCount; i++) {
                    DistinctSketch.add(ipSketch, DistinctSketch.hashAddress(ipHi[i], ipLo[i]));
                }
            }
            ipOverflow += flows;
        }
        if (ipSketch != null) {
            DistinctSketch.add(ipSketch, DistinctSketch.hashAddress(hi, lo));
        }
    }

    private void addPort(int index, int port, long flows) {
        if (index >= 0) {
            portFlows[index] += flows;
        } else if (portCount < limits.maxDestPorts()) {
            if (portCount == ports.length) {
                int n = Math.min(limits.maxDestPorts(), portCount * 2);
                ports = Arrays.copyOf(ports, n);
                portFlows = Arrays.copyOf(portFlows, n);
            }
            ports[portCount] = port;
            portFlows[portCount++] = flows;
        } else {
            if (portSketch == null) {
                portSketch = new long[DistinctSketch.WORDS];
                for (int i = 0; i < portCount; i++) {
                    DistinctSketch.add(portSketch, DistinctSketch.hashPort(ports[i]));
                }
            }
            portOverflow += flows;
        }
        if (portSketch != null) {
            DistinctSketch.add(portSketch, DistinctSketch.hashPort(port));
        }
    }

    private void addApp(int index, int appId, long flows) {
        if (index >= 0) {
            appFlows[index] += flows;
        } else if (appCount < limits.maxApps()) {
            apps[appCount] = appId;
            appFlows[appCount++] = flows;
        } else {
            appOverflow += flows;
        }
    }

    /** An immutable snapshot; app ids are turned back into strings through {@code dictionary}. */
    SourceAggregate snapshot(AppDictionary dictionary) {
        List<String> ips = new ArrayList<>(ipCount);
        for (int i = 0; i < ipCount; i++) {
            ips.add(IpAddress.toString(ipHi[i], ipLo[i]));
        }
        List<Integer> portList = new ArrayList<>(portCount);
        for (int i = 0; i < portCount; i++) {
            portList.add(ports[i]);
        }
        List<String> appList = new ArrayList<>(appCount);
        for (int i = 0; i < appCount; i++) {
            appList.add(dictionary.app(apps[i]));
        }
        return new SourceAggregate(windowStart, srcHi, srcLo, firstTime, lastTime, count, bytes, packets,
                actionTexts(actionBits), List.copyOf(appList), List.copyOf(ips), List.copyOf(portList),
                sourceTypeTexts(sourceTypeBits), ipOverflow, portOverflow,
                estimate(ipCount, ipOverflow, ipSketch), estimate(portCount, portOverflow, portSketch),
                appOverflow);
    }

    /**
     * Exact while nothing overflowed; after that the sketch's estimate, but at least one more than the
     * values kept (an overflow proves one more distinct value existed).
     */
    static long estimate(int kept, long overflow, long[] sketch) {
        if (overflow == 0 || sketch == null) {
            return kept;
        }
        return Math.max(kept + 1L, DistinctSketch.estimate(sketch));
    }

    static List<String> actionTexts(int bits) {
        return texts(bits, Action.values(), Action::text);
    }

    static List<String> sourceTypeTexts(int bits) {
        return texts(bits, SourceType.values(), SourceType::text);
    }

    /** The texts of the constants whose ordinal bit is set, in ordinal order. */
    private static <E extends Enum<E>> List<String> texts(int bits, E[] values, Function<E, String> text) {
        List<String> out = new ArrayList<>(values.length);
        for (E e : values) {
            if ((bits & (1 << e.ordinal())) != 0) {
                out.add(text.apply(e));
            }
        }
        return List.copyOf(out);
    }
}
