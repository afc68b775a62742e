package io.flowsentry.collector.zeek;

import java.io.IOException;

/**
 * The consumer of a {@link ZeekDirectoryFollower}: lines in file order, then {@link #commit()} once a
 * batch has been handed over. Called from the follower's thread only.
 *
 * <p>The follower checkpoints only after {@code commit()} returns, storing the returned token with
 * the offset. Lines delivered but not yet committed when the process dies are delivered again on the
 * next start, so delivery is at least once; a consumer that stores its own position as the token and
 * rolls back to {@link ZeekDirectoryFollower#restoredConsumerToken()} on start sees every line exactly
 * once.
 */
public interface ZeekLineHandler {

    /** Reading of {@code file} starts (a new file, a rotated one being finished, a resume, a truncation). */
    void fileStarted(FollowedFile file) throws IOException;

    /** One complete line without its newline; {@code buf} is valid only during the call. */
    void line(byte[] buf, int off, int len, long lineNumber);

    /** A line longer than the follower's cap, skipped up to its newline. */
    void lineTooLong(long lineNumber);

    /**
     * Makes everything delivered so far durable on the consumer's side.
     *
     * @return a token saved with the checkpoint (e.g. the consumer's own output position)
     */
    long commit() throws IOException;
}
