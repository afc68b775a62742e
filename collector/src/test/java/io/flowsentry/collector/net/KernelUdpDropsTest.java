package io.flowsentry.collector.net;

import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fixtures are /proc/net/udp and /proc/net/udp6 as read on a Linux 6.x machine: two SO_REUSEPORT
 * sockets on 0.0.0.0:2055 (0x0807) that dropped 297 and 497 datagrams, one on 127.0.0.1:4739 (0x1283),
 * and in udp6 a dual-stack socket on ::ffff:127.0.0.1:2055 that dropped 197.
 */
class KernelUdpDropsTest {

    private static Path fixture(String name) throws URISyntaxException {
        return Path.of(KernelUdpDropsTest.class.getResource(name).toURI());
    }

    @Test
    void sumsTheDropsOfEverySocketOnThePortAcrossBothFiles() throws Exception {
        KernelUdpDrops drops = new KernelUdpDrops(fixture("proc-net-udp"), fixture("proc-net-udp6"));
        assertThat(drops.dropsForPort(2055)).isEqualTo(297 + 497 + 197);
        assertThat(drops.dropsForPort(4739)).isZero();
        assertThat(drops.dropsForPort(9995)).isZero();
    }

    @Test
    void missingFilesMeanUnknown() throws Exception {
        Path none = Path.of("/nonexistent/proc/net/udp");
        assertThat(new KernelUdpDrops(none, none).dropsForPort(2055)).isEqualTo(-1);
        assertThat(new KernelUdpDrops(none, none).available()).isFalse();
        assertThat(new KernelUdpDrops(fixture("proc-net-udp"), none).dropsForPort(2055)).isEqualTo(297 + 497);
    }

    @Test
    void linesOfAnotherShapeAreSkipped() {
        List<String> lines = List.of(
                "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops",
                " 5483: 00000000:0807 00000000:0000 07 00000000:00001B00 00:00000000",
                " 5484: 00000000:0807 00000000:0000 07 00000000:00001B00 00:00000000 00000000     0        0 1 2 0000 many",
                " 5485: 00000000:GGGG 00000000:0000 07 00000000:00001B00 00:00000000 00000000     0        0 1 2 0000 9",
                "",
                " 5486: 00000000:0807 00000000:0000 07 00000000:00001B00 00:00000000 00000000     0        0 1 2 0000 5   ");
        assertThat(KernelUdpDrops.sumDrops(lines, 2055)).isEqualTo(5);
    }
}
