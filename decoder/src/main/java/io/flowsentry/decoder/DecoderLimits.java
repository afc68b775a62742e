package io.flowsentry.decoder;

import java.time.Duration;

/**
 * Bounds on everything the decoder keeps per exporter, so that no exporter (or forger of exporter
 * addresses) can make it grow without limit.
 *
 * @param maxExporters            exporters tracked; the least recently seen is evicted beyond it
 * @param maxTemplatesPerExporter templates (all domains) one exporter may hold
 * @param maxFieldsPerTemplate    field specifiers in one template record
 * @param maxDomainsPerExporter   observation domains / source ids sequence-tracked per exporter
 * @param templateTimeout         a template not refreshed for this long is dropped
 * @param pendingBytes            bytes of data sets buffered per exporter while their template is missing
 * @param pendingSets             data sets buffered per exporter while their template is missing
 * @param pendingTimeout          a buffered data set whose template has not come by then is dropped
 */
public record DecoderLimits(int maxExporters, int maxTemplatesPerExporter, int maxFieldsPerTemplate,
                            int maxDomainsPerExporter, Duration templateTimeout, int pendingBytes,
                            int pendingSets, Duration pendingTimeout) {

    /**
     * Defaults. 4096 exporters x 256 templates is far beyond real deployments (a Cisco ASA sends 30,
     * NetScaler 7). 512 fields: the largest real template in the corpus (YAF) has under 100.
     * Template timeout 30 min: RFC 7011 §8.4 leaves it to the collector; exporters resend every 1-10
     * minutes (Cisco default 30 min for v9 template timeout), so 30 min survives one missed refresh
     * at the slowest common rate. Pending buffer 64 KiB = one maximal UDP datagram (65,507 B) per
     * exporter, 64 sets; 60 s covers the usual 20-60 s template resend interval at start-up.
     */
    public static DecoderLimits defaults() {
        return new DecoderLimits(4096, 256, 512, 64, Duration.ofMinutes(30), 64 * 1024, 64, Duration.ofSeconds(60));
    }
}
