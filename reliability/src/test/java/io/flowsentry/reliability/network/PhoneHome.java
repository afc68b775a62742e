package io.flowsentry.reliability.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * What chronicle-analytics did on a map's first use, in miniature: resolve www.google-analytics.com
 * and open a connection to it, then one to an address literal. Run only inside an empty network
 * namespace, where both attempts fail at once and nothing leaves the machine.
 */
final class PhoneHome {

    private PhoneHome() {
    }

    public static void main(String[] args) {
        attempt(new InetSocketAddress("www.google-analytics.com", 443));
        attempt(new InetSocketAddress("192.0.2.1", 443));
    }

    private static void attempt(InetSocketAddress target) {
        try (Socket s = new Socket()) {
            s.connect(target, 2_000);
        } catch (IOException | IllegalArgumentException expected) {
            System.out.println(target + ": " + expected);
        }
    }
}
