package io.flowsentry.decoder;

/** Checks shared by the v9 and IPFIX set loops. */
public final class SetBounds {

    private SetBounds() {
    }

    /** Whether {@code b[from, to)} is all zero bytes: padding after the last set (Palo Alto, Cisco ACI). */
    public static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** Counts what stops a set loop at {@code pos}: zero padding, or a set header/length out of bounds. */
    public static void countStop(byte[] b, int pos, int end, DecodeCounters counters) {
        if (allZero(b, pos, end)) {
            counters.increment(DecodeCounter.TRAILING_ZERO_PADDING);
        } else {
            counters.increment(DecodeCounter.SET_LENGTH_INVALID);
        }
    }
}
