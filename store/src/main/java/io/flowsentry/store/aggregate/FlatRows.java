package io.flowsentry.store.aggregate;

/**
 * Where rows of a flat {@code long[]} table start so that a row of 32 or 64 bytes lies in one cache line.
 *
 * <p>G1 places an array of more than half a heap region (a "humongous" object, here any table of the
 * default front: 1 MiB and more) at the start of a region, and its elements begin after the 16-byte array
 * header. Rows of 32 or 64 bytes counted from element 0 would therefore start 16 bytes past a 64-byte
 * boundary, and every 64-byte row (every other 32-byte row) would span two cache lines. Starting the
 * first row at element 6 (16 + 48 = 64 bytes) aligns them. Smaller arrays are placed anywhere 8-byte
 * aligned; for them the offset neither helps nor harms.
 */
final class FlatRows {

    static final int FIRST_ROW = 6;

    private FlatRows() {
    }
}
