package io.flowsentry.reliability.fuzz;

import java.util.Map;
import java.util.function.Consumer;

/**
 * Entry point for long runs with Jazzer's own driver ({@code com.code_intelligence.jazzer.Jazzer}),
 * where libFuzzer flags such as {@code -runs=10000000} apply (the JUnit runner fixes the duration in
 * the annotation). The target is the one argument: {@code --target_args=netflowV9}. Same code as
 * {@link FuzzTargetsTest}; see RELIABILITY.md for the command.
 */
public final class StandaloneTarget {

    private static final Map<String, Consumer<byte[]>> TARGETS = Map.of(
            "netflowV5", b -> FlowDecoderTarget.run(5, b),
            "netflowV9", b -> FlowDecoderTarget.run(9, b),
            "ipfix", b -> FlowDecoderTarget.run(10, b),
            "pcap", InputTargets::pcap,
            "zeekTsv", InputTargets::zeekFile,
            "zeekJson", InputTargets::zeekLines,
            "assetsCsv", InputTargets::assetsCsv,
            "configYaml", InputTargets::configYaml);

    private static Consumer<byte[]> target;

    private StandaloneTarget() {
    }

    public static void fuzzerInitialize(String[] args) {
        if (args.length != 1 || !TARGETS.containsKey(args[0])) {
            throw new IllegalArgumentException("--target_args must name one of " + TARGETS.keySet());
        }
        target = TARGETS.get(args[0]);
    }

    public static void fuzzerTestOneInput(byte[] input) {
        target.accept(input);
    }
}
