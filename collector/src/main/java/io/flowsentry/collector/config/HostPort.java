package io.flowsentry.collector.config;

import io.flowsentry.flow.IpAddress;
import java.util.regex.Pattern;

/**
 * A socket address as written in the configuration: {@code 0.0.0.0:2055}, {@code [::]:4739},
 * {@code localhost:9721}. Names are kept as text; nothing is resolved here.
 *
 * @param host an IPv4 or IPv6 literal (without brackets) or a host name
 * @param port 1-65535
 */
public record HostPort(String host, int port) {

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");

    /**
     * @throws IllegalArgumentException {@code 'TEXT' is not host:port (port 1-65535)}
     */
    public static HostPort parse(String text) {
        String t = text.strip();
        String host;
        String portText;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0 || close + 1 >= t.length() || t.charAt(close + 1) != ':') {
                throw bad(text);
            }
            host = t.substring(1, close);
            portText = t.substring(close + 2);
            if (host.indexOf(':') < 0 || !IpAddress.parse(host, new long[2])) {
                throw bad(text);
            }
        } else {
            int colon = t.lastIndexOf(':');
            if (colon <= 0 || t.indexOf(':') != colon) {
                throw bad(text);
            }
            host = t.substring(0, colon);
            portText = t.substring(colon + 1);
            boolean dottedQuadLike = host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
            if (!HOST_NAME.matcher(host).matches() || dottedQuadLike && !IpAddress.parse(host, new long[2])) {
                throw bad(text);
            }
        }
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(Character::isDigit)) {
            throw bad(text);
        }
        int port = Integer.parseInt(portText);
        if (port < 1 || port > 65535) {
            throw bad(text);
        }
        return new HostPort(host, port);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text + "' is not host:port (port 1-65535)");
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
