package io.flowsentry.reliability.network;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connection attempts in an {@code strace -f -e trace=connect,sendto,sendmsg,sendmmsg} log: every
 * {@code connect} and every send naming a destination, whatever its outcome (a refused or unreachable
 * attempt is an attempt). The kernel sees each of them, whichever library or thread made it: a JDK
 * socket, a native resolver query (glibc's getaddrinfo connects a UDP socket to the nameserver, or to
 * nscd's AF_UNIX socket), an HTTP client in a dependency.
 *
 * <p>One exemption, told by the call stack strace records ({@code -k}): the JVM's own start-up looks
 * its user up with {@code getpwuid_r}, which asks nscd over the same AF_UNIX socket a host lookup
 * would use. A user or group lookup is no network connection; a host lookup through nscd is not exempt.
 */
final class ConnectAttempts {

    /** One destination: family (AF_INET, AF_INET6, AF_UNIX, ...), address and port (-1 when none). */
    record Attempt(String family, String address, int port, String line, String stack) {
        @Override
        public String toString() {
            return family + " " + address + (port >= 0 ? " port " + port : "") + "   [" + line.strip() + "]";
        }
    }

    private static final Pattern CALL = Pattern.compile("\\b(connect|sendto|sendmsg|sendmmsg)\\(");
    private static final Pattern FAMILY = Pattern.compile("sa_family=(AF_\\w+)");
    private static final Pattern INET = Pattern.compile("sin_port=htons\\((\\d+)\\), sin_addr=inet_addr\\(\"([^\"]+)\"\\)");
    private static final Pattern INET6 = Pattern.compile("sin6_port=htons\\((\\d+)\\).*?inet_pton\\(AF_INET6, \"([^\"]+)\"");
    private static final Pattern UNIX = Pattern.compile("sun_path=(@?\"[^\"]*\")");

    private ConnectAttempts() {
    }

    /** nscd asked by the C library's user and group lookups (passwd and group databases). */
    private static final Pattern ACCOUNT_LOOKUP = Pattern.compile("\\(get(pw|gr)(uid|nam|gid|ent)|initgroups|getgrouplist");

    /** Whether the attempt is nscd asked for a user or group, not for a host. */
    static boolean isAccountLookup(Attempt a) {
        return a.family().equals("AF_UNIX") && a.address().contains("nscd") && ACCOUNT_LOOKUP.matcher(a.stack()).find();
    }

    /**
     * Every destination named in the log. AF_NETLINK (the kernel's own routing and interface
     * queries) and AF_UNSPEC (a UDP socket's disconnect) name no peer and are left out.
     */
    static List<Attempt> read(Path straceLog) throws IOException {
        List<Attempt> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(straceLog);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!CALL.matcher(line).find()) {
                continue;
            }
            Matcher f = FAMILY.matcher(line);
            if (!f.find()) {
                continue; // send on a connected socket: no destination in the call
            }
            StringBuilder stack = new StringBuilder();
            while (i + 1 < lines.size() && lines.get(i + 1).startsWith(" > ")) {
                stack.append(lines.get(++i)).append('\n');
            }
            String family = f.group(1);
            switch (family) {
                case "AF_NETLINK", "AF_UNSPEC" -> { }
                case "AF_INET" -> out.add(inet(INET, family, line, stack.toString()));
                case "AF_INET6" -> out.add(inet(INET6, family, line, stack.toString()));
                case "AF_UNIX" -> {
                    Matcher u = UNIX.matcher(line);
                    out.add(new Attempt(family, u.find() ? u.group(1) : "?", -1, line, stack.toString()));
                }
                default -> out.add(new Attempt(family, "?", -1, line, stack.toString()));
            }
        }
        return out;
    }

    private static Attempt inet(Pattern p, String family, String line, String stack) {
        Matcher m = p.matcher(line);
        return m.find() ? new Attempt(family, m.group(2), Integer.parseInt(m.group(1)), line, stack)
                : new Attempt(family, "?", -1, line, stack);
    }

    /** Whether strace can trace a child here with call stacks (installed, built with -k, ptrace permitted). */
    static boolean straceWorks(Path dir) {
        try {
            Path log = dir.resolve("probe.strace");
            Process p = new ProcessBuilder("strace", "-f", "-qq", "-k", "-e", "trace=connect", "-o", log.toString(), "true")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("probe.out").toFile()).start();
            return p.waitFor() == 0 && Files.exists(log);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static List<String> straceWrapper(Path log) {
        return List.of("strace", "-f", "-qq", "-k", "-e", "trace=connect,sendto,sendmsg,sendmmsg", "-o", log.toString());
    }
}
