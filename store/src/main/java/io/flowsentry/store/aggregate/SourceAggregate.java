package io.flowsentry.store.aggregate;

import java.util.List;

/**
 * An immutable snapshot of one (window, source) aggregate. Lists hold distinct values in no
 * particular order; the detection row sorts them.
 *
 * @param windowStart        window start, epoch ms
 * @param srcHi              source address, high word ({@link io.flowsentry.flow.IpAddress})
 * @param srcLo              source address, low word
 * @param firstTime          earliest event time (flow start), epoch ms
 * @param lastTime           latest event time, epoch ms
 * @param count              matching flows
 * @param bytes              sum of the flows' bytes
 * @param packets            sum of the flows' packets
 * @param actions            distinct {@code action} texts
 * @param apps               distinct {@code app} values (absent apps add none)
 * @param destIps            distinct destination addresses in canonical text, at most the configured bound
 * @param destPorts          distinct destination ports, at most the configured bound
 * @param sourceTypes        distinct {@code sourcetype} texts
 * @param destIpsOverflow    flows whose destination address was new but did not fit the bound
 * @param destPortsOverflow  flows whose destination port was new but did not fit the bound
 * @param destIpsEstimate    estimate of the true number of distinct destination addresses
 * @param destPortsEstimate  estimate of the true number of distinct destination ports
 * @param appsOverflow       flows whose app was new but did not fit the bound (or the app dictionary)
 */
public record SourceAggregate(
        long windowStart,
        long srcHi,
        long srcLo,
        long firstTime,
        long lastTime,
        long count,
        long bytes,
        long packets,
        List<String> actions,
        List<String> apps,
        List<String> destIps,
        List<Integer> destPorts,
        List<String> sourceTypes,
        long destIpsOverflow,
        long destPortsOverflow,
        long destIpsEstimate,
        long destPortsEstimate,
        long appsOverflow) {

    /** The form without {@code appsOverflow} (0). */
    public SourceAggregate(long windowStart, long srcHi, long srcLo, long firstTime, long lastTime, long count,
            long bytes, long packets, List<String> actions, List<String> apps, List<String> destIps,
            List<Integer> destPorts, List<String> sourceTypes, long destIpsOverflow, long destPortsOverflow,
            long destIpsEstimate, long destPortsEstimate) {
        this(windowStart, srcHi, srcLo, firstTime, lastTime, count, bytes, packets, actions, apps, destIps,
                destPorts, sourceTypes, destIpsOverflow, destPortsOverflow, destIpsEstimate, destPortsEstimate, 0);
    }

    /** True when some distinct value did not fit its bound. */
    public boolean truncated() {
        return destIpsOverflow > 0 || destPortsOverflow > 0 || appsOverflow > 0;
    }

    public String srcIp() {
        return io.flowsentry.flow.IpAddress.toString(srcHi, srcLo);
    }
}
