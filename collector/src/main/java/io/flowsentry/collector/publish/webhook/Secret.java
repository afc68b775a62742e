package io.flowsentry.collector.publish.webhook;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * A webhook signing key. Read from a file or from an environment variable, never from the command line
 * (argv is visible to every user in {@code /proc/<pid>/cmdline}). {@link #toString()} never shows it, so
 * it cannot reach a log line by accident.
 */
public final class Secret {

    private final byte[] bytes;
    private final String origin;

    private Secret(byte[] bytes, String origin) {
        if (bytes.length == 0) {
            throw new IllegalArgumentException("webhook secret from " + origin + " is empty");
        }
        this.bytes = bytes;
        this.origin = origin;
    }

    /**
     * The content of {@code file}, without a final line break (files written by {@code echo} end with one).
     *
     * @throws IllegalArgumentException naming the file (not its content) when it cannot be read or is empty
     */
    public static Secret fromFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return new Secret(stripFinalNewline(text).getBytes(StandardCharsets.UTF_8), "file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read webhook secret file " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** The value of environment variable {@code name}. */
    public static Secret fromEnv(String name) {
        return fromEnv(name, System.getenv());
    }

    /** The value of {@code name} in {@code environment} (tests pass their own map). */
    public static Secret fromEnv(String name, Map<String, String> environment) {
        String value = environment.get(name);
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + name + " (webhook secret) is not set");
        }
        return new Secret(value.getBytes(StandardCharsets.UTF_8), "environment variable " + name);
    }

    /** The key as UTF-8 bytes: a copy, for the signer. */
    byte[] bytes() {
        return bytes.clone();
    }

    /** Where the key came from (a file or variable name), safe to log. */
    public String origin() {
        return origin;
    }

    private static String stripFinalNewline(String s) {
        if (s.endsWith("\r\n")) {
            return s.substring(0, s.length() - 2);
        }
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Secret[redacted, from " + origin + "]";
    }
}
