package io.flowsentry.decoder.netflow9;

/**
 * NetFlow v9 packet header, 20 bytes (RFC 3954 §5.1), and the FlowSet header that follows it (§5.2):
 * <pre>
 * +--------------------------------+--------------------------------+
 * |       Version Number (9)       |             Count              |  0
 * +--------------------------------+--------------------------------+
 * |                           sysUpTime (ms)                        |  4
 * |                           UNIX Secs                             |  8
 * |                       Sequence Number (packets)                 | 12
 * |                            Source ID                            | 16
 * +--------------------------------+--------------------------------+
 * FlowSet: | FlowSet ID (0 template, 1 options template, >=256 data) | Length (incl. these 4 bytes) |
 * </pre>
 */
final class NetflowV9Header {

    static final int LENGTH = 20;
    static final int SYS_UPTIME_OFFSET = 4;
    static final int UNIX_SECS_OFFSET = 8;
    static final int SEQUENCE_OFFSET = 12;
    static final int SOURCE_ID_OFFSET = 16;
    static final int SET_HEADER_LENGTH = 4;
    static final int TEMPLATE_SET_ID = 0;
    static final int OPTIONS_TEMPLATE_SET_ID = 1;
    static final int MIN_DATA_SET_ID = 256;

    private NetflowV9Header() {
    }
}
