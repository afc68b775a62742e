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

    @Test
    void badKafkaOptionsAreOneLineAndExitCode2() {
        CommandOutput noBrokers = new CommandOutput();
        assertThat(noBrokers.run("run", "--kafka-role", "detect")).isEqualTo(2);
        assertThat(noBrokers.err()).isEqualTo("flowsentry: --kafka-role: needs Kafka brokers (--kafka-bootstrap or"
                + " kafka.bootstrap_servers)" + System.lineSeparator());
        CommandOutput badRole = new CommandOutput();
        assertThat(badRole.run("run", "--kafka-bootstrap", "127.0.0.1:9092", "--kafka-role", "both")).isEqualTo(2);
        assertThat(badRole.err()).isEqualTo("flowsentry: --kafka-role: 'both' is not a role (known: forward, detect)"
                + System.lineSeparator());
        CommandOutput badBroker = new CommandOutput();
        assertThat(badBroker.run("run", "--kafka-bootstrap", "kafka-1", "--kafka-role", "forward")).isEqualTo(2);
        assertThat(badBroker.err()).startsWith("flowsentry: --kafka-bootstrap: 'kafka-1' is not host:port")
                .doesNotContain("\n" + "flowsentry");
    }

    @Test
    void theHelpNamesTheKafkaOptions() {
        CommandOutput help = new CommandOutput();
        assertThat(help.run("run", "--help")).isZero();
        assertThat(help.out()).contains("--kafka-bootstrap=HOST:PORT[,HOST:PORT...]").contains("--kafka-role=ROLE");
    }
}
