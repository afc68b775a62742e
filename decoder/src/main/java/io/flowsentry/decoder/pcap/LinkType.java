package io.flowsentry.decoder.pcap;

/** The LINKTYPE_ values (tcpdump.org link-layer header types) the reader understands. */
final class LinkType {

    static final int NULL = 0;          // BSD loopback: 4-byte address family, host byte order
    static final int ETHERNET = 1;
    static final int RAW_OPENBSD = 12;  // DLT_RAW as written by some BSDs
    static final int RAW = 101;         // raw IPv4 or IPv6, told apart by the version nibble
    static final int LOOP = 108;        // OpenBSD loopback: address family in network byte order
    static final int LINUX_SLL = 113;
    static final int IPV4 = 228;
    static final int IPV6 = 229;
    static final int LINUX_SLL2 = 276;

    private LinkType() {
    }
}
