package io.flowsentry.collector.detect;

import io.flowsentry.flow.IpAddress;
import io.flowsentry.store.assets.AssetEntry;
import io.flowsentry.store.assets.AssetTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal assets table for tests: Splunk ES asset-list CSV (ip and category columns, both
 * {@code |}-separated; ip cells are CIDRs, single addresses or IPv4 ranges {@code a-b}). The most specific
 * entry is the one spanning fewest addresses.
 */
final class TestAssets implements AssetTable {

    /** A CIDR entry ({@code cidr} set) or an IPv4 range ({@code from..to} over the IPv4-mapped lo word). */
    private record Span(Cidr cidr, long from, long to, double width, AssetEntry entry) {
        boolean contains(long hi, long lo) {
            if (cidr != null) {
                return cidr.contains(hi, lo);
            }
            return hi == 0 && Long.compareUnsigned(lo, from) >= 0 && Long.compareUnsigned(lo, to) <= 0;
        }
    }

    private final List<Span> spans = new ArrayList<>();

    static TestAssets of(String cidr, String... categories) {
        TestAssets t = new TestAssets();
        t.addCidr(cidr, List.of(categories));
        return t;
    }

    static TestAssets readEsCsv(Path file) throws IOException {
        TestAssets t = new TestAssets();
        List<String> lines = Files.readAllLines(file);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int ipCol = header.indexOf("ip");
        int catCol = header.indexOf("category");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            List<String> categories = List.of(cells[catCol].split("\\|"));
            for (String ip : cells[ipCol].split("\\|")) {
                int dash = ip.indexOf('-');
                if (dash > 0) {
                    long from = IpAddress.parse(ip.substring(0, dash))[1];
                    long to = IpAddress.parse(ip.substring(dash + 1))[1];
                    t.spans.add(new Span(null, from, to, to - from + 1, new AssetEntry(ip, categories)));
                } else {
                    t.addCidr(ip, categories);
                }
            }
        }
        return t;
    }

    private void addCidr(String text, List<String> categories) {
        Cidr c = Cidr.parse(text);
        spans.add(new Span(c, 0, 0, Math.pow(2, 128 - c.prefixLength()), new AssetEntry(c.toString(), categories)));
    }

    @Override
    public AssetEntry lookup(long hi, long lo) {
        AssetEntry best = null;
        double bestWidth = Double.MAX_VALUE;
        for (Span s : spans) {
            if (s.contains(hi, lo) && s.width() < bestWidth) {
                best = s.entry();
                bestWidth = s.width();
            }
        }
        return best;
    }

    @Override
    public int size() {
        return spans.size();
    }
}
