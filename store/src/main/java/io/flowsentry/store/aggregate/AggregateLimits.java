package io.flowsentry.store.aggregate;

/**
 * Bounds of one aggregate's distinct sets and of the app dictionary.
 *
 * <p>The persisted value ({@code AggregateValue}) has arrays of {@link #MAX_DEST_IPS},
 * {@link #MAX_DEST_PORTS} and {@link #MAX_APPS} slots, so a bound can be lowered but not raised
 * past them. At the defaults one value is 64 x 16 B of addresses + 32 x 4 B of ports + 8 x 4 B of app
 * ids + 2 x 128 B of sketches + 96 B of counters, about 1.5 KiB.
 *
 * @param maxDestIps     distinct destination addresses kept per aggregate, 1..64
 * @param maxDestPorts   distinct destination ports kept per aggregate, 1..32
 * @param maxApps        distinct apps kept per aggregate, 1..8
 * @param maxDictionary  distinct app strings the store interns in all, 1..65,536
 */
public record AggregateLimits(int maxDestIps, int maxDestPorts, int maxApps, int maxDictionary) {

    public static final int MAX_DEST_IPS = 64;
    public static final int MAX_DEST_PORTS = 32;
    public static final int MAX_APPS = 8;
    public static final int MAX_DICTIONARY = 65_536;

    /** 64 addresses, 32 ports (the detection's defaults), 8 apps, 4,096 app strings. */
    public static final AggregateLimits DEFAULTS = new AggregateLimits(MAX_DEST_IPS, MAX_DEST_PORTS, MAX_APPS, 4096);

    /** The defaults with other bounds of destination addresses and ports (e.g. the configuration's). */
    public static AggregateLimits ofDestinations(int maxDestIps, int maxDestPorts) {
        return new AggregateLimits(maxDestIps, maxDestPorts, MAX_APPS, DEFAULTS.maxDictionary());
    }

    public AggregateLimits {
        check("maxDestIps", maxDestIps, MAX_DEST_IPS);
        check("maxDestPorts", maxDestPorts, MAX_DEST_PORTS);
        check("maxApps", maxApps, MAX_APPS);
        check("maxDictionary", maxDictionary, MAX_DICTIONARY);
    }

    private static void check(String name, int value, int max) {
        if (value < 1 || value > max) {
            throw new IllegalArgumentException("invalid " + name + ": " + value + " (expected: 1 ~ " + max + ")");
        }
    }
}
