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
import java.util.Set;

/**
 * Encodes tensors as a safetensors file of F64 values, and I64 values for the names the caller marks integer; see
 * {@link SafeTensors} for the exact layout. Tensors are laid out as the reference writer lays them out (by dtype,
 * I64 first, then by name) and metadata keys sorted by name, never in the map's iteration order, so that the same
 * contents give the same bytes whatever the map (a {@code Map.of} iterates in a different order in each JVM run).
 */
final class SafeTensorsWriter {
    private static final int CHUNK_VALUES = 1 << 17;

    private SafeTensorsWriter() {}

    static void write(Map<String, Tensor> tensors, Set<String> integerNames, Map<String, String> metadata,
                      WritableByteChannel out) throws IOException {
        check(tensors, integerNames, metadata);
        List<String> names = new ArrayList<>(tensors.keySet());
        names.sort(Comparator.comparing((String name) -> dtype(name, integerNames)).thenComparing(CODE_POINT_ORDER));
        byte[] header = header(names, tensors, integerNames, metadata);
        writeFully(out, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, header.length));
        writeFully(out, ByteBuffer.wrap(header));
        for (String name : names) writeValues(out, tensors.get(name).toArray(), dtype(name, integerNames));
    }

    private static DType dtype(String name, Set<String> integerNames) {
        return integerNames.contains(name) ? DType.I64 : DType.F64;
    }

    /** The metadata keys in Unicode code point order. */
    private static List<String> sorted(Iterable<String> names) {
        List<String> result = new ArrayList<>();
        names.forEach(result::add);
        result.sort(CODE_POINT_ORDER);
        return result;
    }

    /**
     * The order of Rust's {@code str} comparison, which the reference writer sorts names by (after the dtype).
     * {@code String.compareTo} compares UTF-16 units instead and differs for characters outside the Basic
     * Multilingual Plane.
     */
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

    private static void check(Map<String, Tensor> tensors, Set<String> integerNames, Map<String, String> metadata) {
        for (var entry : tensors.entrySet()) {
            if (entry.getKey() == null || entry.getKey().equals(HeaderParser.METADATA_KEY)) {
                throw new IllegalArgumentException("SafeTensors.write: invalid tensor name '" + entry.getKey()
                        + "'; '" + HeaderParser.METADATA_KEY + "' is reserved for metadata");
            }
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors.write: tensor '" + entry.getKey() + "' is null");
            }
            if (integerNames.contains(entry.getKey())) checkWholeNumbers(entry.getKey(), entry.getValue().toArray());
        }
        for (String name : integerNames) {
            if (!tensors.containsKey(name)) {
                throw new IllegalArgumentException("SafeTensors.write: integer name '" + name + "' names no tensor");
            }
        }
        for (var entry : metadata.entrySet()) {
            if (entry.getKey() == null || entry.getValue() == null) {
                throw new IllegalArgumentException("SafeTensors.write: metadata entry " + entry.getKey() + "="
                        + entry.getValue() + " has a null key or value");
            }
        }
    }

    /** An I64 tensor's values must convert to 64-bit integers and back to the same doubles. */
    private static void checkWholeNumbers(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || Math.abs(v) > DType.MAX_EXACT_INTEGER) {
                throw new IllegalArgumentException("SafeTensors.write: integer tensor '" + name + "' holds " + v
                        + " at index " + i + "; an I64 tensor holds whole numbers in [-2^53, 2^53]");
            }
        }
    }

    /** The compact JSON header padded with spaces to a multiple of 8 bytes, as the reference writer does. */
    private static byte[] header(List<String> names, Map<String, Tensor> tensors, Set<String> integerNames,
                                 Map<String, String> metadata) {
        ObjectNode root = HeaderParser.MAPPER.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(HeaderParser.METADATA_KEY);
            for (String key : sorted(metadata.keySet())) meta.put(key, metadata.get(key));
        }
        long offset = 0;
        for (String name : names) {
            Tensor tensor = tensors.get(name);
            DType dtype = dtype(name, integerNames);
            long end = offset + (long) dtype.bytes * tensor.numel();
            ObjectNode info = root.putObject(name);
            info.put("dtype", dtype.name());
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

    private static void writeValues(WritableByteChannel out, double[] values, DType dtype) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8 * Math.min(values.length, CHUNK_VALUES)).order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < values.length; done += CHUNK_VALUES) {
            int count = Math.min(CHUNK_VALUES, values.length - done);
            chunk.clear();
            switch (dtype) {
                case F64 -> chunk.asDoubleBuffer().put(values, done, count);
                case I64 -> {
                    for (int i = 0; i < count; i++) chunk.putLong(8 * i, (long) values[done + i]);
                }
                case F32 -> throw new IllegalStateException("SafeTensors.write: Chainrule writes F64 and I64 only");
            }
            chunk.limit(8 * count);
            writeFully(out, chunk);
        }
    }

    private static void writeFully(WritableByteChannel out, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) out.write(buffer);
    }
}
