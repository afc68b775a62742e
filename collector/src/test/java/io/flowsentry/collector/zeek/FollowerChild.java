package io.flowsentry.collector.zeek;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A follower process for the kill tests: follows {@code args[0]} with its checkpoint in
 * {@code args[1]}, and appends every delivered line, with its newline, to {@code args[2]}, fsync'd in
 * {@code commit()}; the output length is the consumer token, and on start the output is cut back to
 * the token of the last checkpoint, so lines written after it and delivered again appear once.
 * Runs until killed.
 */
public final class FollowerChild {

    public static void main(String[] args) throws Exception {
        Path watch = Path.of(args[0]);
        Path state = Path.of(args[1]);
        Path output = Path.of(args[2]);
        try (FileChannel out = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            ByteArrayOutputStream pending = new ByteArrayOutputStream();
            ZeekLineHandler handler = new ZeekLineHandler() {
                @Override
                public void fileStarted(FollowedFile file) {
                }

                @Override
                public void line(byte[] buf, int off, int len, long lineNumber) {
                    pending.write(buf, off, len);
                    pending.write('\n');
                }

                @Override
                public void lineTooLong(long lineNumber) {
                }

                @Override
                public long commit() throws java.io.IOException {
                    ByteBuffer b = ByteBuffer.wrap(pending.toByteArray());
                    while (b.hasRemaining()) {
                        out.write(b);
                    }
                    pending.reset();
                    out.force(false);
                    return out.position();
                }
            };
            try (ZeekDirectoryFollower follower = new ZeekDirectoryFollower(watch, "conn.log",
                    new CheckpointStore(state, "conn"), handler, 8 * 1024)) {
                long token = follower.start();
                out.truncate(token);
                out.position(token);
                out.force(false);
                while (true) {
                    if (follower.poll() == 0) {
                        Thread.sleep(2);
                    }
                }
            }
        }
    }
}
