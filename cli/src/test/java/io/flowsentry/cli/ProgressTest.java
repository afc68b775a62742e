package io.flowsentry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private final StringWriter text = new StringWriter();
    private long now;
    private long records;

    private Progress progress(boolean enabled) {
        return new Progress(new PrintWriter(text), "scan", () -> records, enabled, () -> now);
    }

    @Test
    void rewritesOneLineAtMostFourTimesASecondAndClearsIt() {
        Progress p = progress(true);
        records = 10;
        p.file(Path.of("/logs/a.pcap"), 1, 3);
        now += 100_000_000L; // 100 ms later: too soon, not shown
        p.file(Path.of("/logs/b.pcap"), 2, 3);
        now += 200_000_000L;
        records = 2_000;
        p.file(Path.of("/logs/c.log"), 3, 3);
        String last = "flowsentry scan: file 3/3, 2000 records so far, reading c.log";
        assertThat(text.toString()).isEqualTo("\rflowsentry scan: file 1/3, 10 records so far, reading a.pcap\r" + last);
        text.getBuffer().setLength(0);
        p.done();
        assertThat(text.toString()).isEqualTo("\r" + " ".repeat(last.length()) + "\r");
    }

    @Test
    void aShorterLinePadsOverTheLongerOne() {
        Progress p = progress(true);
        p.file(Path.of("a-long-file-name.pcap"), 1, 2);
        now += 300_000_000L;
        p.file(Path.of("b"), 2, 2);
        String first = "flowsentry scan: file 1/2, 0 records so far, reading a-long-file-name.pcap";
        String second = "flowsentry scan: file 2/2, 0 records so far, reading b";
        assertThat(text.toString()).isEqualTo("\r" + first + "\r" + second
                + " ".repeat(first.length() - second.length()));
    }

    @Test
    void printsNothingWithoutAConsole() {
        Progress p = progress(false);
        p.file(Path.of("a.pcap"), 1, 1);
        p.done();
        assertThat(text.toString()).isEmpty();
    }
}
