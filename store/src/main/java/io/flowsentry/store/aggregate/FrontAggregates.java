package io.flowsentry.store.aggregate;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.SourceType;
import java.util.Arrays;

/**
 * The front aggregation of {@link ChronicleSourceAggregates}: partial aggregates of up to {@code slots}
 * (window, source) keys on the heap, in flat arrays, laid out so that one flow touches few cache lines
 * and the lines it touches can be fetched in parallel.
 *
 * <p>The counters of a slot are one row of 8 longs ({@link #HEAD}, one cache line: {@link FlatRows}) and
 * 4 ints ({@link #META}). The distinct destination addresses and ports of all slots share two
 * open-addressing tables: an address entry is 4 longs (slot + 1, lo, hi, flows), a port entry 2 longs
 * ((slot + 1) &lt;&lt; 16 | port, flows), at a position hashed from (window, source, value). That position
 * depends on the flow alone, so its load does not wait for the slot lookup and the two overlap; a hit
 * reads one entry, where a list per slot scanned up to 64 addresses spread over three arrays. Each slot
 * lists its table positions in first-seen order, the order {@link #load} gives them back in: merging a
 * slot into the map keeps the values a flow-by-flow update would keep. Apps (at most 8 per slot) are
 * scanned in the slot's own row.
 *
 * <p>A slot whose set is full refuses the flow ({@link #add} returns false) so that the caller merges and
 * {@link #clear(int)}s it first, as {@link MutableAggregate.Mode#PARTIAL} does. A cleared slot leaves
 * tombstones in the tables; {@link #crowded()} says when the tables are half full, tombstones included,
 * and the caller then merges every slot and calls {@link #clearAll(int)}. Linear probing therefore always
 * finds a free entry. Not thread-safe.
 */
final class FrontAggregates {

    /** Longs per slot in {@code heads}: window, source hi, source lo, first, last, count, bytes, packets. */
    private static final int HEAD = 8;
    /** Ints per slot in {@code meta}: action and source type bits, address count, port count, app count. */
    private static final int META = 4;
    private static final int IP_STRIDE = 4;
    private static final int PORT_STRIDE = 2;
    private static final long TOMBSTONE = -1;
    /** Table entries per slot: room for 16 destination addresses and 4 ports a slot on average at half load. */
    private static final int IPS_PER_SLOT = 32;
    private static final int PORTS_PER_SLOT = 8;
    /** 2^26 address entries of 32 bytes (a 2 GiB table) at {@link #IPS_PER_SLOT} entries a slot. */
    static final int MAX_SLOTS = (1 << 26) / IPS_PER_SLOT;

    private final AggregateLimits limits;
    private final int slots;
    private final long[] heads;
    private final int[] meta;
    private final long[] appOverflow;
    private final int[] appIds;
    private final long[] appFlows;

    /** Slots cleared one by one since the last {@link #clearAll}: their tombstones are in no order list. */
    private boolean tombstones;

    private final long[] ipTable;
    private final int ipMask;
    private int ipUsed;
    private final int[] ipOrder;

    private final long[] portTable;
    private final int portMask;
    private int portUsed;
    private final int[] portOrder;

    FrontAggregates(int slots, AggregateLimits limits) {
        this.limits = limits;
        this.slots = slots;
        heads = new long[FlatRows.FIRST_ROW + slots * HEAD];
        meta = new int[slots * META];
        appOverflow = new long[slots];
        appIds = new int[slots * AggregateLimits.MAX_APPS];
        appFlows = new long[slots * AggregateLimits.MAX_APPS];
        int ipEntries = tableSize(slots, IPS_PER_SLOT, limits.maxDestIps());
        ipTable = new long[FlatRows.FIRST_ROW + ipEntries * IP_STRIDE];
        ipMask = ipEntries - 1;
        ipOrder = new int[slots * limits.maxDestIps()];
        int portEntries = tableSize(slots, PORTS_PER_SLOT, limits.maxDestPorts());
        portTable = new long[portEntries * PORT_STRIDE];
        portMask = portEntries - 1;
        portOrder = new int[slots * limits.maxDestPorts()];
    }

    /**
     * A power of two of at least {@code slots x perSlot} entries, and at least twice one slot's bound plus
     * one, so that a single slot can always fill its set before the table is half full.
     */
    private static int tableSize(int slots, int perSlot, int bound) {
        long wanted = Math.max((long) slots * perSlot, 2L * bound + 2);
        if (wanted > 1 << 26) {
            throw new IllegalArgumentException("too many front slots: " + slots + " (expected: at most " + MAX_SLOTS + ")");
        }
        return Integer.highestOneBit((int) wanted - 1) << 1;
    }

