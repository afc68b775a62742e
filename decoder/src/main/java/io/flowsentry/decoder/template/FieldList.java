package io.flowsentry.decoder.template;

/**
 * Fields of a fixed-length template as parallel arrays of (kind, offset in the record, length), in
 * template order, so a record is read by one loop over plain arrays.
 */
final class FieldList {

    final int[] kinds;
    final int[] offsets;
    final int[] lengths;
    private int size;

    FieldList(int capacity) {
        kinds = new int[capacity];
        offsets = new int[capacity];
        lengths = new int[capacity];
    }

    void add(int kind, int offset, int length) {
        kinds[size] = kind;
        offsets[size] = offset;
        lengths[size] = length;
        size++;
    }

    int size() {
        return size;
    }
}
