package io.flowsentry.decoder.corpus;

import io.flowsentry.flow.FlowRecord;

/** A flow record copied out of the decoder, with the capture frame (1-based) whose datagram produced it. */
record DecodedFlow(int frame, FlowRecord record) {
}
