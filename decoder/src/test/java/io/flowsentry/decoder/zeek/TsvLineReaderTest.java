package io.flowsentry.decoder.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.flow.FlowRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The field split against a plain byte loop, on random lines anywhere in their buffer: long and
 * short, tabs on block and word boundaries, control bytes inside and just past the line (which must
 * not count), lines that end at the very end of the array (read a byte at a time).
 */
class TsvLineReaderTest {

    private static final byte[] POOL = {'\t', '\t', '\t', '\t', 'a', '9', '.', '-', ' ', 0x1f, 0x7f, (byte) 0x80, (byte) 0x9f,
        (byte) 0xa0, (byte) 0x89, (byte) 0xff, '\n', '\r', 0, ','};

    /** The field ends a byte loop finds, or {@code null} when a control byte other than a tab makes the line binary. */
    private static List<Integer> expectedEnds(byte sep, byte[] buf, int off, int end) {
        List<Integer> ends = new ArrayList<>();
        for (int i = off; i < end; i++) {
            if (buf[i] == sep) {
                ends.add(i);
            } else if ((buf[i] & 0xff) < 0x20 && buf[i] != '\t') {
                return null;
            }
        }
        ends.add(end);
        return ends;
    }

    private static void assertSplitAsLoop(TsvLineReader reader, byte sep, byte[] buf, int off, int end) {
        List<Integer> expected = expectedEnds(sep, buf, off, end);
        boolean text = reader.split(sep, buf, off, end);
        assertThat(text).as("text? off %d end %d", off, end).isEqualTo(expected != null);
        if (text) {
            assertThat(reader.fieldCount()).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertThat(reader.fieldEnd(i)).as("end of field %d", i).isEqualTo(expected.get(i));
            }
        }
    }

    @Test
    void splitsRandomLinesAsAByteLoopDoes() {
        Random random = new Random(64);
        TsvLineReader reader = new TsvLineReader(new ConnRecordAssembler(new FlowRecord()));
        for (int round = 0; round < 100_000; round++) {
            byte[] buf = new byte[1 + random.nextInt(300)];
            int oddOnes = 1 + random.nextInt(4); // from mostly text to mostly pool bytes
            for (int i = 0; i < buf.length; i++) {
                buf[i] = random.nextInt(4) < oddOnes ? POOL[random.nextInt(oddOnes == 1 ? 5 : POOL.length)] : (byte) ('a' + random.nextInt(26));
            }
            int off = random.nextInt(buf.length);
            int end = random.nextInt(3) == 0 ? buf.length : off + random.nextInt(buf.length - off + 1);
            assertSplitAsLoop(reader, (byte) '\t', buf, off, end);
            assertSplitAsLoop(reader, (byte) ',', buf, off, end);
        }
    }

    @Test
    void tabsOnEveryBlockAndWordBoundary() {
        TsvLineReader reader = new TsvLineReader(new ConnRecordAssembler(new FlowRecord()));
        for (int length = 0; length <= 200; length++) {
            for (int tabAt = 0; tabAt < length; tabAt++) {
                byte[] buf = new byte[length + 16];
                java.util.Arrays.fill(buf, (byte) 'x');
                buf[tabAt] = '\t';
                buf[length] = '\t'; // past the end: not a field end
                buf[length + 1] = 1; // past the end: not binary
                assertSplitAsLoop(reader, (byte) '\t', buf, 0, length);
                assertThat(reader.fieldCount()).isEqualTo(2);
                assertThat(reader.fieldEnd(0)).isEqualTo(tabAt);
            }
        }
    }

    @Test
    void aControlByteAnywhereMakesTheLineBinary() {
        TsvLineReader reader = new TsvLineReader(new ConnRecordAssembler(new FlowRecord()));
        for (int length = 1; length <= 150; length++) {
            for (int at = 0; at < length; at++) {
                for (byte control : new byte[] {0, 0x01, '\n', '\r', 0x1b, 0x1f}) {
                    byte[] buf = new byte[length + slack(length)];
                    java.util.Arrays.fill(buf, (byte) ' ');
                    buf[at] = control;
                    assertThat(reader.split((byte) '\t', buf, 0, length)).as("0x%02x at %d of %d", control, at, length).isFalse();
                }
            }
        }
    }

    /** 0 to 15 bytes after the line, so some lines end within a word of the array's end. */
    private static int slack(int seed) {
        return (seed * 7) % 16;
    }
}
