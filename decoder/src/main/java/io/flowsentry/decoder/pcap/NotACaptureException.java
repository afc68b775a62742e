package io.flowsentry.decoder.pcap;

/** The bytes start with neither a pcap nor a pcapng magic number. */
public final class NotACaptureException extends Exception {

    public NotACaptureException(String message) {
        super(message);
    }
}
