package io.flowsentry.collector.detect;

/** A (window start, source address) pair as a map key. */
record WindowSourceKey(long windowStart, long hi, long lo) {
}
