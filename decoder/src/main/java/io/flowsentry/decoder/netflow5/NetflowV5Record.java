package io.flowsentry.decoder.netflow5;

/**
 * NetFlow v5 flow record, 48 bytes: offsets of its fields.
 * <pre>
 *  0 srcaddr(4)  4 dstaddr(4)  8 nexthop(4)  12 input(2)  14 output(2)  16 dPkts(4)  20 dOctets(4)
 * 24 first(4, sysUptime ms)  28 last(4, sysUptime ms)  32 srcport(2)  34 dstport(2)  36 pad1
 * 37 tcp_flags  38 prot  39 tos  40 src_as(2)  42 dst_as(2)  44 src_mask  45 dst_mask  46 pad2(2)
 * </pre>
 */
final class NetflowV5Record {

    static final int LENGTH = 48;
    static final int SRCADDR = 0;
    static final int DSTADDR = 4;
    static final int DPKTS = 16;
    static final int DOCTETS = 20;
    static final int FIRST = 24;
    static final int LAST = 28;
    static final int SRCPORT = 32;
    static final int DSTPORT = 34;
    static final int TCP_FLAGS = 37;
    static final int PROT = 38;

    private NetflowV5Record() {
    }
}
