package dev.chainrule.nn.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds safetensors files byte by byte, to test the reader against files Chainrule would never write. */
final class SafeTensorsFiles {
    private SafeTensorsFiles() {}

    /** The 8-byte little-endian header length, the header's UTF-8 bytes, then {@code data}. */
    static byte[] file(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return concat(littleEndianLong(json.length), json, data);
    }

    /** {@link #file} with {@code size} zero bytes of data. */
    static byte[] file(String header, int size) {
        return file(header, new byte[size]);
    }

    static byte[] littleEndianLong(long value) {
        return ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    static byte[] littleEndianDoubles(double... values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) buffer.putDouble(v);
        return buffer.array();
    }

    static byte[] littleEndianLongs(long... values) {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) buffer.putLong(v);
        return buffer.array();
    }

    static byte[] littleEndianFloats(float... values) {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) buffer.putFloat(v);
        return buffer.array();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) out.writeBytes(part);
        return out.toByteArray();
    }
}
