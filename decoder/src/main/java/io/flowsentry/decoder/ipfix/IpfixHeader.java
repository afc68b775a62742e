package io.flowsentry.decoder.ipfix;

/**
 * IPFIX message header, 16 bytes (RFC 7011 §3.1), and the set header (§3.3.2):
 * <pre>
 * +--------------------------------+--------------------------------+
 * |       Version Number (10)      |  Length (whole message, bytes) |  0
 * +--------------------------------+--------------------------------+
 * |                 Export Time (seconds since 1970)                |  4
 * |     Sequence Number (data records sent before this message)     |  8
 * |                    Observation Domain ID                        | 12
 * +--------------------------------+--------------------------------+
 * Set: | Set ID (2 template, 3 options template, >=256 data) | Length (incl. these 4 bytes) |
 * </pre>
 */
final class IpfixHeader {

    static final int LENGTH = 16;
    static final int LENGTH_OFFSET = 2;
    static final int EXPORT_TIME_OFFSET = 4;
    static final int SEQUENCE_OFFSET = 8;
    static final int DOMAIN_OFFSET = 12;
    static final int SET_HEADER_LENGTH = 4;
    static final int TEMPLATE_SET_ID = 2;
    static final int OPTIONS_TEMPLATE_SET_ID = 3;
    static final int MIN_DATA_SET_ID = 256;

    private IpfixHeader() {
    }
}
