package io.flowsentry.collector.net;

import io.flowsentry.flow.IpAddress;

import java.net.InetSocketAddress;

/**
 * A UDP address to listen on, {@code host:port}: {@code 0.0.0.0:2055}, {@code 127.0.0.1:9995},
 * {@code [::]:4739}. The host must be a literal address (nothing is resolved) or {@code localhost}.
 */
public record ListenAddress(String host, int port) {

    /** NetFlow v5 and v9 (the version is read per datagram); the port exporters use by convention. */
    public static final ListenAddress DEFAULT_NETFLOW = new ListenAddress("0.0.0.0", 2055);
    /** IPFIX, the IANA-assigned port (RFC 7011 §10.3.4). */
    public static final ListenAddress DEFAULT_IPFIX = new ListenAddress("0.0.0.0", 4739);

    public ListenAddress {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("invalid port: " + port + " (expected: 0 ~ 65535)");
        }
    }

    /**
     * Parses {@code host:port} or {@code [v6]:port}.
     *
     * @throws IllegalArgumentException naming the text and what was expected
     */
    public static ListenAddress parse(String text) {
        String s = text.trim();
        String host;
        String portText;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("invalid listen address: '" + text + "' (expected: [v6-address]:port)");
            }
            host = s.substring(1, close);
            portText = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon <= 0 || s.indexOf(':') != colon) {
                throw new IllegalArgumentException("invalid listen address: '" + text
                        + "' (expected: host:port, e.g. 0.0.0.0:2055 or [::]:4739)");
            }
            host = s.substring(0, colon);
            portText = s.substring(colon + 1);
        }
        if (!host.equals("localhost") && !IpAddress.parse(host, new long[2])) {
            throw new IllegalArgumentException("invalid listen address: '" + text
                    + "' (expected a literal IPv4/IPv6 address or localhost, got host '" + host + "')");
        }
        int port;
        try {
            port = Integer.parseInt(portText);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port in listen address '" + text + "': '" + portText
                    + "' (expected: 1 ~ 65535)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("invalid port in listen address '" + text + "': " + port
                    + " (expected: 1 ~ 65535)");
        }
        return new ListenAddress(host, port);
    }

    public InetSocketAddress toSocketAddress() {
        return new InetSocketAddress(host.equals("localhost") ? "127.0.0.1" : host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
