package io.flowsentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.flowsentry.collector.detect.CidrText;
import io.flowsentry.collector.publish.DetectionFiles;
import io.flowsentry.collector.publish.PublishedLine;
import io.flowsentry.flow.IpAddress;
import io.flowsentry.store.assets.Cidr;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code flowsentry detections}: the published rows, newest first, from the daily files of the data directory. */
@Command(
        name = "detections",
        mixinStandardHelpOptions = true,
        description = {
                "Lists the published detection rows, newest first, from <data-dir>/detections/detections-YYYY-MM-DD.jsonl.",
                "A row's time is when it was published (its published_at), in UTC."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok (also when no row matches)", "1:a detections file cannot be read", "2:bad argument"},
        footerHeading = "%nExamples:%n",
        footer = {
                "  flowsentry detections --since 2h",
                "  flowsentry detections --since 2026-11-27T10:00:00Z --kind window",
                "  flowsentry detections --src 10.0.0.0/8 --limit 20",
                "  flowsentry detections --src 2001:db8::/32 --json --limit 0 | jq .dest_ip"})
public final class DetectionsCommand implements Callable<Integer> {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");
    private static final Set<String> KINDS = Set.of("early", "window", "late");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "./data",
            description = "Data directory of the collector (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only rows published since then: a duration back from now (30m, 2h, 7d, 90s) or a UTC time "
                    + "(2026-11-27T10:00:00Z, 2026-11-27T10:00:00, 2026-11-27).")
    String since;

    @Option(names = "--src", paramLabel = "CIDR", description = "Only rows whose src_ip is in this CIDR or is this address (IPv4 or IPv6).")
    String src;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only rows of this kind: early, window or late.")
    String kind;

    @Option(names = "--json", description = "Print the rows as published, one JSON object a line.")
    boolean json;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "Print at most N rows, the newest (default: ${DEFAULT-VALUE}; 0: all).")
    int limit;

    /** Now, for durations in {@code --since}; tests set their own. */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Instant from;
        Cidr sourceFilter;
        try {
            from = since == null ? null : parseSince(since, clock.instant());
            sourceFilter = src == null ? null : parseSource(src);
            if (kind != null && !KINDS.contains(kind)) {
                throw new IllegalArgumentException("invalid --kind: '" + kind + "' (expected: early, window or late)");
            }
            if (limit < 0) {
                throw new IllegalArgumentException("invalid --limit: " + limit + " (expected: 0 for all, or a positive count)");
            }
        } catch (IllegalArgumentException e) {
            err.println("flowsentry detections: " + e.getMessage());
            return FlowsentryCommand.EXIT_USAGE;
        }
        Path directory = dataDir.resolve("detections");
        List<JsonNode> rows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        int unreadable = 0;
        boolean truncated = false;
        try {
            LocalDate firstDay = from == null ? LocalDate.MIN : LocalDate.ofInstant(from, ZoneOffset.UTC);
            scan:
            for (LocalDate day : DetectionFiles.daysNewestFirst(directory)) {
                if (day.isBefore(firstDay)) {
                    break;
                }
                for (String line : DetectionFiles.linesNewestFirst(directory, day)) {
                    JsonNode row = PublishedLine.parse(line);
                    if (row == null || !row.isObject()) {
                        unreadable++;
                        continue;
                    }
                    if (!matches(row, from, sourceFilter)) {
                        continue;
                    }
                    if (limit > 0 && rows.size() == limit) {
                        truncated = true;
                        break scan;
                    }
                    rows.add(row);
                    texts.add(line);
                }
            }
        } catch (IOException e) {
            err.println("flowsentry detections: cannot read " + directory + ": " + e.getMessage());
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            texts.forEach(out::println);
        } else {
            DetectionsTable.print(out, rows);
        }
        out.flush();
        if (unreadable > 0) {
            err.println("flowsentry detections: skipped " + unreadable + " lines that are not JSON objects");
        }
        if (truncated && !json) {
            err.println("flowsentry detections: showing the newest " + limit + " rows (--limit 0 for all)");
        }
        return 0;
    }

    private boolean matches(JsonNode row, Instant from, Cidr sourceFilter) {
        if (kind != null && !kind.equals(row.path("kind").asText())) {
            return false;
        }
        if (from != null) {
            Instant at = DetectionsTable.time(row);
            if (at == null || at.isBefore(from)) {
                return false;
            }
        }
        return sourceFilter == null || holds(sourceFilter, row.path("src_ip").asText());
    }

    /**
     * A duration back from {@code now} ({@code 30m}, {@code 2h}, {@code 7d}, {@code 90s}), or an absolute UTC
     * time: ISO 8601 with an offset, a local date-time read as UTC, or a date (its midnight UTC).
     */
    static Instant parseSince(String text, Instant now) {
        Matcher m = DURATION.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(d);
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a local date-time
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("invalid --since: '" + text
                    + "' (expected: a duration such as 30m, 2h, 7d, or a time such as 2026-11-27T10:00:00Z or 2026-11-27)");
        }
    }

    /** {@code --src}: an address or CIDR, parsed as the configuration's CIDRs are ({@link CidrText}). */
    static Cidr parseSource(String text) {
        try {
            return CidrText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid --src: " + e.getMessage(), e);
        }
    }

    /** Whether the row's address text lies in {@code cidr}. */
    static boolean holds(Cidr cidr, String address) {
        long[] value = new long[2];
        return IpAddress.parse(address, value) && cidr.contains(value[0], value[1]);
    }
}
