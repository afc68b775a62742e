package io.flowsentry.decoder.pcap;

import io.flowsentry.flow.IpAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.flowsentry.decoder.pcap.CaptureCounter.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaptureReaderTest {

    private final CaptureReader reader = new CaptureReader();
    private final List<String> seen = new ArrayList<>();

    private void read(byte[] capture) throws NotACaptureException {
        reader.read(capture, d -> seen.add(d.timestampMillis() + " " + IpAddress.toString(d.srcHi(), d.srcLo()) + ":" + d.srcPort()
                + " > " + IpAddress.toString(d.dstHi(), d.dstLo()) + ":" + d.dstPort() + " "
                + Arrays.toString(Arrays.copyOfRange(d.buffer(), d.payloadOffset(), d.payloadOffset() + d.payloadLength()))));
    }

    private static final String V4 = "192.0.2.1:40000 > 192.0.2.2:2055 " + Arrays.toString(Frames.PAYLOAD);

    @ParameterizedTest(name = "{0} nanos={1}")
    @CsvSource({"LITTLE_ENDIAN,false", "BIG_ENDIAN,false", "LITTLE_ENDIAN,true", "BIG_ENDIAN,true"})
    void classicPcapInBothByteOrdersAndResolutions(String order, boolean nanos) throws Exception {
        ByteOrder o = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        byte[] frame = Frames.ethernet(Frames.ipv4Udp(), 0x0800);
        read(Frames.pcap(o, nanos, 1, frame, frame));
        // Ethernet padding after the IP packet is not payload: the IP total length ends it.
        assertThat(seen).containsExactly("1700000000000 " + V4, "1700000000001 " + V4);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"LITTLE_ENDIAN", "BIG_ENDIAN"})
    void pcapngEnhancedAndSimplePacketBlocks(String order) throws Exception {
        ByteOrder o = order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        // if_tsresol 9: nanoseconds.
        read(Frames.pcapng(o, 1, 9, 1_700_000_000_123_456_789L, Frames.ethernet(Frames.ipv4Udp(), 0x0800)));
        assertThat(seen).containsExactly("1700000000123 " + V4, "0 " + V4);
        assertThat(reader.counters().get(UNKNOWN_BLOCKS)).isEqualTo(1);
    }

    @Test
    void pcapngBinaryTimestampResolution() throws Exception {
        // if_tsresol 0x80 | 10: units of 2^-10 s; 1024 units = 1 s, 512 = 0.5 s.
        read(Frames.pcapng(ByteOrder.LITTLE_ENDIAN, 101, 0x8a, 1024L * 1_700_000_000L + 512, Frames.ipv4Udp()));
        assertThat(seen.get(0)).startsWith("1700000000500 ");
    }

    @Test
    void vlanAndQinQTags() throws Exception {
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 1,
                Frames.ethernet(Frames.ipv4Udp(), 0x0800, 0x8100),
                Frames.ethernet(Frames.ipv4Udp(), 0x0800, 0x88a8, 0x8100)));
        assertThat(seen).hasSize(2).allMatch(s -> s.endsWith(V4));
    }

    @Test
    void linuxCookedV1AndV2() throws Exception {
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 113, Frames.sll(Frames.ipv4Udp(), 0x0800)));
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 276, Frames.sll2(Frames.ipv6Udp(false, false), 0x86dd)));
        assertThat(seen.get(0)).endsWith(V4);
        assertThat(seen.get(1)).contains("2001:db8::1:50000 > 2001:db8::2:4739");
    }

    @Test
    void rawIpLinkTypes() throws Exception {
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 101, Frames.ipv4Udp(), Frames.ipv6Udp(false, false)));
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 228, Frames.ipv4Udp()));
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 229, Frames.ipv6Udp(false, false)));
        assertThat(seen).hasSize(4);
        assertThat(seen.get(1)).contains("2001:db8::2:4739");
    }

    @Test
    void bsdLoopbackInHostByteOrder() throws Exception {
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 0,
                Frames.bsdNull(Frames.ipv4Udp(), 2, ByteOrder.LITTLE_ENDIAN),
                Frames.bsdNull(Frames.ipv6Udp(false, false), 30, ByteOrder.BIG_ENDIAN)));
        assertThat(seen).hasSize(2);
    }

    @Test
    void ipv6ExtensionHeadersAreSkipped() throws Exception {
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 229, Frames.ipv6Udp(true, false)));
        assertThat(seen).hasSize(1);
        assertThat(seen.get(0)).endsWith(Arrays.toString(Frames.PAYLOAD));
    }

    @Test
    void fragmentsAndOtherTransportsAreCountedAndSkipped() throws Exception {
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 101,
                Frames.ipv4Udp(Frames.PAYLOAD, 0x2000, 17),     // MF set
                Frames.ipv4Udp(Frames.PAYLOAD, 0x0010, 17),     // offset 16 x 8
                Frames.ipv6Udp(false, true),
                Frames.ipv4Udp(Frames.PAYLOAD, 0, 6)));
        assertThat(seen).isEmpty();
        assertThat(reader.counters().get(IP_FRAGMENTS)).isEqualTo(3);
        assertThat(reader.counters().get(NOT_UDP)).isEqualTo(1);
    }

    @Test
    void damageInsideACaptureIsCounted() throws Exception {
        byte[] frame = Frames.ethernet(Frames.ipv4Udp(), 0x0800);
        byte[] pcap = Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, frame, frame);
        read(Arrays.copyOf(pcap, pcap.length - 10));                     // second record cut off
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, Arrays.copyOf(frame, 30)));  // snapped inside IP
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 147, frame));     // a user link type
        read(Frames.pcap(ByteOrder.LITTLE_ENDIAN, false, 1, Frames.ethernet(new byte[28], 0x0806))); // ARP
        assertThat(seen).hasSize(1);
        assertThat(reader.counters().get(TRUNCATED_BLOCKS)).isEqualTo(1);
        assertThat(reader.counters().get(TRUNCATED_PACKETS)).isEqualTo(1);
        assertThat(reader.counters().get(UNKNOWN_LINK_TYPE)).isEqualTo(1);
        assertThat(reader.counters().get(NOT_IP)).isEqualTo(1);
    }

    @Test
    void bytesThatAreNoCaptureAreRefused() {
        assertThatThrownBy(() -> read("hello world".getBytes())).isInstanceOf(NotACaptureException.class)
                .hasMessageContaining("not a pcap or pcapng capture");
        assertThatThrownBy(() -> read(new byte[2])).isInstanceOf(NotACaptureException.class);
    }
}
