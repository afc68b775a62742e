package io.flowsentry.collector.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenAddressTest {

    @Test
    void parsesIpv4Ipv6AndLocalhost() {
        assertThat(ListenAddress.parse("0.0.0.0:2055")).isEqualTo(new ListenAddress("0.0.0.0", 2055));
        assertThat(ListenAddress.parse("[::]:4739")).isEqualTo(new ListenAddress("::", 4739));
        assertThat(ListenAddress.parse("[2001:db8::1]:9995").toString()).isEqualTo("[2001:db8::1]:9995");
        assertThat(ListenAddress.parse("localhost:6343").toSocketAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void rejectsWhatIsNotHostPort() {
        assertThatThrownBy(() -> ListenAddress.parse("2055")).hasMessageContaining("'2055'").hasMessageContaining("host:port");
        assertThatThrownBy(() -> ListenAddress.parse("::1:2055")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> ListenAddress.parse("0.0.0.0:70000")).hasMessageContaining("70000").hasMessageContaining("1 ~ 65535");
        assertThatThrownBy(() -> ListenAddress.parse("0.0.0.0:0")).hasMessageContaining("1 ~ 65535");
        assertThatThrownBy(() -> ListenAddress.parse("collector.example:2055")).hasMessageContaining("collector.example");
        assertThatThrownBy(() -> ListenAddress.parse("[::1]2055")).hasMessageContaining("[v6-address]:port");
    }
}
