package io.flowsentry.decoder.template;

/**
 * Data sets of one exporter that arrived before their template, kept (bounded in bytes and in count)
 * until the template comes or they are too old. The byte buffer is allocated once, on first use, at
 * the configured size: never sized by the wire.
 */
public final class PendingSets {

    private final int capacityBytes;
    private final int capacitySets;
    private byte[] data;
    private int used;
    private int count;
    private final int[] offsets;
    private final int[] lengths;
    private final int[] templateIds;
    private final int[] versions;
    private final long[] domains;
    private final long[] exportMillis;
    private final long[] sysUptimes;
    private final long[] arrivedAt;

    public PendingSets(int capacityBytes, int capacitySets) {
        this.capacityBytes = capacityBytes;
        this.capacitySets = capacitySets;
        this.offsets = new int[capacitySets];
        this.lengths = new int[capacitySets];
        this.templateIds = new int[capacitySets];
        this.versions = new int[capacitySets];
        this.domains = new long[capacitySets];
        this.exportMillis = new long[capacitySets];
        this.sysUptimes = new long[capacitySets];
        this.arrivedAt = new long[capacitySets];
    }

    public int size() {
        return count;
    }

    public int bytesUsed() {
        return used;
    }

    public int capacityBytes() {
        return capacityBytes;
    }

    /** Whether a set of {@code length} bytes fits now. */
    public boolean fits(int length) {
        return count < capacitySets && used + length <= capacityBytes;
    }

    /** Copies the set body {@code b[pos, pos+length)}; the caller checked {@link #fits}. */
    public void add(byte[] b, int pos, int length, int version, long domain, int templateId, long exportMs, long sysUptime,
                    long nowMillis) {
        if (data == null) {
            data = new byte[capacityBytes];
        }
        System.arraycopy(b, pos, data, used, length);
        offsets[count] = used;
        lengths[count] = length;
        templateIds[count] = templateId;
        versions[count] = version;
        domains[count] = domain;
        exportMillis[count] = exportMs;
        sysUptimes[count] = sysUptime;
        arrivedAt[count] = nowMillis;
        used += length;
        count++;
    }

    public byte[] data() {
        return data;
    }

    public int offset(int i) {
        return offsets[i];
    }

    public int length(int i) {
        return lengths[i];
    }

    public int templateId(int i) {
        return templateIds[i];
    }

    public int version(int i) {
        return versions[i];
    }

    public long domain(int i) {
        return domains[i];
    }

    public long exportMillis(int i) {
        return exportMillis[i];
    }

    public long sysUptime(int i) {
        return sysUptimes[i];
    }

    public long arrivedAt(int i) {
        return arrivedAt[i];
    }

    /** Marks entry {@code i} consumed; {@link #compact()} removes marked entries. */
    public void markDone(int i) {
        lengths[i] = -1;
    }

    /** Drops consumed entries and moves the remaining bytes to the front, keeping arrival order. */
    public void compact() {
        int w = 0;
        int wBytes = 0;
        for (int i = 0; i < count; i++) {
            int len = lengths[i];
            if (len < 0) {
                continue;
            }
            if (offsets[i] != wBytes) {
                System.arraycopy(data, offsets[i], data, wBytes, len);
            }
            offsets[w] = wBytes;
            lengths[w] = len;
            templateIds[w] = templateIds[i];
            versions[w] = versions[i];
            domains[w] = domains[i];
            exportMillis[w] = exportMillis[i];
            sysUptimes[w] = sysUptimes[i];
            arrivedAt[w] = arrivedAt[i];
            wBytes += len;
            w++;
        }
        count = w;
        used = wBytes;
    }
}
