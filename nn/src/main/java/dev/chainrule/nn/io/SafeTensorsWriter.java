package dev.chainrule.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.WritableByteChannel;
import java.util.Arrays;
import java.util.Map;

/** Encodes tensors as a safetensors file of F64 values; see {@link SafeTensors} for the exact layout. */
final class SafeTensorsWriter {
    private static final int CHUNK_DOUBLES = 1 << 17;

    private SafeTensorsWriter() {}

    static void write(Map<String, Tensor> tensors, Map<String, String> metadata, WritableByteChannel out)
            throws IOException {
        check(tensors, metadata);
        byte[] header = header(tensors, metadata);
        writeFully(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
        writeFully(out, ByteBuffer.wrap(header));
        for (Tensor tensor : tensors.values()) writeValues(out, tensor.toArray());
    }

    private static void check(Map<String, Tensor> tensors, Map<String, String> metadata) {
        for (var entry : tensors.entrySet()) {
            if (entry.getKey() == null || entry.getKey().equals(HeaderParser.METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.write: invalid tensor name '" + entry.getKey()
                        + "'; '" + HeaderParser.METADATA_KEY + "' is reserved for metadata");
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors.write: tensor '" + entry.getKey() + "' is null");
            }
        }
        for (var entry : metadata.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors.write: metadata entry " + entry.getKey() + "="
                        + entry.getValue() + " has a null key or value");
            }
        }
    }

    /** The compact JSON header padded with spaces to a multiple of 8 bytes, as the reference writer does. */
    static byte[] header(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = HeaderParser.MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(HeaderParser.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (var entry : tensors.entrySet()) {
            long end = offset + 8L * entry.getValue().numel();
            ObjectNode info = root.putObject(entry.getKey());
            info.put("dtype", DType.F64.name());
            ArrayNode shape = info.putArray("shape");
            Arrays.stream(entry.getValue().shape()).forEach(shape::add);
            info.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        return pad(toJson(root));
    }

    private static byte[] toJson(ObjectNode root) {
        try {
            return HeaderParser.MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("SafeTensors.write: cannot encode the header", e);
        }
    }

    private static byte[] pad(byte[] json) {
        int padded = (json.length + 7) / 8 * 8;
        byte[] result = Arrays.copyOf(json, padded);
        Arrays.fill(result, json.length, padded, (byte) ' ');
        return result;
    }

    private static void writeValues(WritableByteChannel out, double[] values) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8 * Math.min(values.length, CHUNK_DOUBLES)).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < values.length; done += CHUNK_DOUBLES) {
            int count = Math.min(CHUNK_DOUBLES, values.length - done);
            chunk.clear();
            chunk.asDoubleBuffer().put(values, done, count);
            chunk.limit(8 * count);
            writeFully(out, chunk);
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) out.write(buffer);
    }
}
