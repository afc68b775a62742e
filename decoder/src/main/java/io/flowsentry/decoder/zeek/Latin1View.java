package io.flowsentry.decoder.zeek;

/**
 * A {@link CharSequence} over a byte array, one char per byte, so that
 * {@link io.flowsentry.flow.IpAddress#parse(CharSequence, int, int, long[])} reads an address straight
 * from the line buffer. Re-pointed per buffer, never copied.
 */
final class Latin1View implements CharSequence {

    private byte[] buf = new byte[0];

    Latin1View wrap(byte[] buf) {
        this.buf = buf;
        return this;
    }

    @Override
    public int length() {
        return buf.length;
    }

    @Override
    public char charAt(int index) {
        return (char) (buf[index] & 0xff);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new String(buf, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return new String(buf, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
