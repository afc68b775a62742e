package io.flowsentry.decoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The writes are network order, as {@link ByteBuffer}'s default is, and the reads give them back. */
class BytesTest {

    @Test
    void writesAreBigEndianAndReadBack() {
        byte[] b = new byte[1 + 2 + 4 + 8];
        Bytes.putU16(b, 1, 0xfedc);
        Bytes.putS32(b, 3, 0x89ab_cdef);
        Bytes.putS64(b, 7, 0x0123_4567_89ab_cdefL);
        byte[] expected = ByteBuffer.allocate(b.length).put((byte) 0).putShort((short) 0xfedc).putInt(0x89ab_cdef)
                .putLong(0x0123_4567_89ab_cdefL).array();
        assertThat(b).isEqualTo(expected);
        assertThat(Bytes.u16(b, 1)).isEqualTo(0xfedc);
        assertThat(Bytes.u32(b, 3)).isEqualTo(0x89ab_cdefL);
        assertThat(Bytes.s64(b, 7)).isEqualTo(0x0123_4567_89ab_cdefL);
    }
}
