package io.flowsentry.decoder.corpus;

import io.flowsentry.flow.FlowRecord;
import io.flowsentry.flow.IpAddress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One flow record as an independent decoder saw it: tshark's {@code oracle/*.flows.tsv} or nfdump's CSV.
 * Empty counters (the oracle had no such field) are {@code null} and not compared.
 */
record OracleFlow(int frame, String src, String dst, int srcPort, int dstPort, int protocol, Long octets, Long packets) {

    /** tshark rows of kind {@code flow} (options records are not flows). */
    static List<OracleFlow> tshark(Path flowsTsv) {
        List<OracleFlow> out = new ArrayList<>();
        for (Map<String, String> row : Corpus.tsv(flowsTsv)) {
            if (!"flow".equals(row.get("kind"))) {
                continue;
            }
            String other = row.getOrDefault("other_fields", "");
            out.add(new OracleFlow(Integer.parseInt(row.get("frame")),
                    address(row.get("srcaddr"), other, "srcaddrv6"), address(row.get("dstaddr"), other, "dstaddrv6"),
                    intOr0(row.get("srcport")), intOr0(row.get("dstport")), intOr0(row.get("protocol")),
                    longOrNull(row.get("octets")), longOrNull(row.get("packets"))));
        }
        return out;
    }

    /**
     * tshark's address column takes the IPv4 field when a record has both (oracle.py prefers
     * {@code cflow.srcaddr}); a record whose IPv4 address is 0.0.0.0 beside a real IPv6 address (Procera,
     * Cisco SRv6/MPLS templates carry both) is an IPv6 flow, and tshark's own IPv6 value, kept in
     * {@code other_fields}, is the expected one.
     */
    private static String address(String v4, String otherFields, String v6Key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"" + v6Key + "\": \"([^\"]+)\"").matcher(otherFields);
        if ("0.0.0.0".equals(v4) && m.find() && !m.group(1).equals("::")) {
            return m.group(1);
        }
        return v4;
    }

    /** nfdump 1.7.1 {@code -o csv} rows (softflowd oracle). */
    static List<OracleFlow> nfdump(Path csv) {
        List<OracleFlow> out = new ArrayList<>();
        for (String line : new String(Corpus.bytes(csv)).split("\n")) {
            String[] c = line.split(",", -1);
            if (c.length < 15 || c[0].equals("ts") || c[0].startsWith("Summary")) {
                continue;
            }
            int protocol = protocol(c[7].trim());
            // nfdump writes an ICMP flow's type and code (IE 32/139) as its destination port (8/0 -> 2048);
            // the flow record carries only transport ports, and softflowd sends port fields of 0 there.
            int dstPort = protocol == 1 || protocol == 58 ? 0 : Integer.parseInt(c[6]);
            out.add(new OracleFlow(0, c[3], c[4], Integer.parseInt(c[5]), dstPort, protocol,
                    Long.parseLong(c[12].trim()), Long.parseLong(c[11].trim())));
        }
        return out;
    }

    private static int protocol(String name) {
        return switch (name) {
            case "TCP" -> 6;
            case "UDP" -> 17;
            case "ICMP" -> 1;
            case "ICMP6" -> 58;
            default -> Integer.parseInt(name);
        };
    }

    private static int intOr0(String s) {
        return s == null || s.isEmpty() ? 0 : Integer.parseInt(s);
    }

    private static Long longOrNull(String s) {
        return s == null || s.isEmpty() ? null : Long.parseLong(s);
    }

    /** Differences between this oracle row and a decoded record, empty when they agree. */
    String differences(FlowRecord r) {
        StringBuilder sb = new StringBuilder();
        address(sb, "src", src, r.srcHi(), r.srcLo());
        address(sb, "dst", dst, r.dstHi(), r.dstLo());
        field(sb, "srcport", srcPort, r.srcPort());
        field(sb, "dstport", dstPort, r.dstPort());
        field(sb, "protocol", protocol, r.protocol());
        if (octets != null) {
            field(sb, "octets", octets, r.bytes());
        }
        if (packets != null) {
            field(sb, "packets", packets, r.packets());
        }
        return sb.toString();
    }

    private static void address(StringBuilder sb, String name, String expected, long hi, long lo) {
        if (expected == null || expected.isEmpty()) {
            return;
        }
        long[] e = IpAddress.parse(expected);
        if (e[0] != hi || e[1] != lo) {
            sb.append(name).append(' ').append(expected).append(" != ").append(IpAddress.toString(hi, lo)).append("; ");
        }
    }

    private static void field(StringBuilder sb, String name, long expected, long actual) {
        if (expected != actual) {
            sb.append(name).append(' ').append(expected).append(" != ").append(actual).append("; ");
        }
    }
}