    int slots() {
        return slots;
    }

    /** True when a table is half full: merge every slot and {@link #clearAll(int)} before the next add. */
    boolean crowded() {
        return ipUsed * 2 >= ipMask + 1 || portUsed * 2 >= portMask + 1;
    }

    /** Starts {@code slot} empty for a key; the slot must be clear (never used, or cleared since). */
    void open(int slot, long window, long hi, long lo) {
        int h = head(slot);
        heads[h] = window;
        heads[h + 1] = hi;
        heads[h + 2] = lo;
        Arrays.fill(heads, h + 3, h + HEAD, 0);
        Arrays.fill(meta, slot * META, slot * META + META, 0);
        appOverflow[slot] = 0;
    }

    private static int head(int slot) {
        return FlatRows.FIRST_ROW + slot * HEAD;
    }

    long window(int slot) {
        return heads[head(slot)];
    }

    long srcHi(int slot) {
        return heads[head(slot) + 1];
    }

    long srcLo(int slot) {
        return heads[head(slot) + 2];
    }

    static long sourceHash(long window, long hi, long lo) {
        return DistinctSketch.mix(window * 0x9e3779b97f4a7c15L ^ hi * 0xc2b2ae3d27d4eb4fL ^ lo);
    }

    /**
     * Adds one flow to {@code slot}; {@code sourceHash} from {@link #sourceHash} of the slot's key, {@code appId}
     * from {@link AppDictionary#idOf}.
     *
     * @return false, changing nothing, when a full distinct set would refuse one of the flow's values
     */
    boolean add(int slot, long sourceHash, FlowRecord flow, int appId) {
        long dh = flow.dstHi();
        long dl = flow.dstLo();
        int port = flow.dstPort();
        long tag = slot + 1L;
        // Both table positions depend on the flow only: their loads overlap with each other.
        int ip = findIp(tag, DistinctSketch.mix(sourceHash ^ dl * 0xff51afd7ed558ccdL ^ dh), dh, dl);
        long portKey = tag << 16 | port;
        int pt = findPort(portKey, DistinctSketch.mix(sourceHash + port));
        int m = slot * META;
        int ap = appId >= 0 ? indexOfApp(slot, meta[m + 3], appId) : -1;
        if ((ip < 0 && meta[m + 1] == limits.maxDestIps())
                || (pt < 0 && meta[m + 2] == limits.maxDestPorts())
                || (appId >= 0 && ap < 0 && meta[m + 3] == limits.maxApps())) {
            return false;
        }
        int h = head(slot);
        long t = flow.timeStart();
        long count = heads[h + 5];
        if (count == 0 || t < heads[h + 3]) {
            heads[h + 3] = t;
        }
        if (count == 0 || t > heads[h + 4]) {
            heads[h + 4] = t;
        }
        heads[h + 5] = count + 1;
        heads[h + 6] += flow.bytes();
        heads[h + 7] += flow.packets();
        Action action = flow.action() == null ? Action.UNKNOWN : flow.action();
        SourceType type = flow.sourceType();
        meta[m] |= 1 << action.ordinal() | (type == null ? 0 : 1 << (16 + type.ordinal()));
        if (ip >= 0) {
            ipTable[ip + 3]++;
        } else {
            int at = ~ip;
            ipTable[at] = tag;
            ipTable[at + 1] = dl;
            ipTable[at + 2] = dh;
            ipTable[at + 3] = 1;
            ipUsed++;
            ipOrder[slot * limits.maxDestIps() + meta[m + 1]++] = at;
        }
        if (pt >= 0) {
            portTable[pt + 1]++;
        } else {
            int at = ~pt;
            portTable[at] = portKey;
            portTable[at + 1] = 1;
            portUsed++;
            portOrder[slot * limits.maxDestPorts() + meta[m + 2]++] = at;
        }
        if (appId == AppDictionary.FULL) {
            appOverflow[slot]++;
        } else if (appId >= 0) {
            int a = slot * AggregateLimits.MAX_APPS;
            if (ap >= 0) {
                appFlows[a + ap]++;
            } else {
                appIds[a + meta[m + 3]] = appId;
                appFlows[a + meta[m + 3]++] = 1;
            }
        }
        return true;
    }

