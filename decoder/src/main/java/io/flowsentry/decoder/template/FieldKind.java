package io.flowsentry.decoder.template;

/**
 * What the decoder does with one field of a compiled template. Plain {@code int} constants so that the
 * per-record loop is a {@code switch} over a flat array, with no enum or object per field.
 *
 * <p>Element numbers are the IANA IPFIX registry's (RFC 7012); NetFlow v9 (RFC 3954 §8) uses the same
 * numbers for 1..127, Cisco's NSEL extensions (ASA) reuse 231/232/233 and add 33002 and 40005, and
 * PAN-OS sends its App-ID as v9 field 56701.
 */
public final class FieldKind {

    public static final int SKIP = 0;
    public static final int SRC_V4 = 1;
    public static final int DST_V4 = 2;
    public static final int SRC_V6 = 3;
    public static final int DST_V6 = 4;
    public static final int SRC_PORT = 5;
    public static final int DST_PORT = 6;
    public static final int PROTOCOL = 7;
    public static final int OCTETS = 8;
    public static final int PACKETS = 9;
    public static final int OCTETS_TOTAL = 10;
    public static final int PACKETS_TOTAL = 11;
    public static final int TCP_FLAGS = 12;
    public static final int START_SYSUPTIME = 13;
    public static final int END_SYSUPTIME = 14;
    public static final int START_SECONDS = 15;
    public static final int END_SECONDS = 16;
    public static final int START_MILLIS = 17;
    public static final int END_MILLIS = 18;
    public static final int START_NTP = 19;
    public static final int END_NTP = 20;
    public static final int START_DELTA_MICROS = 21;
    public static final int END_DELTA_MICROS = 22;
    public static final int SYSTEM_INIT_MILLIS = 23;
    public static final int FORWARDING_STATUS = 24;
    public static final int FIREWALL_EVENT = 25;
    public static final int FIREWALL_EXT_EVENT = 26;
    public static final int INITIATOR_OCTETS = 27;
    public static final int RESPONDER_OCTETS = 28;
    public static final int INITIATOR_PACKETS = 29;
    public static final int RESPONDER_PACKETS = 30;
    public static final int APPLICATION_NAME = 31;
    public static final int REVERSE_OCTETS = 32;
    public static final int REVERSE_PACKETS = 33;
    public static final int SAMPLING_INTERVAL = 34;
    public static final int SAMPLER_ID = 35;
    public static final int SAMPLING_PACKET_INTERVAL = 36;
    public static final int SAMPLING_PACKET_SPACE = 37;
    public static final int SAMPLING_SIZE = 38;
    public static final int SAMPLING_POPULATION = 39;
    /** One past the largest kind: kinds index a {@code long[]} and bits of a {@code long}, so at most 64. */
    public static final int COUNT = 40;

    /** RFC 5103 §6.1: the reverse-direction Private Enterprise Number. */
    public static final long PEN_REVERSE = 29305;

    private FieldKind() {
    }

    /**
     * The kind of element {@code id} of enterprise {@code pen} (0 for IANA / NetFlow v9 fields).
     * Unknown elements, and known ones of no use to a flow record, are {@link #SKIP}.
     */
    public static int of(int id, long pen) {
        if (pen == PEN_REVERSE) {
            return switch (id) {
                case 1 -> REVERSE_OCTETS;
                case 2 -> REVERSE_PACKETS;
                case 85 -> REVERSE_OCTETS;
                case 86 -> REVERSE_PACKETS;
                default -> SKIP;
            };
        }
        if (pen != 0) {
            return SKIP;
        }
        return switch (id) {
            case 1 -> OCTETS;                 // octetDeltaCount / IN_BYTES
            case 2 -> PACKETS;                // packetDeltaCount / IN_PKTS
            case 4 -> PROTOCOL;
            case 6 -> TCP_FLAGS;
            case 7 -> SRC_PORT;
            case 8 -> SRC_V4;
            case 11 -> DST_PORT;
            case 12 -> DST_V4;
            case 21 -> END_SYSUPTIME;         // flowEndSysUpTime / LAST_SWITCHED
            case 22 -> START_SYSUPTIME;       // flowStartSysUpTime / FIRST_SWITCHED
            case 27 -> SRC_V6;
            case 28 -> DST_V6;
            case 34, 50 -> SAMPLING_INTERVAL; // samplingInterval, samplerRandomInterval
            case 48, 302 -> SAMPLER_ID;       // samplerId / FLOW_SAMPLER_ID, selectorId
            case 85 -> OCTETS_TOTAL;
            case 86 -> PACKETS_TOTAL;
            case 89 -> FORWARDING_STATUS;
            case 96 -> APPLICATION_NAME;
            case 150 -> START_SECONDS;
            case 151 -> END_SECONDS;
            case 152 -> START_MILLIS;
            case 153 -> END_MILLIS;
            case 154, 156 -> START_NTP;       // flowStartMicroseconds, flowStartNanoseconds
            case 155, 157 -> END_NTP;
            case 158 -> START_DELTA_MICROS;
            case 159 -> END_DELTA_MICROS;
            case 160 -> SYSTEM_INIT_MILLIS;
            case 231 -> INITIATOR_OCTETS;     // also NSEL NF_F_FWD_FLOW_DELTA_BYTES
            case 232 -> RESPONDER_OCTETS;     // also NSEL NF_F_REV_FLOW_DELTA_BYTES
            case 233, 40005 -> FIREWALL_EVENT; // firewallEvent / NSEL NF_F_FW_EVENT
            case 298 -> INITIATOR_PACKETS;
            case 299 -> RESPONDER_PACKETS;
            case 305 -> SAMPLING_PACKET_INTERVAL;
            case 306 -> SAMPLING_PACKET_SPACE;
            case 309 -> SAMPLING_SIZE;
            case 310 -> SAMPLING_POPULATION;
            case 33002 -> FIREWALL_EXT_EVENT; // NSEL NF_F_FW_EXT_EVENT (v9 only)
            case 56701 -> APPLICATION_NAME;   // PAN-OS v9 PANOS_APPID, a 32-byte NUL-padded string
            default -> SKIP;
        };
    }
}
