package io.flowsentry.decoder.template;

import io.flowsentry.decoder.Bytes;
import io.flowsentry.flow.SourceType;

import java.util.Arrays;

/**
 * Turns the field specifiers of a template record into a {@link Template}. Reused: its scratch arrays
 * are sized by the per-template field limit, never by anything read from the wire.
 */
public final class TemplateCompiler {

    /** RFC 7011 §3.2: field length 65535 announces a variable-length field. */
    public static final int VARIABLE_LENGTH_MARKER = 65535;

    private final int maxFields;
    private final int[] kinds;
    private final int[] lengths;

    public TemplateCompiler(int maxFields) {
        this.maxFields = maxFields;
        this.kinds = new int[maxFields];
        this.lengths = new int[maxFields];
    }

    public int maxFields() {
        return maxFields;
    }

    /**
     * Compiles the field specifiers at {@code b[specStart, specEnd)} whose layout was already checked by
     * the caller: per field a 16-bit id and 16-bit length and, when {@code enterpriseBit} and the id's
     * top bit is set, a 32-bit enterprise number (RFC 7011 §3.2; v9 passes {@code false}).
     */
    public Template compile(TemplateKey key, SourceType type, boolean options, int fieldCount, int scopeFieldCount,
                            byte[] b, int specStart, int specEnd, boolean enterpriseBit, long nowMillis) {
        int ops = 0;
        int min = 0;
        int pos = specStart;
        for (int i = 0; i < fieldCount; i++) {
            int id = Bytes.u16(b, pos);
            int length = Bytes.u16(b, pos + 2);
            pos += 4;
            long pen = 0;
            if (enterpriseBit && (id & 0x8000) != 0) {
                pen = Bytes.u32(b, pos);
                pos += 4;
                id &= 0x7fff;
            }
            // Scope fields of options templates describe what the options apply to, not a flow.
            int kind = (options && i < scopeFieldCount) ? FieldKind.SKIP : FieldKind.of(id, pen);
            int opLength = length == VARIABLE_LENGTH_MARKER ? Template.VARIABLE : length;
            min += opLength == Template.VARIABLE ? 1 : length;
            if (kind == FieldKind.SKIP && opLength != Template.VARIABLE && ops > 0
                    && kinds[ops - 1] == FieldKind.SKIP && lengths[ops - 1] != Template.VARIABLE) {
                lengths[ops - 1] += length;
                continue;
            }
            kinds[ops] = kind;
            lengths[ops] = opLength;
            ops++;
        }
        return new Template(key, type, options, fieldCount, scopeFieldCount,
                Arrays.copyOf(kinds, ops), Arrays.copyOf(lengths, ops), ops, min,
                Arrays.copyOfRange(b, specStart, specEnd), nowMillis);
    }

    /** Whether {@code t} was compiled from exactly the specifiers at {@code b[specStart, specEnd)}. */
    public static boolean sameSpec(Template t, boolean options, int scopeFieldCount, byte[] b, int specStart, int specEnd) {
        return t.options == options && t.scopeFieldCount == scopeFieldCount
                && Arrays.equals(t.spec, 0, t.spec.length, b, specStart, specEnd);
    }
}
