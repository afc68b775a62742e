package io.flowsentry.collector.config;

/**
 * A configuration that cannot be used. The message is one line that names the key and the bad value, for
 * example {@code listeners[1]: 'foo:99999' is not host:port (port 1-65535)}; the CLI prints it and exits
 * with code 2.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
