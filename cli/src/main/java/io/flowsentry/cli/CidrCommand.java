package io.flowsentry.cli;

import io.flowsentry.flow.FlowRecordJson;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.store.assets.AssetEntry;
import io.flowsentry.store.assets.AssetTable;
import io.flowsentry.store.assets.AssetsCsvLoader;
import io.flowsentry.store.assets.AssetsFormatException;
import io.flowsentry.store.assets.BuiltinAssets;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code flowsentry cidr}: which assets entry holds an address, and its categories. */
@Command(name = "cidr",
        description = {
                "Look addresses up in the assets table: per address one JSON line",
                "{\"address\":...,\"entry\":\"<the most specific CIDR holding it, or null>\",\"categories\":[...]}.",
                "",
                "Without --assets, the built-in set named by --builtin is the table (default escu_v3_private:"
                        + " 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, the ranges ESCU version 3"
                        + " excludes). Every built-in entry has the category 'internal'. Built-in sets: "
                        + "escu_v3_private, non_public_ip_blocks (ESCU v14's list plus the special-purpose blocks"
                        + " of 192.0.0.0/24, fe80::/10, fc00::/7, ff00::/8 and ::1)."},
        mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {
                "  flowsentry cidr 10.1.2.3 8.8.8.8",
                "  flowsentry cidr --builtin non_public_ip_blocks fe80::1 192.0.0.9",
                "  flowsentry cidr --assets /etc/flowsentry/assets.csv 203.0.113.70 2001:db8:cafe::9",
                "",
                "Exit codes: 0 ok, 2 bad address, bad assets file or bad usage (one error line on stderr)."})
final class CidrCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--assets", paramLabel = "FILE",
            description = "Assets CSV: a Splunk ES asset list (ip and category columns, '|'-separated addresses,"
                    + " CIDRs and ranges) or a cidr,category file.")
    Path assets;

    @Option(names = "--builtin", paramLabel = "NAME",
            description = "Built-in set to use when --assets is not given (default: escu_v3_private).")
    String builtin;

    @Parameters(arity = "1..*", paramLabel = "ADDRESS", description = "IPv4 or IPv6 addresses.")
    List<String> addresses;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (assets != null && builtin != null) {
            err.println("flowsentry cidr: give --assets FILE or --builtin NAME, not both");
            return FlowsentryCommand.EXIT_USAGE;
        }
        List<long[]> parsed = new ArrayList<>(addresses.size());
        for (String a : addresses) {
            long[] addr = new long[2];
            if (!IpAddress.parse(a.strip(), addr)) {
                err.println("flowsentry cidr: invalid IP address: '" + a + "' (expected: IPv4 dotted quad or IPv6 literal)");
                return FlowsentryCommand.EXIT_USAGE;
            }
            parsed.add(addr);
        }
        AssetTable table;
        try {
            table = assets != null ? AssetsCsvLoader.load(assets)
                    : BuiltinAssets.named(builtin != null ? builtin : BuiltinAssets.ESCU_V3_PRIVATE);
        } catch (AssetsFormatException | IllegalArgumentException e) {
            err.println("flowsentry cidr: " + e.getMessage());
            return FlowsentryCommand.EXIT_USAGE;
        } catch (NoSuchFileException e) {
            err.println("flowsentry cidr: no such assets file: " + assets);
            return FlowsentryCommand.EXIT_USAGE;
        } catch (IOException e) {
            err.println("flowsentry cidr: cannot read " + assets + ": " + e);
            return FlowsentryCommand.EXIT_USAGE;
        }
        for (long[] addr : parsed) {
            out.println(line(addr[0], addr[1], table.lookup(addr[0], addr[1])));
        }
        out.flush();
        return 0;
    }

    static String line(long hi, long lo, AssetEntry entry) {
        StringBuilder sb = new StringBuilder(96);
        sb.append("{\"address\":");
        FlowRecordJson.appendString(sb, IpAddress.toString(hi, lo));
        sb.append(",\"entry\":");
        if (entry == null) {
            sb.append("null,\"categories\":[]}");
            return sb.toString();
        }
        FlowRecordJson.appendString(sb, entry.cidr());
        sb.append(",\"categories\":[");
        for (int i = 0; i < entry.categories().size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            FlowRecordJson.appendString(sb, entry.categories().get(i));
        }
        return sb.append("]}").toString();
    }
}
