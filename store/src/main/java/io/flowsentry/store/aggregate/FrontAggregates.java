package io.flowsentry.store.aggregate;

import io.flowsentry.flow.Action;
import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.flow.SourceType;
import java.util.Arrays;

/**
 * The front aggregation of {@link ChronicleSourceAggregates}: partial aggregates of up to {@code slots}
 * (window, source) keys on the heap, in flat arrays, laid out so that one flow touches few cache lines
 * and the lines it touches can be fetched in parallel.
 *
 * <p>The counters of a slot are one row of 8 longs ({@link #HEAD}, one cache line: {@link FlatRows}) and
 * 4 ints ({@link #META}). The distinct destination addresses and ports of all slots share three
 * open-addressing tables: an IPv4 address entry is 2 longs ((slot + 1) &lt;&lt; 32 | address, flows), any
 * other address entry 4 longs (slot + 1, lo, hi, flows), a port entry 2 longs ((slot + 1) &lt;&lt; 16 | port,
 * flows), each at a position hashed from (window, source, value). IPv4 entries of 16 bytes halve the table
 * that IPv4 traffic touches (8 MiB instead of 16 MiB at 16,384 slots; neither fits a 1 MiB L2, but the
 * smaller one takes half the pages and cache lines). That position
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
    private static final int IP4_STRIDE = 2;
    private static final int IP6_STRIDE = 4;
    private static final int PORT_STRIDE = 2;
    private static final long TOMBSTONE = -1;
    /** Table entries per slot: room for 16 destination addresses and 4 ports a slot on average at half load. */
    private static final int IPS_PER_SLOT = 32;
    private static final int PORTS_PER_SLOT = 8;
    /** 2^26 address entries of 32 bytes (a 2 GiB table of non-IPv4 addresses) at {@link #IPS_PER_SLOT} entries a slot. */
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

    private final long[] ip4Table;
    private final int ip4Mask;
    private int ip4Used;
    private final long[] ip6Table;
    private final int ip6Mask;
    private int ip6Used;
    /** Per slot, its addresses in first-seen order: an index into {@code ip4Table}, or {@code ~index} into {@code ip6Table}. */
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
        ip4Table = new long[FlatRows.FIRST_ROW + ipEntries * IP4_STRIDE];
        ip4Mask = ipEntries - 1;
        ip6Table = new long[FlatRows.FIRST_ROW + ipEntries * IP6_STRIDE];
        ip6Mask = ipEntries - 1;
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
        return ip4Used * 2 >= ip4Mask + 1 || ip6Used * 2 >= ip6Mask + 1 || portUsed * 2 >= portMask + 1;
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
        long ipHash = DistinctSketch.mix(sourceHash ^ dl * 0xff51afd7ed558ccdL ^ dh);
        boolean v4 = IpAddress.isIpv4(dh, dl);
        long ip4Key = tag << 32 | (dl & 0xffff_ffffL);
        int ip = v4 ? findIp4(ip4Key, ipHash) : findIp6(tag, ipHash, dh, dl);
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
        if (ip < 0) {
            ipOrder[slot * limits.maxDestIps() + meta[m + 1]++] = v4 ? insertIp4(~ip, ip4Key) : ~insertIp6(~ip, tag, dh, dl);
        } else if (v4) {
            ip4Table[ip + 1]++;
        } else {
            ip6Table[ip + 3]++;
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

    /** Fills the free IPv4 entry at array index {@code at} with one flow; returns {@code at}. */
    private int insertIp4(int at, long key) {
        ip4Table[at] = key;
        ip4Table[at + 1] = 1;
        ip4Used++;
        return at;
    }

    /** Fills the free entry at array index {@code at} of the non-IPv4 table with one flow; returns {@code at}. */
    private int insertIp6(int at, long tag, long hi, long lo) {
        ip6Table[at] = tag;
        ip6Table[at + 1] = lo;
        ip6Table[at + 2] = hi;
        ip6Table[at + 3] = 1;
        ip6Used++;
        return at;
    }

    /**
     * The array index of the IPv4 entry of {@code key} ((slot + 1) &lt;&lt; 32 | address: never 0, the free
     * entry, nor -1, the tombstone), or {@code ~index} of the free entry that would hold it.
     */
    private int findIp4(long key, long hash) {
        return probe(ip4Table, FlatRows.FIRST_ROW, IP4_STRIDE, ip4Mask, key, hash);
    }

    /** The array index of the entry holding the (non-IPv4) address, or {@code ~index} of the free entry that would. */
    private int findIp6(long tag, long hash, long hi, long lo) {
        int e = (int) hash & ip6Mask;
        while (true) {
            int k = FlatRows.FIRST_ROW + e * IP6_STRIDE;
            long t = ip6Table[k];
            if (t == 0) {
                return ~k;
            }
            if (t == tag && ip6Table[k + 1] == lo && ip6Table[k + 2] == hi) {
                return k;
            }
            e = (e + 1) & ip6Mask;
        }
    }

    private int findPort(long key, long hash) {
        return probe(portTable, 0, PORT_STRIDE, portMask, key, hash);
    }

    /**
     * Linear probing in a table whose entries are {@code stride} longs from element {@code first}, keyed by
     * their first long (never 0, the free entry, nor -1, the tombstone): the array index of the entry of
     * {@code key}, or {@code ~index} of the free entry that would hold it.
     */
    private static int probe(long[] table, int first, int stride, int mask, long key, long hash) {
        int e = (int) hash & mask;
        while (true) {
            int k = first + e * stride;
            long t = table[k];
            if (t == 0) {
                return ~k;
            }
            if (t == key) {
                return k;
            }
            e = (e + 1) & mask;
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
            if (k >= 0) {
                into.ipLo[i] = IpAddress.v4Lo((int) ip4Table[k]);
                into.ipHi[i] = 0;
                into.ipFlows[i] = ip4Table[k + 1];
            } else {
                into.ipLo[i] = ip6Table[~k + 1];
                into.ipHi[i] = ip6Table[~k + 2];
                into.ipFlows[i] = ip6Table[~k + 3];
            }
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

    /** Marks the first long of an {@link #ipOrder} entry: the free entry (0) or a tombstone. */
    private void setIpEntry(int order, long mark) {
        if (order >= 0) {
            ip4Table[order] = mark;
        } else {
            ip6Table[~order] = mark;
        }
    }

    /** Empties one slot: its table entries become tombstones, still counted by {@link #crowded()}. */
    void clear(int slot) {
        int m = slot * META;
        int o = slot * limits.maxDestIps();
        for (int i = 0; i < meta[m + 1]; i++) {
            setIpEntry(ipOrder[o + i], TOMBSTONE);
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
     * Empties slots {@code 0..used-1} and the three tables. While the tables are sparse (an eighth full or less)
     * and hold no tombstones, only the entries of the order lists are zeroed: a front of many sources with
     * one flow each then clears in time proportional to its flows, not to the 20 bytes of table per
     * entry of capacity.
     */
    void clearAll(int used) {
        if (tombstones || ip4Used * 8 > ip4Mask + 1 || ip6Used * 8 > ip6Mask + 1 || portUsed * 8 > portMask + 1) {
            // A table's used count includes its tombstones: a table with none used holds nothing to clear
            // (the non-IPv4 one is 16 MiB at 16,384 slots, untouched while IPv4 alone is seen).
            if (ip4Used > 0) {
                Arrays.fill(ip4Table, 0);
            }
            if (ip6Used > 0) {
                Arrays.fill(ip6Table, 0);
            }
            Arrays.fill(portTable, 0);
        } else {
            for (int slot = 0; slot < used; slot++) {
                int m = slot * META;
                int o = slot * limits.maxDestIps();
                for (int i = 0; i < meta[m + 1]; i++) {
                    setIpEntry(ipOrder[o + i], 0);
                }
                o = slot * limits.maxDestPorts();
                for (int i = 0; i < meta[m + 2]; i++) {
                    portTable[portOrder[o + i]] = 0;
                }
            }
        }
        Arrays.fill(meta, 0, used * META, 0);
        ip4Used = 0;
        ip6Used = 0;
        portUsed = 0;
        tombstones = false;
    }
}
