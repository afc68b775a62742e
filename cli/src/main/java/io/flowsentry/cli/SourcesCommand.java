package io.flowsentry.cli;

import io.flowsentry.flow.FlowRecordJson;
import io.flowsentry.store.aggregate.AggregatesReader;
import io.flowsentry.store.aggregate.SourceAggregate;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flowsentry sources}: the per-source aggregates of the open windows, read from the live Chronicle
 * map in {@code <data-dir>/aggregates/} while the collector keeps writing it.
 */
@Command(name = "sources",
        description = {
                "Show the current per-source aggregates (window, source address, count, times, distinct"
                        + " destinations, ports, apps, actions), largest count first.",
                "Reads <data-dir>/aggregates/ while the collector runs, without stopping it; it shows what the"
                        + " collector has merged into the map, at most about a second behind."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  flowsentry sources",
                "  flowsentry sources --top 5",
                "  flowsentry sources --data-dir /var/lib/flowsentry --top 0 --json | jq -c 'select(.count > 100)'",
                "",
                "Exit codes: 0 ok (also when there are no aggregates yet), 1 the map cannot be read,"
                        + " 2 bad usage or no such data directory."})
final class SourcesCommand implements Callable<Integer> {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** Largest count first; then window, then source address text. */
    static final Comparator<SourceAggregate> ORDER = Comparator.comparingLong(SourceAggregate::count).reversed()
            .thenComparingLong(SourceAggregate::windowStart)
            .thenComparing(SourceAggregate::srcIp);

    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
            description = "Data directory of the collector (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20",
            description = "Show the N largest aggregates; 0 shows all (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "One JSON object per aggregate and line, with the detection row's"
            + " field names (window_start, src_ip, start_time, end_time, action, app, dest_ip, dest_port,"
            + " sourcetype, count) plus bytes, packets and the truncation counters.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (top < 0) {
            err.println("flowsentry sources: invalid --top: " + top + " (expected: 0 for all, or a positive count)");
            return FlowsentryCommand.EXIT_USAGE;
        }
        if (!Files.isDirectory(dataDir)) {
            err.println("flowsentry sources: no such data directory: " + dataDir);
            return FlowsentryCommand.EXIT_USAGE;
        }
        Path dir = dataDir.resolve("aggregates");
        List<SourceAggregate> all;
        try {
            all = new ArrayList<>(AggregatesReader.readAll(dir));
        } catch (IOException | RuntimeException e) {
            err.println("flowsentry sources: cannot read " + dir + ": " + e.getMessage());
            return 1;
        }
        all.sort(ORDER);
        List<SourceAggregate> shown = top == 0 || all.size() <= top ? all : all.subList(0, top);
        if (json) {
            for (SourceAggregate a : shown) {
                out.println(toJson(a));
            }
        } else if (all.isEmpty()) {
            out.println("no aggregates in " + dir);
        } else {
            printTable(out, shown);
            if (shown.size() < all.size()) {
                out.printf("(%d of %d aggregates; --top 0 shows all)%n", shown.size(), all.size());
            }
        }
        out.flush();
        return 0;
    }

    private static void printTable(PrintWriter out, List<SourceAggregate> rows) {
        String format = "%-19s  %-39s  %8s  %-19s  %-19s  %-12s  %-24s  %s%n";
        out.printf(format, "WINDOW_START", "SRC_IP", "COUNT", "START_TIME", "END_TIME", "DEST_IPS", "DEST_PORTS", "APP / ACTION");
        for (SourceAggregate a : rows) {
            String ips = a.destIps().size() + (a.destIpsOverflow() > 0 ? "+ (~" + a.destIpsEstimate() + ")" : "");
            List<String> ports = sortedAsText(a.destPorts().stream().map(String::valueOf).toList());
            String portText = String.join(",", ports.size() > 4 ? ports.subList(0, 4) : ports)
                    + (ports.size() > 4 || a.destPortsOverflow() > 0 ? ",... (" + a.destPortsEstimate() + ")" : "");
            out.printf(format, SECONDS.format(Instant.ofEpochMilli(a.windowStart())), a.srcIp(), a.count(),
                    SECONDS.format(Instant.ofEpochMilli(a.firstTime())), SECONDS.format(Instant.ofEpochMilli(a.lastTime())),
                    ips, portText, String.join(",", sortedAsText(a.apps())) + " / " + String.join(",", sortedAsText(a.actions())));
        }
    }

    /** Splunk's {@code values()} order: strings by byte order (here UTF-16 order, the same for ASCII). */
    static List<String> sortedAsText(List<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        return sorted;
    }

    static String toJson(SourceAggregate a) {
        StringBuilder sb = new StringBuilder(256);
        sb.append("{\"window_start\":\"").append(SECONDS.format(Instant.ofEpochMilli(a.windowStart())))
                .append("\",\"src_ip\":");
        FlowRecordJson.appendString(sb, a.srcIp());
        sb.append(",\"start_time\":\"").append(SECONDS.format(Instant.ofEpochMilli(a.firstTime())))
                .append("\",\"end_time\":\"").append(SECONDS.format(Instant.ofEpochMilli(a.lastTime()))).append('"');
        appendStrings(sb, "action", a.actions());
        appendStrings(sb, "app", a.apps());
        appendStrings(sb, "dest_ip", a.destIps());
        sb.append(",\"dest_port\":[")
                .append(String.join(",", sortedAsText(a.destPorts().stream().map(String::valueOf).toList())))
                .append(']');
        appendStrings(sb, "sourcetype", a.sourceTypes());
        sb.append(",\"count\":").append(a.count())
                .append(",\"bytes\":").append(a.bytes())
                .append(",\"packets\":").append(a.packets())
                .append(",\"truncated\":").append(a.truncated())
                .append(",\"dest_ip_overflow\":").append(a.destIpsOverflow())
                .append(",\"dest_ip_estimate\":").append(a.destIpsEstimate())
                .append(",\"dest_port_overflow\":").append(a.destPortsOverflow())
                .append(",\"dest_port_estimate\":").append(a.destPortsEstimate())
                .append(",\"app_overflow\":").append(a.appsOverflow())
                .append('}');
        return sb.toString();
    }

    private static void appendStrings(StringBuilder sb, String name, List<String> values) {
        sb.append(",\"").append(name).append("\":[");
        List<String> sorted = sortedAsText(values);
        for (int i = 0; i < sorted.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            FlowRecordJson.appendString(sb, sorted.get(i));
        }
        sb.append(']');
    }
}
