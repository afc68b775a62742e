package io.flowsentry.decoder.template;

import io.flowsentry.flow.SourceType;

/**
 * What the decoder knows about one (exporter, observation domain / source id, version): the sequence
 * number it expects next, and what options data said (sampling interval per sampler, system init time).
 */
public final class DomainState {

    /** Samplers remembered per domain; real exporters define one or two. */
    static final int MAX_SAMPLERS = 8;

    private final long domain;
    private final SourceType sourceType;
    private long expectedSequence;
    private boolean sequenceKnown;
    private long lost;
    private long samplingInterval;
    private long systemInitMillis = Long.MIN_VALUE;
    private final long[] samplerIds = new long[MAX_SAMPLERS];
    private final long[] samplerIntervals = new long[MAX_SAMPLERS];
    private int samplers;

    public DomainState(long domain, SourceType sourceType) {
        this.domain = domain;
        this.sourceType = sourceType;
    }

    public long domain() {
        return domain;
    }

    public SourceType sourceType() {
        return sourceType;
    }

    /** Datagrams (v9) or records (v5, IPFIX) the sequence numbers say were lost. */
    public long lost() {
        return lost;
    }

    /**
     * Checks {@code sequence} against the expected value and sets the next expected one.
     *
     * @return the gap (0 in order), or -1 when the number went backwards or jumped by 2^31 or more
     *         (exporter restart or reordering: counted separately, not as loss)
     */
    public long checkSequence(long sequence, long increment) {
        long gap = 0;
        if (sequenceKnown && sequence != expectedSequence) {
            long delta = (sequence - expectedSequence) & 0xffff_ffffL;
            if (delta < 0x8000_0000L) {
                gap = delta;
                lost += delta;
            } else {
                gap = -1;
            }
        }
        expectedSequence = (sequence + increment) & 0xffff_ffffL;
        sequenceKnown = true;
        return gap;
    }

    /** The next sequence number is unknown: the next message sets it without counting a gap. */
    public void forgetSequence() {
        sequenceKnown = false;
    }

    /** The interval options data gave this domain (the last one seen), 0 if none. */
    public long samplingInterval() {
        return samplingInterval;
    }

    public long samplingInterval(long samplerId) {
        for (int i = 0; i < samplers; i++) {
            if (samplerIds[i] == samplerId) {
                return samplerIntervals[i];
            }
        }
        return samplingInterval;
    }

    void recordSampling(long samplerId, boolean hasSamplerId, long interval) {
        samplingInterval = interval;
        if (!hasSamplerId) {
            return;
        }
        for (int i = 0; i < samplers; i++) {
            if (samplerIds[i] == samplerId) {
                samplerIntervals[i] = interval;
                return;
            }
        }
        int slot = samplers < MAX_SAMPLERS ? samplers++ : MAX_SAMPLERS - 1;
        samplerIds[slot] = samplerId;
        samplerIntervals[slot] = interval;
    }

    /** IPFIX IE 160 systemInitTimeMilliseconds from options data, or {@link Long#MIN_VALUE}. */
    public long systemInitMillis() {
        return systemInitMillis;
    }

    void systemInitMillis(long millis) {
        this.systemInitMillis = millis;
    }
}
