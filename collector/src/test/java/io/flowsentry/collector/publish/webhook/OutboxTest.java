package io.flowsentry.collector.publish.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowsentry.collector.publish.PublishedRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sender stopped (interrupted) while it reads a row leaves the row in the outbox, not in the dead-letter file. */
class OutboxTest {

    @TempDir
    Path dir;

    @Test
    void aReadInterruptedByStopIsNotAnUnreadableRow() throws Exception {
        PublishedRow row = new PublishedRow("w-1", "window", 1_795_773_600_000L, "10.0.0.1", "{\"count\":1}");
        try (Outbox outbox = Outbox.open(dir, 100, 1 << 20, Clock.systemUTC())) {
            outbox.append(List.of(row));
            Outbox.Entry head = outbox.awaitHead(0);
            Thread.currentThread().interrupt();
            try {
                // The positional read runs on an interruptible channel: it closes and throws.
                assertThatThrownBy(() -> outbox.read(head)).isInstanceOf(InterruptedException.class);
            } finally {
                Thread.interrupted();
            }
            assertThat(outbox.isHead(head)).isTrue();
            assertThat(outbox.read(head)).isEqualTo(row);
        }
        assertThat(dir.resolve(Outbox.DEAD_LETTER_FILE)).doesNotExist();
        try (Outbox reopened = Outbox.open(dir, 100, 1 << 20, Clock.systemUTC())) {
            assertThat(reopened.read(reopened.awaitHead(0))).isEqualTo(row);
        }
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).doesNotContain(Outbox.DEAD_LETTER_FILE);
    }
}
