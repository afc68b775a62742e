package io.flowsentry.collector.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowsentry.collector.detect.DetectionProfile;
import io.flowsentry.collector.detect.SmbPredicate;
import io.flowsentry.collector.net.ListenerSettings;
import io.flowsentry.decoder.DecoderLimits;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The warm-up sends real v5/v9/IPFIX datagrams through a private loopback listener, and can be off. */
class ReceivePathWarmUpTest {

    private final SmbPredicate predicate = new SmbPredicate(DetectionProfile.ESCU_V3, null);

    @Test
    void decodesSyntheticExportsReceivedOnItsOwnSocketAndDrainsTheirMatches() throws Exception {
        ReceivePathWarmUp.Result r = ReceivePathWarmUp.run(() -> predicate, Clock.systemUTC(), DecoderLimits.defaults(),
                ListenerSettings.defaults(), 300);
        assertThat(r.sent()).isPositive();
        // Loopback may drop some while the listener is cold; what arrives decodes to whole datagrams of
        // 35 (v9), 21 (IPFIX) or 30 (v5) records.
        assertThat(r.records()).isPositive().isLessThanOrEqualTo(r.sent() * 35);
        // TCP to 139/445 from 10/8 to 203.0.113/24: some, never most
        assertThat(r.matches()).isPositive().isLessThan(r.records() / 4);
    }

    @Test
    void aZeroBudgetDoesNothing() throws Exception {
        ReceivePathWarmUp.Result r = ReceivePathWarmUp.run(() -> predicate, Clock.systemUTC(), DecoderLimits.defaults(),
                ListenerSettings.defaults(), 0);
        assertThat(r.sent()).isZero();
        assertThat(r.records()).isZero();
    }
}
