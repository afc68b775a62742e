package io.flowsentry.flow;

/**
 * Receives each finished flow record. The record is owned by the caller and reused for the next
 * flow: a sink that keeps anything must copy it ({@link FlowRecord#copyFrom}) before returning.
 */
@FunctionalInterface
public interface FlowSink {
    void accept(FlowRecord record);
}
