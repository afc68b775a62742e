package io.flowsentry.decoder.netflow5;

/**
 * NetFlow v5 export header, 24 bytes (Cisco "NetFlow Export Datagram Format", version 5):
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-------------------------------+-------------------------------+
 * |        version (= 5)          |        count (1..30)          |  0
 * +-------------------------------+-------------------------------+
 * |                sysUptime (ms since boot)                      |  4
 * |                unix_secs                                      |  8
 * |                unix_nsecs                                     | 12
 * |                flow_sequence (flows seen before this one)     | 16
 * +---------------+---------------+-------------------------------+
 * |  engine_type  |   engine_id   | sampling: mode(2) interval(14)| 20
 * +---------------+---------------+-------------------------------+
 * </pre>
 */
final class NetflowV5Header {

    static final int LENGTH = 24;
    static final int COUNT_OFFSET = 2;
    static final int SYS_UPTIME_OFFSET = 4;
    static final int UNIX_SECS_OFFSET = 8;
    static final int UNIX_NSECS_OFFSET = 12;
    static final int FLOW_SEQUENCE_OFFSET = 16;
    static final int ENGINE_TYPE_OFFSET = 20;
    static final int ENGINE_ID_OFFSET = 21;
    static final int SAMPLING_OFFSET = 22;
    /** The 14-bit interval of the sampling field. */
    static final int SAMPLING_INTERVAL_MASK = 0x3fff;
    /** (1500 MTU - 20 IP - 8 UDP - 24 header) / 48 = 30 records. */
    static final int MAX_COUNT = 30;

    private NetflowV5Header() {
    }
}
