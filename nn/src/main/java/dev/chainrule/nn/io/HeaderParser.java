package dev.chainrule.nn.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and validates a safetensors JSON header. Every claim (types, shapes, offsets) is checked against the size
 * of the data buffer before anything is allocated from it.
 */
final class HeaderParser {
    static final String METADATA_KEY = "__metadata__";

    // Duplicate tensor names are found by parse() itself, to name them; inside an entry Jackson rejects them.
    static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);

    /** One tensor of the header: where its bytes lie in the data buffer and what they hold. */
    record Entry(String name, DType dtype, int[] shape, int numel, long begin, long end) {}

    /** The tensors in header order and the metadata. */
    record Header(List<Entry> entries, LinkedHashMap<String, String> metadata) {}

    private HeaderParser() {}

    /**
     * Parses {@code json} and validates it against a data buffer of {@code dataLength} bytes.
     *
     * @throws CheckpointFormatException naming the first problem found
     */
    static Header parse(byte[] json, long dataLength) throws CheckpointFormatException {
        LinkedHashMap<String, JsonNode> fields = readFields(json);
        LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (var field : fields.entrySet()) {
            if (field.getKey().equals(METADATA_KEY)) {
                metadata = readMetadata(field.getValue());
            } else {
                entries.add(readEntry(field.getKey(), field.getValue(), dataLength));
            }
        }
        checkCoverage(entries, dataLength);
        return new Header(entries, metadata);
    }

    private static LinkedHashMap<String, JsonNode> readFields(byte[] json) throws CheckpointFormatException {
        LinkedHashMap<String, JsonNode> fields = new LinkedHashMap<>();
        try (JsonParser parser = MAPPER.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) throw format("the header is not a JSON object");
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                JsonNode value = parser.readValueAsTree();
                if (fields.containsKey(name)) throw format("the header names '" + name + "' twice");
                fields.put(name, value);
            }
            if (parser.nextToken() != null) throw format("the header has content after its JSON object");
        } catch (JacksonException e) {
            throw new CheckpointFormatException("the header is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new CheckpointFormatException("the header cannot be read: " + e.getMessage(), e);
        }
        return fields;
    }

    private static LinkedHashMap<String, String> readMetadata(JsonNode node) throws CheckpointFormatException {
        if (!node.isObject()) throw format("'" + METADATA_KEY + "' is not a JSON object");
        LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getValue().isTextual()) {
                throw format("'" + METADATA_KEY + "' value of '" + field.getKey() + "' is not a string: "
                        + field.getValue().getNodeType());
            }
            metadata.put(field.getKey(), field.getValue().textValue());
        }
        return metadata;
    }

    private static Entry readEntry(String name, JsonNode node, long dataLength) throws CheckpointFormatException {
        if (!node.isObject()) throw format("tensor '" + name + "': its entry is not a JSON object");
        DType dtype = readDType(name, field(name, node, "dtype"));
        int[] shape = readShape(name, field(name, node, "shape"));
        int numel = numel(name, shape);
        long[] offsets = readOffsets(name, field(name, node, "data_offsets"));
        long expected = (long) numel * dtype.bytes;
        if (offsets[1] - offsets[0] != expected) {
            throw format("tensor '" + name + "': data_offsets " + Arrays.toString(offsets) + " span "
                    + (offsets[1] - offsets[0]) + " bytes but " + dtype + " of shape " + Arrays.toString(shape)
                    + " needs " + expected);
        }
        if (offsets[1] > dataLength) {
            throw format("tensor '" + name + "': data_offsets " + Arrays.toString(offsets)
                    + " run past the end of the " + dataLength + "-byte data buffer");
        }
        return new Entry(name, dtype, shape, numel, offsets[0], offsets[1]);
    }

    private static JsonNode field(String name, JsonNode entry, String field) throws CheckpointFormatException {
        JsonNode value = entry.get(field);
        if (value == null) throw format("tensor '" + name + "': its entry has no '" + field + "'");
        return value;
    }

    private static DType readDType(String name, JsonNode node) throws CheckpointFormatException {
        if (!node.isTextual()) throw format("tensor '" + name + "': dtype is not a string: " + node);
        String text = node.textValue();
        DType dtype = DType.parse(text);
        if (dtype != null) return dtype;
        if (DType.UNSUPPORTED.contains(text)) {
            throw format("tensor '" + name + "': dtype " + text + " is not supported; Chainrule reads " + DType.READABLE);
        }
        throw format("tensor '" + name + "': unknown dtype '" + text + "'; Chainrule reads " + DType.READABLE);
    }

    private static int[] readShape(String name, JsonNode node) throws CheckpointFormatException {
        if (!node.isArray()) throw format("tensor '" + name + "': shape is not a JSON array: " + node);
        int[] shape = new int[node.size()];
        for (int d = 0; d < shape.length; d++) {
            long dim = nonNegativeInteger(name, "shape", node.get(d));
            if (dim > Integer.MAX_VALUE) {
                throw format("tensor '" + name + "': dimension " + d + " of size " + dim + " exceeds "
                        + Integer.MAX_VALUE);
            }
            shape[d] = (int) dim;
        }
        return shape;
    }

    private static int numel(String name, int[] shape) throws CheckpointFormatException {
        long numel = 1;
        for (int dim : shape) {
            numel *= dim;
            if (numel > Integer.MAX_VALUE) {
                throw format("tensor '" + name + "': shape " + Arrays.toString(shape)
                        + " has more elements than a Java array holds (" + Integer.MAX_VALUE + ")");
            }
        }
        return (int) numel;
    }

    private static long[] readOffsets(String name, JsonNode node) throws CheckpointFormatException {
        if (!node.isArray() || node.size() != 2) {
            throw format("tensor '" + name + "': data_offsets is not an array [begin, end]: " + node);
        }
        long begin = nonNegativeInteger(name, "data_offsets", node.get(0));
        long end = nonNegativeInteger(name, "data_offsets", node.get(1));
        if (end < begin) throw format("tensor '" + name + "': data_offsets [" + begin + ", " + end + "] end before they begin");
        return new long[] {begin, end};
    }

    private static long nonNegativeInteger(String name, String field, JsonNode value) throws CheckpointFormatException {
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0) {
            throw format("tensor '" + name + "': " + field + " holds " + value
                    + ", which is not a non-negative 64-bit integer");
        }
        return value.longValue();
    }

    // The format requires the tensors to tile the data buffer: sorted by offset, each begins where the previous
    // ended, the first at 0 and the last ending at the buffer's end.
    private static void checkCoverage(List<Entry> entries, long dataLength) throws CheckpointFormatException {
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        String previous = null;
        for (Entry entry : sorted) {
            if (entry.begin() < covered) {
                throw format("tensor '" + entry.name() + "' at [" + entry.begin() + ", " + entry.end()
                        + ") overlaps tensor '" + previous + "' ending at " + covered);
            }
            if (entry.begin() > covered) {
                throw format("the data buffer has a gap: bytes [" + covered + ", " + entry.begin()
                        + ") belong to no tensor");
            }
            covered = entry.end();
            previous = entry.name();
        }
        if (covered != dataLength) {
            throw format("the data buffer has " + dataLength + " bytes but the tensors cover " + covered);
        }
    }

    private static CheckpointFormatException format(String message) {
        return new CheckpointFormatException(message);
    }
}
