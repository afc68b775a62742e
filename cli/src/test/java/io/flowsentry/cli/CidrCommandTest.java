package io.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CidrCommandTest {

    @TempDir
    Path tmp;

    private final CommandOutput cli = new CommandOutput();
    private final StringWriter out = cli.out;
    private final StringWriter err = cli.err;

    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "cidr";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.run(all);
    }

    @Test
    void defaultIsTheEscuV3PrivateSetWithCategoryInternal() {
        assertThat(run("10.1.2.3", "8.8.8.8", "::ffff:192.168.0.1", "FD00::1")).isZero();
        assertThat(out.toString()).isEqualTo(
                "{\"address\":\"10.1.2.3\",\"entry\":\"10.0.0.0/8\",\"categories\":[\"internal\"]}\n"
                        + "{\"address\":\"8.8.8.8\",\"entry\":null,\"categories\":[]}\n"
                        + "{\"address\":\"192.168.0.1\",\"entry\":\"192.168.0.0/16\",\"categories\":[\"internal\"]}\n"
                        + "{\"address\":\"fd00::1\",\"entry\":null,\"categories\":[]}\n");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void builtinSetByName() {
        assertThat(run("--builtin", "non_public_ip_blocks", "192.0.0.9", "fe80::1")).isZero();
        assertThat(out.toString()).isEqualTo(
                "{\"address\":\"192.0.0.9\",\"entry\":\"192.0.0.9/32\",\"categories\":[\"internal\"]}\n"
                        + "{\"address\":\"fe80::1\",\"entry\":\"fe80::/10\",\"categories\":[\"internal\"]}\n");
    }

    @Test
    void assetsFileOfTheVectors() {
        Path assets = Path.of(System.getProperty("flowsentry.shared.dir"), "docs/vectors/assets.csv");
        assertThat(run("--assets", assets.toString(), "203.0.113.70", "57.140.200.10", "2001:db8:cafe::9")).isZero();
        assertThat(out.toString()).isEqualTo(
                "{\"address\":\"203.0.113.70\",\"entry\":\"203.0.113.64/27\",\"categories\":[\"internal\",\"partner\"]}\n"
                        + "{\"address\":\"57.140.200.10\",\"entry\":\"57.140.200.0/24\",\"categories\":[\"server\",\"dmz\"]}\n"
                        + "{\"address\":\"2001:db8:cafe::9\",\"entry\":\"2001:db8:cafe::/48\",\"categories\":[\"internal\"]}\n");
    }

    @Test
    void badAddressIsOneErrorLineAndExit2() {
        assertThat(run("10.1.2.3", "10.1.2.300")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo(
                "flowsentry cidr: invalid IP address: '10.1.2.300' (expected: IPv4 dotted quad or IPv6 literal)\n");
    }

    @Test
    void badAssetsFileIsOneErrorLineAndExit2() throws Exception {
        Path bad = Files.writeString(tmp.resolve("assets.csv"), "cidr,category\n10.0.0.0/8,internal\n10.0.0.0/40,x\n");
        assertThat(run("--assets", bad.toString(), "10.1.2.3")).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("flowsentry cidr: " + bad
                + ":3: prefix length 40 out of range (expected: 0 ~ 32): '10.0.0.0/40'\n");
    }

    @Test
    void missingFileAndUnknownBuiltinAreExit2() {
        assertThat(run("--assets", tmp.resolve("none.csv").toString(), "10.1.2.3")).isEqualTo(2);
        assertThat(err.toString()).startsWith("flowsentry cidr: no such assets file: ");
        assertThat(run("--builtin", "rfc1918", "10.1.2.3")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown built-in assets set: 'rfc1918'");
        assertThat(run("--builtin", "escu_v3_private", "--assets", "x.csv", "10.1.2.3")).isEqualTo(2);
    }
}
