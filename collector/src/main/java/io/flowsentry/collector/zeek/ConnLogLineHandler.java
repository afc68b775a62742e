package io.flowsentry.collector.zeek;

import io.flowsentry.decoder.zeek.BadLineLog;
import io.flowsentry.decoder.zeek.ConnLogCounters;
import io.flowsentry.decoder.zeek.ConnLogLineDecoder;
import io.flowsentry.decoder.zeek.ConnLogReader;
import io.flowsentry.flow.FlowSink;
import java.io.IOException;

/**
 * The collector's consumer of followed conn.log lines: each file's lines decoded into flow records
 * for {@code sink}, counted in {@code counters}. A file resumed in its middle has its header read
 * again first ({@link ConnLogLineDecoder#primeHeader}), so columns are known without re-delivering
 * lines. {@link #commit()} runs the {@code durable} step (the consumer of the records making them
 * durable, e.g. a flush of the aggregates) and returns its token.
 */
public final class ConnLogLineHandler implements ZeekLineHandler {

    /** What makes the records handed to the sink so far durable; returns the token saved with the checkpoint. */
    @FunctionalInterface
    public interface DurableStep {
        long commit() throws IOException;
    }

    private final FlowSink sink;
    private final ConnLogCounters counters;
    private final BadLineLog log;
    private final DurableStep durable;
    private ConnLogLineDecoder decoder;

    public ConnLogLineHandler(FlowSink sink, ConnLogCounters counters, BadLineLog log, DurableStep durable) {
        this.sink = sink;
        this.counters = counters;
        this.log = log;
        this.durable = durable;
    }

    @Override
    public void fileStarted(FollowedFile file) throws IOException {
        decoder = new ConnLogLineDecoder(file.path().toString(), sink, counters, log);
        if (file.startOffset() > 0) {
            byte[] head = file.readHead((int) Math.min(file.startOffset(), ConnLogReader.MAX_LINE_LENGTH));
            decoder.primeHeader(head, head.length);
        }
    }

    @Override
    public void line(byte[] buf, int off, int len, long lineNumber) {
        decoder.line(buf, off, len, lineNumber);
    }

    @Override
    public void lineTooLong(long lineNumber) {
        decoder.tooLong(lineNumber);
    }

    @Override
    public long commit() throws IOException {
        return durable.commit();
    }
}
