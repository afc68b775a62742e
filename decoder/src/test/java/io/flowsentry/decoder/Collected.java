package io.flowsentry.decoder;

import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.FlowSink;
import io.flowsentry.flow.IpAddress;

import java.util.ArrayList;
import java.util.List;

/** A sink keeping copies of the records it receives. */
final class Collected implements FlowSink {

    final List<FlowRecord> records = new ArrayList<>();

    @Override
    public void accept(FlowRecord record) {
        records.add(new FlowRecord().copyFrom(record));
    }

    FlowRecord get(int i) {
        return records.get(i);
    }

    int size() {
        return records.size();
    }

    static String src(FlowRecord r) {
        return IpAddress.toString(r.srcHi(), r.srcLo());
    }

    static String dst(FlowRecord r) {
        return IpAddress.toString(r.dstHi(), r.dstLo());
    }
}
