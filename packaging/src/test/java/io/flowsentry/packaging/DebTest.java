package io.flowsentry.packaging;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Inspects the built .deb with dpkg-deb: control fields, maintainer scripts, files, the systemd unit. */
class DebTest {

    @TempDir
    Path work;

    @BeforeAll
    static void needsDpkgDeb() {
        assumeTrue(Shell.onPath("dpkg-deb"), "dpkg-deb is not installed: the .deb is built but not inspected"
                + " (apt-get install dpkg)");
    }

    private static Path deb() {
        Path deb = Shell.property("flowsentry.deb");
        assertThat(deb).exists();
        return deb;
    }

    @Test
    void controlNamesThePackageItsJdkAndTheConfigurationAsConffile() throws Exception {
        String info = Shell.ok(work, "dpkg-deb", "-I", deb().toString());
        assertThat(info).contains("Package: flowsentry").contains("Architecture: all")
                // adduser for postinst; procps for /bin/kill, the unit's ExecReload.
                .containsPattern("Depends: openjdk-17-jdk-headless \\| java17-sdk-headless, adduser, procps")
                .containsPattern("Version: 0\\.1\\.0");
        assertThat(Shell.ok(work, "dpkg-deb", "-f", deb().toString(), "Package")).isEqualTo("flowsentry\n");

        Shell.ok(work, "dpkg-deb", "-e", deb().toString(), "control");
        Path control = work.resolve("control");
        assertThat(Files.readAllLines(control.resolve("conffiles"))).containsExactly("/etc/flowsentry/flowsentry.yaml");
        for (String script : List.of("postinst", "prerm", "postrm")) {
            assertThat(Files.isExecutable(control.resolve(script))).as(script).isTrue();
            Shell.ok(work, "sh", "-n", control.resolve(script).toString());
        }
        String postinst = Files.readString(control.resolve("postinst"));
        assertThat(postinst).contains("adduser --system --group").contains("flowsentry")
                .contains("install -d -o flowsentry -g flowsentry -m 0750 /var/lib/flowsentry")
                .contains("systemctl enable flowsentry.service");
        assertThat(Files.readString(control.resolve("prerm"))).contains("systemctl stop flowsentry.service");
    }

    /**
     * Runs the packaged postinst with the commands it calls replaced by stubs that log their arguments
     * (nothing on this machine changes): what a fresh install and a re-configure would do.
     */
    @Test
    void postinstCreatesTheUserOnceAndHandsTheDataDirectoryAndConfigurationToIt() throws Exception {
        Shell.ok(work, "dpkg-deb", "-e", deb().toString(), "control");
        Path postinst = work.resolve("control/postinst");

        List<String> fresh = runWithStubs(postinst, false, "configure");
        assertThat(fresh).contains(
                "getent passwd flowsentry",
                "adduser --system --group --no-create-home --home /var/lib/flowsentry --shell /usr/sbin/nologin"
                        + " --gecos flowsentry collector flowsentry",
                "install -d -o flowsentry -g flowsentry -m 0750 /var/lib/flowsentry",
                "chown root:flowsentry /etc/flowsentry /etc/flowsentry/flowsentry.yaml",
                "chmod 0640 /etc/flowsentry/flowsentry.yaml",
                "sysctl -q -p /usr/lib/sysctl.d/60-flowsentry.conf");

        List<String> again = runWithStubs(postinst, true, "configure", "0.1.0");
        assertThat(again).contains("getent passwd flowsentry",
                "install -d -o flowsentry -g flowsentry -m 0750 /var/lib/flowsentry");
        assertThat(again).noneMatch(call -> call.startsWith("adduser"));

        assertThat(runWithStubs(postinst, false, "abort-upgrade", "0.1.0")).isEmpty();
    }

