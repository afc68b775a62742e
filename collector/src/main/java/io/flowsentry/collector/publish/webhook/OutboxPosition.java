package io.flowsentry.collector.publish.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The durable read position of an outbox: the first row not yet done (delivered, dead-lettered or dropped),
 * as (segment, row index). Stored in the file {@code position}, 16 bytes rewritten in place and fsync'd:
 * <pre>
 *   offset 0  segment   int64, big-endian
 *   offset 8  row index int32
 *   offset 12 CRC-32 of bytes 0..11
 * </pre>
 * 16 bytes at offset 0 lie in one disk sector, which storage writes whole; should it be torn anyway, the
 * CRC fails and the outbox restarts from its oldest segment: rows are then sent again, with the same
 * {@code Idempotency-Key}, and none is lost.
 */
final class OutboxPosition implements AutoCloseable {

    static final String FILE = "position";
    private static final int SIZE = 16;
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPosition.class);

    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(SIZE);
    private long segment;
    private int index;

    private OutboxPosition(FileChannel channel, long segment, int index) {
        this.channel = channel;
        this.segment = segment;
        this.index = index;
    }

    static OutboxPosition open(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        long segment = 0;
        int index = 0;
        if (channel.size() > 0) {
            while (b.hasRemaining() && channel.read(b, b.position()) > 0) {
                // read until full or end of file
            }
            if (b.position() == SIZE && b.getInt(12) == crc(b)) {
                segment = b.getLong(0);
                index = b.getInt(8);
            } else {
                LOG.warn("outbox {}: position file unreadable ({} bytes or bad CRC); restarting from the oldest segment,"
                        + " rows already delivered may be sent again with their Idempotency-Key", dir, channel.size());
            }
        }
        return new OutboxPosition(channel, segment, index);
    }

    private static int crc(ByteBuffer b) {
        CRC32 crc = new CRC32();
        crc.update(b.array(), 0, 12);
        return (int) crc.getValue();
    }

    long segment() {
        return segment;
    }

    int index() {
        return index;
    }

    /** Records the position durably (fsync) when it moved. */
    void set(long newSegment, int newIndex) throws IOException {
        if (newSegment == segment && newIndex == index) {
            return;
        }
        buffer.clear();
        buffer.putLong(0, newSegment).putInt(8, newIndex).putInt(12, crc(buffer));
        buffer.position(0).limit(SIZE);
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
        channel.force(false);
        segment = newSegment;
        index = newIndex;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
