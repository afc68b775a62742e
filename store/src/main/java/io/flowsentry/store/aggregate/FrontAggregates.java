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
 * <p>The keys are an open-addressing table of rows of 8 longs, one cache line each ({@link FlatRows}):
 * the key (window, source hi, source lo), the tally (slot number, action and source type bits, flows),
 * first and last time, bytes and packets. Finding a flow's key therefore brings in every counter the flow
 * updates: a flow whose values the slot already holds touches its row and one entry in each of the two
 * value tables below, and all three positions are hashed from the flow alone, so the three loads overlap.
 * The table has at least twice as many rows as there are slots and never grows; a key leaves it with
 * backward-shift deletion or when the whole front is cleared. A slot number (0 to {@code slots - 1},
 * handed out densely by the caller) names the aggregate everywhere else: in the value tables' tags, the
 * order lists and the caller's own per-slot state.
 *
 * <p>The distinct destination addresses and ports of all slots share three open-addressing tables: an
 * IPv4 address entry is one long (slot + 1, address, flows, packed: {@link #ip4FlowBits}), a port entry
 * one long (slot + 1, port, flows), any other address entry 4 longs (slot + 1, lo, hi, flows), each at a
 * position hashed from (window, source, value). The packed entries make the tables that IPv4 traffic
 * touches 4 MiB and 1 MiB at 16,384 slots, where 16-byte entries made them 8 MiB and 2 MiB (against a
 * 2 MiB L2: half the pages and cache lines). A packed entry counts up to 2^17 - 1 flows at 16,384 slots
 * (2^10 - 1 at the most slots); the flow after that is refused like a value of a full set. A hit reads one
 * entry, where a list per slot scanned up to 64 addresses spread over three arrays. Each slot lists its
 * table positions in first-seen order, the order {@link #load} gives them back in: merging a slot into the
 * map keeps the values a flow-by-flow update would keep. The counts of a slot's sets and its apps (at most
 * 8) are read only when a flow brings a value the slot does not hold yet.
 *
 * <p>A slot whose set is full, or whose flow count would pass {@code maxFlows}, refuses the flow
 * ({@link #add} returns false) so that the caller merges it and {@link #restart}s it first, as
 * {@link MutableAggregate.Mode#PARTIAL} does. A restarted or removed slot leaves tombstones in the value
 * tables; {@link #crowded()} says when they are half full, tombstones included, and the caller then merges
 * every slot and calls {@link #clearAll(int)}. Linear probing therefore always finds a free entry. Not
 * thread-safe.
 */
final class FrontAggregates {

    /** Longs per key row: window, source hi, source lo, tally, first, last, bytes, packets. */
    private static final int ROW = 8;
    private static final int TALLY = 3;
    private static final int FIRST = 4;
    private static final int LAST = 5;
    private static final int BYTES = 6;
    private static final int PACKETS = 7;
    /**
     * The tally: bits 41-63 the slot number + 1 (never 0 in a used row: a free row's tally is 0), bits 32-40
     * one bit per {@link Action} then one per {@link SourceType} seen, bits 0-31 the flows.
     */
    private static final int SLOT_SHIFT = 41;
    private static final int BITS_SHIFT = 32;
    private static final long FLOWS_MASK = 0xffff_ffffL;
    private static final int ACTIONS = Action.values().length;
    /** Flows a slot counts before it refuses the next one and is merged: 2^32 - 1, far above a second of any source. */
    static final long MAX_FLOWS = FLOWS_MASK;
    /** Ints per slot in {@code meta}: address count, port count, app count. */
    private static final int META = 3;
    private static final int IPS = 0;
    private static final int PORTS = 1;
    private static final int APPS = 2;
    private static final int IP6_STRIDE = 4;
    private static final long TOMBSTONE = -1;
    /** Table entries per slot: room for 16 destination addresses and 4 ports a slot on average at half load. */
    private static final int IPS_PER_SLOT = 32;
    private static final int PORTS_PER_SLOT = 8;
    /** 2^26 address entries of 32 bytes (a 2 GiB table of non-IPv4 addresses) at {@link #IPS_PER_SLOT} entries a slot. */
    static final int MAX_SLOTS = (1 << 26) / IPS_PER_SLOT;

    static {
        if (ACTIONS + SourceType.values().length > SLOT_SHIFT - BITS_SHIFT || MAX_SLOTS >= 1 << (64 - SLOT_SHIFT)) {
            throw new ExceptionInInitializerError("the tally's fields do not fit in 64 bits");
        }
    }

    private final AggregateLimits limits;
    private final int slots;
    private final long maxFlows;
    /** The key rows; {@code rowOf[slot]} is the array index of a used slot's row. */
    private final long[] rows;
    private final int rowMask;
    private final int[] rowOf;
    private final int[] meta;
    private final long[] appOverflow;
    private final int[] appIds;
    private final long[] appFlows;

    /** Slots restarted or removed since the last {@link #clearAll}: their tombstones are in no order list. */
    private boolean tombstones;

    /**
     * IPv4 and port entries: the tag (slot + 1) in the top bits, enough for every slot and never all ones
     * (so no key equals the tombstone, -1), then the address (32 bits) or port (16 bits), then the flows in
     * the low {@code ip4FlowBits} or {@code portFlowBits}.
     */
    private final int ip4FlowBits;
    private final long ip4FlowMask;
    private final int portFlowBits;
    private final long portFlowMask;
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
        this(slots, limits, MAX_FLOWS);
    }

    /** With {@code maxFlows} (1 to {@link #MAX_FLOWS}) flows a slot counts before it refuses the next one. */
    FrontAggregates(int slots, AggregateLimits limits, long maxFlows) {
        if (maxFlows < 1 || maxFlows > MAX_FLOWS) {
            throw new IllegalArgumentException("invalid maxFlows: " + maxFlows + " (expected: 1 ~ " + MAX_FLOWS + ")");
        }
        this.limits = limits;
        this.slots = slots;
        this.maxFlows = maxFlows;
        int rowCount = Integer.highestOneBit(Math.max(16, 2 * slots - 1)) << 1;
        rows = new long[FlatRows.FIRST_ROW + rowCount * ROW];
        rowMask = rowCount - 1;
        rowOf = new int[slots];
        meta = new int[slots * META];
        appOverflow = new long[slots];
        appIds = new int[slots * AggregateLimits.MAX_APPS];
        appFlows = new long[slots * AggregateLimits.MAX_APPS];
        int ipEntries = tableSize(slots, IPS_PER_SLOT, limits.maxDestIps());
        int tagBits = 64 - Long.numberOfLeadingZeros(slots + 1L); // slot + 1 <= slots < 2^tagBits - 1
        ip4FlowBits = 64 - tagBits - 32;
        ip4FlowMask = (1L << ip4FlowBits) - 1;
        portFlowBits = 64 - tagBits - 16;
        portFlowMask = (1L << portFlowBits) - 1;
        ip4Table = new long[ipEntries];
        ip4Mask = ipEntries - 1;
        ip6Table = new long[FlatRows.FIRST_ROW + ipEntries * IP6_STRIDE];
        ip6Mask = ipEntries - 1;
        ipOrder = new int[slots * limits.maxDestIps()];
        int portEntries = tableSize(slots, PORTS_PER_SLOT, limits.maxDestPorts());
        portTable = new long[portEntries];
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

    /**
     * The array index of the row of the key, or {@code ~index} of the free row that would hold it;
     * {@code sourceHash} from {@link #sourceHash} of the key.
     */
    int find(long window, long hi, long lo, long sourceHash) {
        int e = (int) sourceHash & rowMask;
        while (true) {
            int k = FlatRows.FIRST_ROW + e * ROW;
            if (rows[k + TALLY] == 0) {
                return ~k;
            }
            if (rows[k + 2] == lo && rows[k + 1] == hi && rows[k] == window) {
                return k;
            }
            e = (e + 1) & rowMask;
        }
    }

    /**
     * Starts {@code slot} empty for a key the front does not hold; the slot must be clear (never used, or
     * removed or cleared since). Returns the key's row.
     */
    int open(int slot, long window, long hi, long lo, long sourceHash) {
        int k = ~find(window, hi, lo, sourceHash);
        rows[k] = window;
        rows[k + 1] = hi;
        rows[k + 2] = lo;
        rows[k + TALLY] = (slot + 1L) << SLOT_SHIFT;
        startCounters(k);
        rowOf[slot] = k;
        Arrays.fill(meta, slot * META, slot * META + META, 0);
        appOverflow[slot] = 0;
        return k;
    }

    private void startCounters(int row) {
        rows[row + FIRST] = Long.MAX_VALUE;
        rows[row + LAST] = Long.MIN_VALUE;
        rows[row + BYTES] = 0;
        rows[row + PACKETS] = 0;
    }

    /** The slot of a used row. */
    int slotAt(int row) {
        return (int) (rows[row + TALLY] >>> SLOT_SHIFT) - 1;
    }

    long window(int slot) {
        return rows[rowOf[slot]];
    }

    long srcHi(int slot) {
        return rows[rowOf[slot] + 1];
    }

    long srcLo(int slot) {
        return rows[rowOf[slot] + 2];
    }

    static long sourceHash(long window, long hi, long lo) {
        return DistinctSketch.mix(window * 0x9e3779b97f4a7c15L ^ hi * 0xc2b2ae3d27d4eb4fL ^ lo);
    }

    private static long ipHash(long sourceHash, long dh, long dl) {
        return DistinctSketch.mix(sourceHash ^ dl * 0xff51afd7ed558ccdL ^ dh);
    }

    private static long portHash(long sourceHash, int port) {
        return DistinctSketch.mix(sourceHash + port);
    }

    /**
     * Reads the first word of each place an {@link #add} of this flow starts its search at: the home row of
     * its key, and the home entries of its destination address and port. Loads issued back to back for a
     * group of flows wait for memory together, where each flow's own add would wait in turn; the adds that
     * follow find those lines in cache. Changes nothing; the sum is returned so that the loads are kept.
     */
    long touch(long sourceHash, FlowRecord flow) {
        long dh = flow.dstHi();
        long dl = flow.dstLo();
        long ipHash = ipHash(sourceHash, dh, dl);
        long sum = rows[FlatRows.FIRST_ROW + ((int) sourceHash & rowMask) * ROW + TALLY];
        sum += IpAddress.isIpv4(dh, dl)
                ? ip4Table[(int) ipHash & ip4Mask]
                : ip6Table[FlatRows.FIRST_ROW + ((int) ipHash & ip6Mask) * IP6_STRIDE];
        return sum + portTable[(int) portHash(sourceHash, flow.dstPort()) & portMask];
    }

    /**
     * Adds one flow to the slot whose row is {@code row} (from {@link #find} or {@link #open});
     * {@code sourceHash} from {@link #sourceHash} of its key, {@code appId} from {@link AppDictionary#idOf}.
     *
     * @return false, changing nothing, when a full distinct set would refuse one of the flow's values, or
     *         the slot has counted {@code maxFlows} flows
     */
    boolean add(int row, long sourceHash, FlowRecord flow, int appId) {
        long tally = rows[row + TALLY];
        long tag = tally >>> SLOT_SHIFT;
        int slot = (int) tag - 1;
        long dh = flow.dstHi();
        long dl = flow.dstLo();
        int port = flow.dstPort();
        // The table positions depend on the flow only: their loads overlap with each other and with the row's.
        long ipHash = ipHash(sourceHash, dh, dl);
        boolean v4 = IpAddress.isIpv4(dh, dl);
        long ip4Key = (tag << 32 | (dl & 0xffff_ffffL)) << ip4FlowBits;
        int ip = v4 ? findPacked(ip4Table, ip4Mask, ip4Key, ip4FlowMask, ipHash) : findIp6(tag, ipHash, dh, dl);
        long portKey = ((tag << 16) | port) << portFlowBits;
        int pt = findPacked(portTable, portMask, portKey, portFlowMask, portHash(sourceHash, port));
        int m = slot * META;
        int ap = appId >= 0 ? indexOfApp(slot, meta[m + APPS], appId) : -1;
        if ((ip < 0 && meta[m + IPS] == limits.maxDestIps())
                || (pt < 0 && meta[m + PORTS] == limits.maxDestPorts())
                || (appId >= 0 && ap < 0 && meta[m + APPS] == limits.maxApps())
                || (tally & FLOWS_MASK) >= maxFlows
                || (v4 && ip >= 0 && (ip4Table[ip] & ip4FlowMask) == ip4FlowMask)
                || (pt >= 0 && (portTable[pt] & portFlowMask) == portFlowMask)) {
            return false;
        }
        long t = flow.timeStart();
        if (t < rows[row + FIRST]) {
            rows[row + FIRST] = t;
        }
        if (t > rows[row + LAST]) {
            rows[row + LAST] = t;
        }
        rows[row + BYTES] += flow.bytes();
        rows[row + PACKETS] += flow.packets();
        Action action = flow.action() == null ? Action.UNKNOWN : flow.action();
        SourceType type = flow.sourceType();
        long bits = 1L << action.ordinal() | (type == null ? 0 : 1L << (ACTIONS + type.ordinal()));
        rows[row + TALLY] = (tally + 1) | bits << BITS_SHIFT;
        if (ip < 0) {
            ipOrder[slot * limits.maxDestIps() + meta[m + IPS]++] = v4 ? insertIp4(~ip, ip4Key) : ~insertIp6(~ip, tag, dh, dl);
        } else if (v4) {
            ip4Table[ip]++;
        } else {
            ip6Table[ip + 3]++;
        }
        if (pt >= 0) {
            portTable[pt]++;
        } else {
            int at = ~pt;
            portTable[at] = portKey | 1;
            portUsed++;
            portOrder[slot * limits.maxDestPorts() + meta[m + PORTS]++] = at;
        }
        if (appId == AppDictionary.FULL) {
            appOverflow[slot]++;
        } else if (appId >= 0) {
            int a = slot * AggregateLimits.MAX_APPS;
            if (ap >= 0) {
                appFlows[a + ap]++;
            } else {
                appIds[a + meta[m + APPS]] = appId;
                appFlows[a + meta[m + APPS]++] = 1;
            }
        }
        return true;
    }

    /** Fills the free IPv4 entry at array index {@code at} with one flow; returns {@code at}. */
    private int insertIp4(int at, long key) {
        ip4Table[at] = key | 1;
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

    /**
     * Linear probing in a table of packed entries (key bits above {@code flowMask}; 0 the free entry, -1 the
     * tombstone, whose key bits no key has): the index of the entry of {@code key}, or {@code ~index} of the
     * free entry that would hold it.
     */
    private static int findPacked(long[] table, int mask, long key, long flowMask, long hash) {
        int e = (int) hash & mask;
        while (true) {
            long t = table[e];
            if (t == 0) {
                return ~e;
            }
            if ((t & ~flowMask) == key) {
                return e;
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
        int row = rowOf[slot];
        int m = slot * META;
        long tally = rows[row + TALLY];
        into.reset(rows[row], rows[row + 1], rows[row + 2]);
        into.firstTime = rows[row + FIRST];
        into.lastTime = rows[row + LAST];
        into.count = tally & FLOWS_MASK;
        into.bytes = rows[row + BYTES];
        into.packets = rows[row + PACKETS];
        int bits = (int) (tally >>> BITS_SHIFT) & ((1 << (SLOT_SHIFT - BITS_SHIFT)) - 1);
        into.actionBits = bits & ((1 << ACTIONS) - 1);
        into.sourceTypeBits = bits >>> ACTIONS;
        int ips = meta[m + IPS];
        int o = slot * limits.maxDestIps();
        for (int i = 0; i < ips; i++) {
            int k = ipOrder[o + i];
            if (k >= 0) {
                into.ipLo[i] = IpAddress.v4Lo((int) (ip4Table[k] >>> ip4FlowBits));
                into.ipHi[i] = 0;
                into.ipFlows[i] = ip4Table[k] & ip4FlowMask;
            } else {
                into.ipLo[i] = ip6Table[~k + 1];
                into.ipHi[i] = ip6Table[~k + 2];
                into.ipFlows[i] = ip6Table[~k + 3];
            }
        }
        into.ipCount = ips;
        int ports = meta[m + PORTS];
        o = slot * limits.maxDestPorts();
        for (int i = 0; i < ports; i++) {
            int k = portOrder[o + i];
            into.ports[i] = (int) ((portTable[k] >>> portFlowBits) & 0xffff);
            into.portFlows[i] = portTable[k] & portFlowMask;
        }
        into.portCount = ports;
        int apps = meta[m + APPS];
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

    /** Empties the value sets of one slot: its table entries become tombstones, still counted by {@link #crowded()}. */
    private void clearValues(int slot) {
        int m = slot * META;
        int o = slot * limits.maxDestIps();
        for (int i = 0; i < meta[m + IPS]; i++) {
            setIpEntry(ipOrder[o + i], TOMBSTONE);
        }
        o = slot * limits.maxDestPorts();
        for (int i = 0; i < meta[m + PORTS]; i++) {
            portTable[portOrder[o + i]] = TOMBSTONE;
        }
        Arrays.fill(meta, m, m + META, 0);
        appOverflow[slot] = 0;
        tombstones = true;
    }

    /** Empties {@code slot} (merged by the caller) and keeps its key and row: the next {@link #add} starts it again. */
    void restart(int slot) {
        clearValues(slot);
        int k = rowOf[slot];
        rows[k + TALLY] &= ~0L << SLOT_SHIFT;
        startCounters(k);
    }

    /**
     * Empties {@code slot} (merged by the caller) and takes its key out of the key table, moving later rows of
     * its probe run back into the hole (backward-shift deletion, Knuth vol. 3, 6.4 Algorithm R): a row moves
     * unless its home position lies cyclically in (hole, its position]. The slot is clear afterwards.
     */
    void remove(int slot) {
        clearValues(slot);
        int hole = (rowOf[slot] - FlatRows.FIRST_ROW) / ROW;
        int cur = hole;
        while (true) {
            cur = (cur + 1) & rowMask;
            int c = FlatRows.FIRST_ROW + cur * ROW;
            if (rows[c + TALLY] == 0) {
                break;
            }
            int home = (int) sourceHash(rows[c], rows[c + 1], rows[c + 2]) & rowMask;
            boolean stays = hole <= cur ? (home > hole && home <= cur) : (home > hole || home <= cur);
            if (!stays) {
                int to = FlatRows.FIRST_ROW + hole * ROW;
                System.arraycopy(rows, c, rows, to, ROW);
                rowOf[slotAt(to)] = to;
                hole = cur;
            }
        }
        rows[FlatRows.FIRST_ROW + hole * ROW + TALLY] = 0;
    }

    /**
     * Empties slots {@code 0..used-1}, their key rows and the three value tables. While the tables are sparse (an eighth full or less)
     * and hold no tombstones, only the entries of the order lists are zeroed: a front of many sources with
     * one flow each then clears in time proportional to its flows, not to the bytes of table per
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
                for (int i = 0; i < meta[m + IPS]; i++) {
                    setIpEntry(ipOrder[o + i], 0);
                }
                o = slot * limits.maxDestPorts();
                for (int i = 0; i < meta[m + PORTS]; i++) {
                    portTable[portOrder[o + i]] = 0;
                }
            }
        }
        // Every used row is one of slots 0..used-1: freeing theirs frees the key table (a row is free by its tally).
        for (int slot = 0; slot < used; slot++) {
            rows[rowOf[slot] + TALLY] = 0;
        }
        Arrays.fill(meta, 0, used * META, 0);
        ip4Used = 0;
        ip6Used = 0;
        portUsed = 0;
        tombstones = false;
    }
}
