package io.flowsentry.store.assets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loads an assets table from CSV, in either form of ../shared/docs/DETECTION.md:
 * <ul>
 *   <li>the Splunk ES asset list: a header row naming (among others) an {@code ip} and a {@code category}
 *       column; the {@code ip} cell holds addresses, CIDRs and ranges separated by {@code |}, the
 *       {@code category} cell categories separated by {@code |}. Rows with an empty {@code ip} cell
 *       (assets known only by name) are skipped;</li>
 *   <li>the two-column form {@code cidr,category}, with that header or without a header (when the first
 *       cell of the first row is an address, CIDR or range).</li>
 * </ul>
 * Cells follow RFC 4180 quoting. Missing trailing cells are empty. Any row that does not parse fails the
 * whole load with an {@link AssetsFormatException} naming the file, the line and the value: the caller
 * keeps its previous table.
 */
public final class AssetsCsvLoader {

    private AssetsCsvLoader() {
    }

    public static AssetTable load(Path file) throws IOException, AssetsFormatException {
        return parse(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /** Parses CSV text; {@code source} names it in error messages. */
    public static AssetTable parse(String source, String text) throws AssetsFormatException {
        List<CsvRecords.CsvRecord> records;
        try {
            records = CsvRecords.parse(text);
        } catch (CsvRecords.CsvSyntaxException e) {
            throw new AssetsFormatException(source, e.line, e.fragment, e.getMessage());
        }
        AssetTableBuilder builder = new AssetTableBuilder();
        if (records.isEmpty()) {
            return builder.build();
        }
        CsvRecords.CsvRecord header = records.get(0);
        int ipColumn = column(header, "ip");
        if (ipColumn < 0) {
            ipColumn = column(header, "cidr");
        }
        int categoryColumn = column(header, "category");
        int firstRow = 1;
        if (ipColumn < 0 && looksLikeAddress(header.cells().get(0))) {
            ipColumn = 0;
            categoryColumn = 1;
            firstRow = 0;
        }
        if (ipColumn < 0 || categoryColumn < 0) {
            throw new AssetsFormatException(source, header.line(), String.join(",", header.cells()),
                    "header must name an 'ip' (or 'cidr') column and a 'category' column");
        }
        int width = firstRow == 0 ? 2 : header.cells().size();
        for (int r = firstRow; r < records.size(); r++) {
            CsvRecords.CsvRecord rec = records.get(r);
            List<String> cells = rec.cells();
            if (cells.size() == 1 && cells.get(0).isBlank()) {
                continue; // an empty line
            }
            if (cells.size() > width) {
                throw new AssetsFormatException(source, rec.line(), String.join(",", cells),
                        "expected at most " + width + " cells, found " + cells.size());
            }
            String ipCell = cell(cells, ipColumn);
            if (ipCell.isBlank()) {
                continue;
            }
            List<String> categories = split(cell(cells, categoryColumn));
            for (String item : split(ipCell)) {
                try {
                    AddressBlocks.parse(item, cidr -> builder.add(cidr, categories));
                } catch (IllegalArgumentException e) {
                    throw new AssetsFormatException(source, rec.line(), item, e.getMessage());
                }
            }
        }
        return builder.build();
    }

    private static int column(CsvRecords.CsvRecord header, String name) {
        List<String> cells = header.cells();
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).strip().toLowerCase(Locale.ROOT).equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean looksLikeAddress(String cell) {
        String first = cell.split("\\|", 2)[0];
        try {
            AddressBlocks.parse(first, c -> { });
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String cell(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index) : "";
    }

    /** The non-empty, stripped items of a {@code |}-separated cell. */
    static List<String> split(String cell) {
        List<String> items = new ArrayList<>();
        int from = 0;
        while (from <= cell.length()) {
            int bar = cell.indexOf('|', from);
            int to = bar < 0 ? cell.length() : bar;
            String item = cell.substring(from, to).strip();
            if (!item.isEmpty()) {
                items.add(item);
            }
            from = to + 1;
        }
        return items;
    }
}
