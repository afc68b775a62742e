package io.flowsentry.store.assets;

/**
 * An assets file that does not parse. The whole load fails: no table is half-loaded.
 * The message names the file, the line and the offending value.
 */
public final class AssetsFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final String value;

    public AssetsFormatException(String source, int line, String value, String problem) {
        super(source + ":" + line + ": " + problem + ": '" + value + "'");
        this.source = source;
        this.line = line;
        this.value = value;
    }

    /** The file (or built-in set) name. */
    public String source() {
        return source;
    }

    /** 1-based line number of the record that failed. */
    public int line() {
        return line;
    }

    /** The text that did not parse. */
    public String value() {
        return value;
    }
}