    /** Runs {@code script args} with stubs first on PATH; returns the stub calls, one "name args" each. */
    private List<String> runWithStubs(Path script, boolean userExists, String... args) throws Exception {
        Path stubs = Files.createDirectories(work.resolve("stubs"));
        Path log = work.resolve("calls.log");
        Files.deleteIfExists(log);
        for (String command : List.of("getent", "adduser", "install", "chown", "chmod", "systemctl", "sysctl")) {
            int exit = command.equals("getent") && !userExists ? 2 : 0;
            Path stub = stubs.resolve(command);
            Files.writeString(stub, "#!/bin/sh\necho \"" + command + " $*\" >> '" + log + "'\nexit " + exit + "\n");
            stub.toFile().setExecutable(true);
        }
        List<String> command = new ArrayList<>(List.of("env", "PATH=" + stubs + ":/usr/bin:/bin", "sh", script.toString()));
        command.addAll(List.of(args));
        Shell.Result r = Shell.run(work, command);
        assertThat(r.exit()).as("%s %s: %s", script.getFileName(), List.of(args), r.err()).isZero();
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void filesGoToOptEtcVarLibAndTheUnitDirectory() throws Exception {
        Map<String, String> modes = new LinkedHashMap<>();
        for (String line : Shell.ok(work, "dpkg-deb", "-c", deb().toString()).split("\n")) {
            String[] f = line.trim().split("\\s+");
            int arrow = Arrays.asList(f).indexOf("->");
            String name = arrow > 0 ? f[arrow - 1] : f[f.length - 1];
            modes.put(name.startsWith("./") ? name.substring(1) : name, f[0]);
        }
        assertThat(modes).containsEntry("/opt/flowsentry/bin/flowsentry", "-rwxr-xr-x")
                .containsEntry("/opt/flowsentry/lib/flowsentry-cli.jar", "-rw-r--r--")
                .containsEntry("/etc/flowsentry/flowsentry.yaml", "-rw-r-----")
                .containsEntry("/lib/systemd/system/flowsentry.service", "-rw-r--r--")
                .containsEntry("/usr/lib/sysctl.d/60-flowsentry.conf", "-rw-r--r--")
                .containsEntry("/usr/share/man/man1/flowsentry.1", "-rw-r--r--")
                .containsEntry("/usr/share/bash-completion/completions/flowsentry", "-rw-r--r--")
                .containsEntry("/var/lib/flowsentry/", "drwxr-x---");
        assertThat(modes.get("/usr/bin/flowsentry")).startsWith("l");
        assertThat(modes.keySet()).anyMatch(n -> n.startsWith("/opt/flowsentry/lib/chronicle-map-"));
        assertThat(modes.keySet()).allMatch(n -> n.startsWith("/opt/") || n.startsWith("/etc/") || n.startsWith("/usr/")
                || n.startsWith("/lib/systemd/") || n.startsWith("/var/lib/flowsentry") || n.equals("/")
                || List.of("/lib/", "/var/", "/var/lib/").contains(n));
    }

    @Test
    void theUnitIsHardenedAndRunsTheCollectorAsItsUser() throws Exception {
        Shell.ok(work, "dpkg-deb", "-x", deb().toString(), "root");
        Path unit = work.resolve("root/lib/systemd/system/flowsentry.service");
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(unit)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#") || l.startsWith("[")) {
                continue;
            }
            int eq = l.indexOf('=');
            keys.computeIfAbsent(l.substring(0, eq), k -> new ArrayList<>()).add(l.substring(eq + 1));
        }
        assertThat(keys).containsEntry("ExecStart", List.of("/opt/flowsentry/bin/flowsentry run"
                        + " --config /etc/flowsentry/flowsentry.yaml --data-dir /var/lib/flowsentry"))
                .containsEntry("ExecReload", List.of("/bin/kill -HUP $MAINPID"))
                .containsEntry("User", List.of("flowsentry"))
                .containsEntry("NoNewPrivileges", List.of("yes"))
                .containsEntry("ProtectSystem", List.of("strict"))
                .containsEntry("ProtectHome", List.of("yes"))
                .containsEntry("PrivateTmp", List.of("yes"))
                .containsEntry("ReadWritePaths", List.of("/var/lib/flowsentry"))
                .containsEntry("CapabilityBoundingSet", List.of(""))
                .containsEntry("Restart", List.of("on-failure"))
                .containsEntry("WantedBy", List.of("multi-user.target"));
        assertThat(keys).doesNotContainKey("AmbientCapabilities");
        assertThat(Files.readString(unit)).contains("CAP_NET_BIND_SERVICE");
        // The launcher in the package is the tarball's, flags included.
        assertThat(JvmFlags.ofLauncher(Files.readString(work.resolve("root/opt/flowsentry/bin/flowsentry")))).hasSize(10);
    }
}
