package io.flowsentry.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * One self-rewriting status line on stderr for long offline work ({@code scan}, {@code decode} over many
 * files), shown only when a person is watching: when the process has a console. At most four updates a
 * second; {@link #done()} clears the line so the summary that follows starts clean.
 */
final class Progress {

    /** 250 ms between updates: readable, and no measurable cost next to decoding. */
    private static final long INTERVAL_NANOS = 250_000_000L;

    private final PrintWriter err;
    private final String command;
    private final LongSupplier records;
    private final LongSupplier nanoClock;
    private final boolean enabled;
    private long nextUpdate;
    private int width;

    Progress(PrintWriter err, String command, LongSupplier records, boolean enabled, LongSupplier nanoClock) {
        this.err = err;
        this.command = command;
        this.records = records;
        this.enabled = enabled;
        this.nanoClock = nanoClock;
    }

    /** Enabled when the process has a console (stdin and stdout are a terminal), as a person runs it. */
    static Progress forConsole(PrintWriter err, String command, LongSupplier records) {
        return new Progress(err, command, records, System.console() != null, System::nanoTime);
    }

    /** A file starts: {@code index} of {@code total} (1-based). */
    void file(Path file, int index, int total) {
        if (!enabled) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (now < nextUpdate && index != total) {
            return;
        }
        nextUpdate = now + INTERVAL_NANOS;
        String text = "flowsentry " + command + ": file " + index + "/" + total + ", " + records.getAsLong()
                + " records so far, reading " + file.getFileName();
        StringBuilder line = new StringBuilder(text.length() + width + 1).append('\r').append(text);
        for (int i = text.length(); i < width; i++) {
            line.append(' ');
        }
        width = text.length();
        err.print(line);
        err.flush();
    }

    /** Clears the status line. */
    void done() {
        if (!enabled || width == 0) {
            return;
        }
        err.print('\r' + " ".repeat(width) + '\r');
        err.flush();
        width = 0;
    }
}
