package io.flowsentry.decoder.zeek;

import io.flowsentry.flow.SourceType;

/** The forms of conn.log flowsentry reads, as {@link ConnLogSniffer} tells them apart. */
public enum ConnLogFormat {
    /** Zeek's ASCII writer: {@code #separator}, {@code #fields}, ... then tab-separated rows. */
    TSV_HEADER(SourceType.ZEEK_CONN),
    /** {@code zeek-cut -c}-less output: one row of column names, then tab-separated rows. */
    TSV_ZEEK_CUT(SourceType.ZEEK_CONN),
    /** {@code LogAscii::use_json=T}: one JSON object per line. */
    JSON(SourceType.ZEEK_CONN_JSON),
    /** Nothing that says conn.log: no header, no column names, no JSON object, or another {@code #path}. */
    NOT_CONN_LOG(null),
    /** Not enough bytes yet to tell (an empty file, or only comment lines so far). */
    UNDECIDED(null);

    private final SourceType sourceType;

    ConnLogFormat(SourceType sourceType) {
        this.sourceType = sourceType;
    }

    /** The {@code sourcetype} of records read in this form; {@code null} for the non-formats. */
    public SourceType sourceType() {
        return sourceType;
    }
}
