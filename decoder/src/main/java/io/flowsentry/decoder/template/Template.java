package io.flowsentry.decoder.template;

import io.flowsentry.flow.SourceType;

/**
 * A template compiled for decoding: a flat list of operations {@code (kind, length)}, adjacent fields
 * of no interest merged into one skip, so decoding a record is one tight loop over two int arrays.
 * {@link #VARIABLE} marks a variable-length field (RFC 7011 §7: length 65535 in the template).
 */
public final class Template {

    /** Operation length of a variable-length field, whose length prefixes its value in the record. */
    public static final int VARIABLE = -1;

    final TemplateKey key;
    final SourceType sourceType;
    final boolean options;
    final int fieldCount;
    final int scopeFieldCount;
    final int[] kinds;
    final int[] lengths;
    final int opCount;
    /** Smallest possible record: fixed lengths plus one length byte per variable field. */
    final int minRecordLength;
    /** Whether any field is variable-length (records then need bounds checks per field). */
    final boolean variable;
    /** Fixed-length templates: offset in the record (or -1) and length of each common kind, by kind (1..12). */
    final int[] commonOffsets = new int[FieldKind.LAST_COMMON + 1];
    final int[] commonLengths = new int[FieldKind.LAST_COMMON + 1];
    /** Fixed-length templates: the other fields that are not skipped, as (kind, offset, length). */
    final int[] otherKinds;
    final int[] otherOffsets;
    final int[] otherLengths;
    /** The template record's field specifiers as received, to recognise an unchanged resend cheaply. */
    final byte[] spec;
    long refreshedAtMillis;

    Template(TemplateKey key, SourceType sourceType, boolean options, int fieldCount, int scopeFieldCount,
             int[] kinds, int[] lengths, int opCount, int minRecordLength, byte[] spec, long nowMillis) {
        this.key = key;
        this.sourceType = sourceType;
        this.options = options;
        this.fieldCount = fieldCount;
        this.scopeFieldCount = scopeFieldCount;
        this.kinds = kinds;
        this.lengths = lengths;
        this.opCount = opCount;
        this.minRecordLength = minRecordLength;
        boolean anyVariable = false;
        for (int i = 0; i < opCount; i++) {
            anyVariable |= lengths[i] == VARIABLE;
        }
        this.variable = anyVariable;
        java.util.Arrays.fill(commonOffsets, -1);
        int others = 0;
        for (int i = 0; i < opCount; i++) {
            if (kinds[i] > FieldKind.LAST_COMMON) {
                others++;
            }
        }
        this.otherKinds = new int[anyVariable ? 0 : others];
        this.otherOffsets = new int[otherKinds.length];
        this.otherLengths = new int[otherKinds.length];
        if (!anyVariable) {
            // A kind present twice (outer and inner headers of a tunnel) keeps its last occurrence,
            // as a sequential decode would.
            int offset = 0;
            int o = 0;
            for (int i = 0; i < opCount; i++) {
                int kind = kinds[i];
                if (kind != FieldKind.SKIP && kind <= FieldKind.LAST_COMMON) {
                    commonOffsets[kind] = offset;
                    commonLengths[kind] = lengths[i];
                } else if (kind > FieldKind.LAST_COMMON) {
                    otherKinds[o] = kind;
                    otherOffsets[o] = offset;
                    otherLengths[o] = lengths[i];
                    o++;
                }
                offset += lengths[i];
            }
        }
        this.spec = spec;
        this.refreshedAtMillis = nowMillis;
    }

    public TemplateKey key() {
        return key;
    }

    public boolean isOptions() {
        return options;
    }

    public int fieldCount() {
        return fieldCount;
    }

    public int scopeFieldCount() {
        return scopeFieldCount;
    }

    public int minRecordLength() {
        return minRecordLength;
    }

    public long refreshedAtMillis() {
        return refreshedAtMillis;
    }
}
