package io.flowsentry.collector.zeek;

/**
 * Where a follower stands: the file it reads ({@code fileName} as last seen, its identity), the byte
 * offset just after the last line the consumer committed ({@code offset}, in decompressed bytes for a
 * gzipped file), the number of lines up to there, and the consumer's own token saved with it.
 */
public record ZeekCheckpoint(String fileName, FileIdentity identity, long offset, long lineNumber, long consumerToken) {
}
