package io.flowsentry.collector.detect;

/** A source address ({@link io.flowsentry.flow.IpAddress} form) as a map key. */
record SourceKey(long hi, long lo) {
}
