package io.flowsentry.collector.publish;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads what {@link FilePublisher} wrote: the daily files of a {@code detections/} directory. */
public final class DetectionFiles {

    private static final Pattern NAME = Pattern.compile("detections-(\\d{4}-\\d{2}-\\d{2})\\.jsonl");

    private DetectionFiles() {
    }

    /** The UTC days that have a file, newest first; empty when the directory does not exist. */
    public static List<LocalDate> daysNewestFirst(Path directory) throws IOException {
        List<LocalDate> days = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return days;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "detections-*.jsonl")) {
            for (Path file : files) {
                Matcher m = NAME.matcher(file.getFileName().toString());
                if (m.matches()) {
                    try {
                        days.add(LocalDate.parse(m.group(1)));
                    } catch (DateTimeParseException e) {
                        // detections-2026-13-45.jsonl: not one of ours
                    }
                }
            }
        }
        days.sort(Comparator.reverseOrder());
        return days;
    }

    /** The lines of a day's file, the last published first; an unfinished last line is left out. */
    public static List<String> linesNewestFirst(Path directory, LocalDate day) throws IOException {
        Path file = directory.resolve(FilePublisher.fileName(day));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
            if (nl > start) {
                lines.add(text.substring(start, nl));
            }
            start = nl + 1;
        }
        Collections.reverse(lines);
        return lines;
    }
}
