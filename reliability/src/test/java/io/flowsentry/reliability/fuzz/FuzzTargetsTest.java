package io.flowsentry.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer fuzz targets. Without {@code JAZZER_FUZZ} each method replays its seeds and saved findings
 * from {@code src/test/resources/io/flowsentry/reliability/fuzz/FuzzTargetsTestInputs/<method>/}
 * (real files from ../shared/corpus, RELIABILITY.md lists them); with {@code JAZZER_FUZZ=1} and one
 * method selected, Jazzer fuzzes it for {@code maxDuration}. The reliability module's pom runs both:
 * the replay in the default test run, then one short fuzzing JVM per method. Long runs: RELIABILITY.md.
 */
class FuzzTargetsTest {

    /** Per target in the test command: 8 targets x 4 s of fuzzing, each JVM also starting Jazzer (a few seconds). */
    private static final String SHORT_RUN = "4s";

    @FuzzTest(maxDuration = SHORT_RUN)
    void netflowV5(byte[] input) {
        FlowDecoderTarget.run(5, input);
    }

    @FuzzTest(maxDuration = SHORT_RUN)
    void netflowV9(byte[] input) {
        FlowDecoderTarget.run(9, input);
    }

    @FuzzTest(maxDuration = SHORT_RUN)
    void ipfix(byte[] input) {
        FlowDecoderTarget.run(10, input);
    }

    @FuzzTest(maxDuration = SHORT_RUN)
    void pcap(byte[] input) {
        InputTargets.pcap(input);
    }

    @FuzzTest(maxDuration = SHORT_RUN)
    void zeekTsv(byte[] input) {
        InputTargets.zeekFile(input);
    }

    @FuzzTest(maxDuration = SHORT_RUN)
    void zeekJson(byte[] input) {
        InputTargets.zeekLines(input);
    }

    @FuzzTest(maxDuration = SHORT_RUN)
    void assetsCsv(byte[] input) {
        InputTargets.assetsCsv(input);
    }

    @FuzzTest(maxDuration = SHORT_RUN)
    void configYaml(byte[] input) {
        InputTargets.configYaml(input);
    }
}
