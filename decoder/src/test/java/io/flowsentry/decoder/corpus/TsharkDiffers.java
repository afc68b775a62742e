package io.flowsentry.decoder.corpus;

import java.util.Set;

/**
 * The captures where the corpus README (or a second oracle) shows tshark 4.0.17 wrong or silent;
 * {@link CorpusTsharkDiffersTest} checks each against the right answer and says why.
 */
final class TsharkDiffers {

    static final Set<String> NAMES = Set.of(
            // softflowd's v9 header Count counts data records only; tshark stops after Count records.
            "zeek_btest_smb1__v9_port40017",
            "zeek_btest_smb2_krb__v9_port40026",
            "zeek_btest_smb2readwrite__v9_port40020",
            "zeek_btest_smb3__v9_port40023",
            "zeek_doc_20171220_smb_at_schedule__v9_port40014",
            "smb_mix_input__v9_port40011",
            "smb_mix_input__v9_pcaptime_port40031",
            // Same Count problem (count=2, 6 records present).
            "netflow_9_invalid_01",
            // H3C: tshark throws on a 2-byte IPv4 field after record 1 of 16.
            "netflow_9_h3c",
            // Data sets before their template: tshark drops them, the decoder buffers them.
            "v9_template_mixed_order",
            "ipfix_data_template_data",
            // NetFlow v1 is not a version a v5/v9/IPFIX collector accepts.
            "v1_icmp",
            // Malformed options template: tshark aborts the frame.
            "ipfix_multimessage_trailing257",
            // A record with protocolIdentifier twice (outer, inner): tshark shows the first.
            "500-IPFIXv10-BGP-CISCO-SRv6__traffic-00");

    private TsharkDiffers() {
    }
}
