package io.flowsentry.decoder.ipfix;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InformationElementsTest {

    private final InformationElements ie = InformationElements.iana();

    @Test
    void namesAndTypesFromTheRegistry() {
        assertThat(ie.name(1)).isEqualTo("octetDeltaCount");
        assertThat(ie.type(1)).isEqualTo("unsigned64");
        assertThat(ie.name(27)).isEqualTo("sourceIPv6Address");
        assertThat(ie.type(27)).isEqualTo("ipv6Address");
        assertThat(ie.name(89)).isEqualTo("forwardingStatus");
        assertThat(ie.name(96)).isEqualTo("applicationName");
        assertThat(ie.type(96)).isEqualTo("string");
        assertThat(ie.name(154)).isEqualTo("flowStartMicroseconds");
        assertThat(ie.type(154)).isEqualTo("dateTimeMicroseconds");
        assertThat(ie.name(233)).isEqualTo("firewallEvent");
        assertThat(ie.name(433)).isEqualTo("ignoredLayer2FrameTotalCount");
    }

    @Test
    void unassignedAndOutOfRangeIdsHaveNoName() {
        // 65-69 are "assigned for NetFlow v9 compatibility" with no IPFIX name; 34 is the deprecated samplingInterval.
        assertThat(ie.name(65)).isNull();
        assertThat(ie.name(34)).isEqualTo("samplingInterval");
        assertThat(ie.name(0)).isNull();
        assertThat(ie.name(32767)).isNull();
        assertThat(ie.name(-1)).isNull();
        assertThat(ie.name(40000)).isNull();
        assertThat(ie.size()).isEqualTo(399);
    }
}
