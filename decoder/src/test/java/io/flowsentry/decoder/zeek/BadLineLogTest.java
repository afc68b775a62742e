package io.flowsentry.decoder.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class BadLineLogTest {

    @Test
    void logsAtMostTheBurstPerPeriodThenSumsUpTheRest() {
        List<String> messages = new ArrayList<>();
        AtomicLong now = new AtomicLong(1_000);
        BadLineLog log = new BadLineLog(messages::add, now::get, 3, 60_000_000_000L);
        for (int line = 1; line <= 10; line++) {
            log.report("conn.log", line, BadLine.BAD_TIME, "ts");
        }
        assertThat(messages).containsExactly(
                "zeek conn log conn.log line 1: skipped, bad_time (ts)",
                "zeek conn log conn.log line 2: skipped, bad_time (ts)",
                "zeek conn log conn.log line 3: skipped, bad_time (ts)");
        assertThat(log.suppressed()).isEqualTo(7);

        now.addAndGet(60_000_000_000L);
        log.report("conn.log", 11, BadLine.BAD_PORT, null);
        assertThat(messages).hasSize(5);
        assertThat(messages.get(3)).isEqualTo("zeek conn log: 7 more skipped lines not logged in the last 60 s");
        assertThat(messages.get(4)).isEqualTo("zeek conn log conn.log line 11: skipped, bad_port");
        assertThat(log.suppressed()).isZero();
    }
}
