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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Encodes tensors as a safetensors file of F64 values; see {@link SafeTensors} for the exact layout. Tensors and
 * metadata keys are written sorted by name, never in the map's iteration order, so that the same contents give
 * the same bytes whatever the map (a {@code Map.of} iterates in a different order in each JVM run).
 */
final class SafeTensorsWriter {
    private static final int CHUNK_DOUBLES = 1 << 17;

    private SafeTensorsWriter() {}

    static void write(Map<String, Tensor> tensors, Map<String, String> metadata, WritableByteChannel out)
            throws IOException {
        check(tensors, metadata);
        List<String> names = sorted(tensors.keySet());
        byte[] header = header(names, tensors, metadata);
        writeFully(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
        writeFully(out, ByteBuffer.wrap(header));
        for (String name : names) writeValues(out, tensors.get(name).toArray());
    }

    /**
     * The names in Unicode code point order: the order of Rust's {@code str} comparison, which the reference
     * writer sorts by (after the dtype, the same for all F64 tensors). {@code String.compareTo} compares UTF-16
     * units instead and differs for characters outside the Basic Multilingual Plane.
     */
    private static List<String> sorted(Iterable<String> names) {
        List<String> result = new ArrayList<>();
        names.forEach(result::add);
        result.sort(CODE_POINT_ORDER);
        return result;
    }

    private static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) return Integer.compare(x, y);
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

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
    private static byte[] header(List<String> names, Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode root = HeaderParser.MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(HeaderParser.METADATA_KEY);
            for (String key : sorted(metadata.keySet())) meta.put(key, metadata.get(key));
        }
        long offset = 0;
        for (String name : names) {
            Tensor tensor = tensors.get(name);
            long end = offset + 8L * tensor.numel();
            ObjectNode info = root.putObject(name);
            info.put("dtype", DType.F64.name());
            ArrayNode shape = info.putArray("shape");
            Arrays.stream(tensor.shape()).forEach(shape::add);
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