    /** The array index of the entry holding the address, or {@code ~index} of the free entry that would. */
    private int findIp(long tag, long hash, long hi, long lo) {
        int e = (int) hash & ipMask;
        while (true) {
            int k = FlatRows.FIRST_ROW + e * IP_STRIDE;
            long t = ipTable[k];
            if (t == 0) {
                return ~k;
            }
            if (t == tag && ipTable[k + 1] == lo && ipTable[k + 2] == hi) {
                return k;
            }
            e = (e + 1) & ipMask;
        }
    }

    private int findPort(long key, long hash) {
        int e = (int) hash & portMask;
        while (true) {
            int k = e * PORT_STRIDE;
            long t = portTable[k];
            if (t == 0) {
                return ~k;
            }
            if (t == key) {
                return k;
            }
            e = (e + 1) & portMask;
        }
    }

    private int indexOfApp(int slot, int count, int appId) {
        int a = slot * AggregateLimits.MAX_APPS;
        for (int i = 0; i < count; i++) {
            if (appIds[a + i] == appId) {
                return i;
            }
        }
        return -1;
    }

    /** Copies {@code slot} into {@code into} (a {@link MutableAggregate.Mode#PARTIAL} aggregate of the same limits). */
    void load(int slot, MutableAggregate into) {
        int h = head(slot);
        int m = slot * META;
        into.reset(heads[h], heads[h + 1], heads[h + 2]);
        into.firstTime = heads[h + 3];
        into.lastTime = heads[h + 4];
        into.count = heads[h + 5];
        into.bytes = heads[h + 6];
        into.packets = heads[h + 7];
        into.actionBits = meta[m] & 0xffff;
        into.sourceTypeBits = meta[m] >>> 16;
        int ips = meta[m + 1];
        int o = slot * limits.maxDestIps();
        for (int i = 0; i < ips; i++) {
            int k = ipOrder[o + i];
            into.ipLo[i] = ipTable[k + 1];
            into.ipHi[i] = ipTable[k + 2];
            into.ipFlows[i] = ipTable[k + 3];
        }
        into.ipCount = ips;
        int ports = meta[m + 2];
        o = slot * limits.maxDestPorts();
        for (int i = 0; i < ports; i++) {
            int k = portOrder[o + i];
            into.ports[i] = (int) (portTable[k] & 0xffff);
            into.portFlows[i] = portTable[k + 1];
        }
        into.portCount = ports;
        int apps = meta[m + 3];
        int a = slot * AggregateLimits.MAX_APPS;
        for (int i = 0; i < apps; i++) {
            into.apps[i] = appIds[a + i];
            into.appFlows[i] = appFlows[a + i];
        }
        into.appCount = apps;
        into.appOverflow = appOverflow[slot];
    }

    /** Empties one slot: its table entries become tombstones, still counted by {@link #crowded()}. */
    void clear(int slot) {
        int m = slot * META;
        int o = slot * limits.maxDestIps();
        for (int i = 0; i < meta[m + 1]; i++) {
            ipTable[ipOrder[o + i]] = TOMBSTONE;
        }
        o = slot * limits.maxDestPorts();
        for (int i = 0; i < meta[m + 2]; i++) {
            portTable[portOrder[o + i]] = TOMBSTONE;
        }
        meta[m + 1] = 0;
        meta[m + 2] = 0;
        tombstones = true;
    }

    /**
     * Empties slots {@code 0..used-1} and both tables. While the tables are sparse (an eighth full or less)
     * and hold no tombstones, only the entries of the order lists are zeroed: a front of many sources with
     * one flow each then clears in time proportional to its flows, not to the 20 bytes of table per
     * entry of capacity.
     */
    void clearAll(int used) {
        if (tombstones || ipUsed * 8 > ipMask + 1 || portUsed * 8 > portMask + 1) {
            Arrays.fill(ipTable, 0);
            Arrays.fill(portTable, 0);
        } else {
            for (int slot = 0; slot < used; slot++) {
                int m = slot * META;
                int o = slot * limits.maxDestIps();
                for (int i = 0; i < meta[m + 1]; i++) {
                    ipTable[ipOrder[o + i]] = 0;
                }
                o = slot * limits.maxDestPorts();
                for (int i = 0; i < meta[m + 2]; i++) {
                    portTable[portOrder[o + i]] = 0;
                }
            }
        }
        Arrays.fill(meta, 0, used * META, 0);
        ipUsed = 0;
        portUsed = 0;
        tombstones = false;
    }
}
