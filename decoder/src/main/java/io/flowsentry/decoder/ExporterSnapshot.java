package io.flowsentry.decoder;

import io.flowsentry.flow.IpAddress;

/**
 * One exporter as the {@code status} command shows it.
 *
 * @param versions           NetFlow/IPFIX versions seen (5, 9, 10), ascending
 * @param templates          templates held (all domains)
 * @param pendingSets        data sets waiting for their template
 * @param lastDatagramMillis receive time of the last datagram, epoch ms
 * @param sequenceLost       datagrams (v9) or records (v5, IPFIX) lost per the sequence numbers
 */
public record ExporterSnapshot(long addressHi, long addressLo, int[] versions, int domains, int templates,
                               int pendingSets, long datagrams, long lastDatagramMillis, long sequenceLost) {

    public String address() {
        return IpAddress.toString(addressHi, addressLo);
    }
}
