package io.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The stop line's heap high-water mark, which bench/e2e.py reads from the run log. */
class RunCommandTest {

    @Test
    void heapPeaksNamesUsedAndCommittedMebibytes() {
        byte[][] held = new byte[8][];
        for (int i = 0; i < held.length; i++) {
            held[i] = new byte[1 << 20];
        }
        Matcher m = Pattern.compile("heap peak (\\d+) MiB used, (\\d+) MiB committed").matcher(RunCommand.heapPeaks());
        assertThat(m.find()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isGreaterThanOrEqualTo(held.length);
        assertThat(Long.parseLong(m.group(2))).isGreaterThanOrEqualTo(Long.parseLong(m.group(1)));
    }
}
