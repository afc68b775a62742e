package io.flowsentry.decoder.pcap;

/** Outcomes of reading a capture, each counted in {@link CaptureCounters}. */
public enum CaptureCounter {
    PACKETS("packets read"),
    UDP_DATAGRAMS("UDP datagrams yielded"),
    NOT_IP("packets of another network protocol (ARP, ...)"),
    NOT_UDP("IP packets of another transport (TCP, ICMP, ...)"),
    IP_FRAGMENTS("IP fragments (skipped: not reassembled)"),
    TRUNCATED_PACKETS("packets cut short (snap length or damage) before the UDP payload"),
    UNKNOWN_LINK_TYPE("packets of an unsupported link type"),
    UNKNOWN_BLOCKS("pcapng blocks of a type not read (statistics, name resolution, ...)"),
    TRUNCATED_BLOCKS("records or blocks cut off by the end of the file, or with an impossible length"),
    UNKNOWN_INTERFACE("pcapng packets naming an interface not described");

    private final String description;

    CaptureCounter(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
