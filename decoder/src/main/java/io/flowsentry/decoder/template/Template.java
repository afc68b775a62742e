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
