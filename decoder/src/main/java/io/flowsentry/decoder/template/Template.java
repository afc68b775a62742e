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
    /**
     * Fixed-length templates, compiled to flat lists of (kind, offset in the record, length): the plain
     * unsigned numbers of at most 8 bytes (ports, protocol, counters, times, ...), read in one loop
     * with no per-field dispatch, and the rest (addresses, NTP times, names, odd lengths) that need it.
     */
    final FieldList numbers;
    /** Every kind in {@link #numbers}, as presence bits. */
    final long numberMask;
    final FieldList specials;
    /** Flow (not options) templates of fixed length: the record resolved field by field, else {@code null}. */
    final FixedRecordPlan plan;
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
        this.spec = spec;
        boolean anyVariable = false;
        for (int i = 0; i < opCount; i++) {
            anyVariable |= lengths[i] == VARIABLE;
        }
        this.variable = anyVariable;
        int numberCount = 0;
        for (int i = 0; i < opCount; i++) {
            numberCount += isNumber(kinds[i], lengths[i]) ? 1 : 0;
        }
        this.numbers = new FieldList(anyVariable ? 0 : numberCount);
        this.specials = new FieldList(anyVariable ? 0 : opCount - numberCount);
        long mask = 0;
        if (!anyVariable) {
            // A kind present twice (outer and inner headers of a tunnel) keeps its last occurrence:
            // the lists keep template order.
            int offset = 0;
            for (int i = 0; i < opCount; i++) {
                int kind = kinds[i];
                if (isNumber(kind, lengths[i])) {
                    numbers.add(kind, offset, lengths[i]);
                    mask |= 1L << kind;
                } else if (kind != FieldKind.SKIP) {
                    specials.add(kind, offset, lengths[i]);
                }
                offset += lengths[i];
            }
        }
        this.numberMask = mask;
        this.plan = anyVariable || options ? null : new FixedRecordPlan(kinds, lengths, opCount);
        this.refreshedAtMillis = nowMillis;
    }

    /** Whether a field is a plain unsigned number the fixed-length loop can read without dispatch. */
    private static boolean isNumber(int kind, int length) {
        return switch (kind) {
            case FieldKind.SKIP, FieldKind.SRC_V4, FieldKind.DST_V4, FieldKind.SRC_V6, FieldKind.DST_V6,
                 FieldKind.START_NTP, FieldKind.END_NTP, FieldKind.APPLICATION_NAME -> false;
            default -> length <= 8;
        };
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
