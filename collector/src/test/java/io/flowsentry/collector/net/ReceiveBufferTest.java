package io.flowsentry.collector.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiveBufferTest {

    private static final ListenAddress ADDRESS = new ListenAddress("0.0.0.0", 2055);

    @Test
    void epollReportsTheKernelsDoubledValue() {
        ReceiveBuffer check = new ReceiveBuffer(1 << 20, true);
        assertThat(check.check(ADDRESS, 2 << 20)).isEqualTo(1 << 20);
        assertThat(check.warned()).isFalse();
    }

    @Test
    void aCappedBufferWarnsOnceAndReportsTheCap() {
        ReceiveBuffer check = new ReceiveBuffer(32 << 20, true);
        // rmem_max 4 MiB: the kernel holds 8 MiB, epoll reports 8 MiB, 4 MiB is in force.
        assertThat(check.check(ADDRESS, 8 << 20)).isEqualTo(4 << 20);
        assertThat(check.warned()).isTrue();
    }

    @Test
    void nioReportsTheRequestUnitsAlready() {
        ReceiveBuffer check = new ReceiveBuffer(32 << 20, false);
        assertThat(check.check(ADDRESS, 4 << 20)).isEqualTo(4 << 20);
        assertThat(check.warned()).isTrue();
        assertThat(new ReceiveBuffer(1 << 20, false).check(ADDRESS, 1 << 20)).isEqualTo(1 << 20);
    }
}
