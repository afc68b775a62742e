package io.flowsentry.collector.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text forms of sizes ({@code 32MiB}) and durations ({@code 250ms}, {@code 10m}, {@code 8h}). */
public final class Units {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,19})\\s*(B|KiB|MiB|GiB|TiB|KB|MB|GB|TB)?");
    private static final Pattern DURATION = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

    private Units() {
    }

    /**
     * Bytes of {@code 32MiB} (binary units: KiB = 1024), {@code 10MB} (decimal: MB = 1,000,000) or
     * {@code 4096} / {@code 4096B}.
     *
     * @throws IllegalArgumentException naming the text when it is not a size or overflows 2^63 - 1 bytes
     */
    public static long parseSize(String text) {
        Matcher m = SIZE.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (expected: a whole number with"
                    + " B, KiB, MiB, GiB, TiB, KB, MB, GB or TB, e.g. 32MiB)");
        }
        long multiplier = switch (m.group(2) == null ? "B" : m.group(2)) {
            case "KiB" -> 1L << 10;
            case "MiB" -> 1L << 20;
            case "GiB" -> 1L << 30;
            case "TiB" -> 1L << 40;
            case "KB" -> 1_000L;
            case "MB" -> 1_000_000L;
            case "GB" -> 1_000_000_000L;
            case "TB" -> 1_000_000_000_000L;
            default -> 1L;
        };
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large a size (at most 2^63 - 1 bytes)", e);
        }
    }

    /**
     * A whole number with a unit: {@code ms}, {@code s}, {@code m} (minutes), {@code h}, {@code d}; or a bare
     * {@code 0}.
     *
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    public static Duration parseDuration(String text) {
        if (text.strip().equals("0")) {
            return Duration.ZERO; // zero needs no unit: "0" turns off idle_after, max_future, lateness
        }
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration (expected: a whole number with"
                    + " ms, s, m, h or d, e.g. 250ms, 10m, 8h)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** The shortest exact text of a duration: {@code 1h}, {@code 90s}, {@code 250ms}. */
    public static String formatDuration(Duration d) {
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        long[] factors = {86_400_000L, 3_600_000L, 60_000L, 1000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < factors.length; i++) {
            if (ms % factors[i] == 0) {
                return (ms / factors[i]) + units[i];
            }
        }
        return ms + "ms";
    }
}
