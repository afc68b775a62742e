package io.flowsentry.bench.zeek;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A/B of two or more builds on a shared machine: loads {@link ConnLogCpuTime} from each benchmarks jar
 * in its own class loader and runs them in turn, round after round, in one JVM, so that whatever else
 * the machine does weighs on every build alike. Each turn is one call of {@code ConnLogCpuTime} with
 * three passes (it reports the third); the first round (JIT warm-up) is left out. Prints, per jar, the
 * best and the median CPU seconds of the reader.
 * <pre>
 * cp benchmarks/target/benchmarks.jar /tmp/new.jar   # and an older build as /tmp/old.jar
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar io.flowsentry.bench.zeek.ConnLogCpuTimeAlternated \
 *     5 /tmp/zeekbench/conn-2m.log /tmp/old.jar /tmp/new.jar
 * </pre>
 */
public final class ConnLogCpuTimeAlternated {

    private static final Pattern READER_BEST = Pattern.compile("read and parsed.*CPU best ([0-9.]+) s");

    private ConnLogCpuTimeAlternated() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.parseInt(args[0]);
        String file = args[1];
        Map<String, Method> mains = new LinkedHashMap<>();
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            URLClassLoader loader = new URLClassLoader(new URL[] {new File(args[i]).toURI().toURL()}, ClassLoader.getPlatformClassLoader());
            mains.put(args[i], loader.loadClass(ConnLogCpuTime.class.getName()).getMethod("main", String[].class));
            seconds.put(args[i], new ArrayList<>());
        }
        PrintStream out = System.out;
        for (int round = 0; round < rounds; round++) {
            for (Map.Entry<String, Method> jar : mains.entrySet()) {
                ByteArrayOutputStream captured = new ByteArrayOutputStream();
                System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                try {
                    jar.getValue().invoke(null, (Object) new String[] {file, "3"});
                } finally {
                    System.setOut(out);
                }
                Matcher m = READER_BEST.matcher(captured.toString(StandardCharsets.UTF_8));
                if (m.find() && round > 0) {
                    seconds.get(jar.getKey()).add(Double.parseDouble(m.group(1)));
                }
            }
        }
        for (Map.Entry<String, List<Double>> jar : seconds.entrySet()) {
            List<Double> s = jar.getValue();
            Collections.sort(s);
            if (s.isEmpty()) {
                out.printf("%s: no result%n", jar.getKey());
                continue;
            }
            out.printf("%s: %d rounds, CPU best %.3f s, median %.3f s%n", jar.getKey(), s.size(), s.get(0), s.get(s.size() / 2));
        }
    }
}
