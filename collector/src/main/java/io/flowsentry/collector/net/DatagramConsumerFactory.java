package io.flowsentry.collector.net;

/** Creates the {@link DatagramConsumer} of one event-loop thread; called once per thread at start. */
@FunctionalInterface
public interface DatagramConsumerFactory {

    /**
     * @param eventLoopIndex 0 .. {@code eventLoops - 1}; the consumer is called only from that loop's thread
     */
    DatagramConsumer create(int eventLoopIndex);
}
