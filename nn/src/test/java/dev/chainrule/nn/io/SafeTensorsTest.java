package dev.chainrule.nn.io;

import static dev.chainrule.nn.io.SafeTensorsFiles.concat;
import static dev.chainrule.nn.io.SafeTensorsFiles.file;
import static dev.chainrule.nn.io.SafeTensorsFiles.littleEndianDoubles;
import static dev.chainrule.nn.io.SafeTensorsFiles.littleEndianFloats;
import static dev.chainrule.nn.io.SafeTensorsFiles.littleEndianLong;
import static dev.chainrule.nn.io.SafeTensorsFiles.littleEndianLongs;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    private static final String ENTRY_A = "\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}";

    // ------------------------------------------------------------------ round trips

    @Test
    void roundTripIsBitExactForSpecialValues() throws IOException {
        double[] values = {
            -0.0, 0.0, Double.MIN_VALUE, -Double.MIN_NORMAL / 3, Double.MAX_VALUE, Double.NEGATIVE_INFINITY,
            Double.longBitsToDouble(0x7ff8_0000_0000_0123L), Double.longBitsToDouble(0xfff8_dead_beef_0001L), 1.0 / 3
        };
        LinkedHashMap<String, Tensor> back = roundTrip(Map.of("special", Tensor.of(values, 3, 3)));
        Tensor special = back.get("special");
        assertArrayEquals(new int[] {3, 3}, special.shape());
        assertArrayEquals(rawBits(values), rawBits(special.toArray()));
    }

    @Test
    void roundTripSortsNamesAndKeepsShapesAndScalars() throws IOException {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z.weight", Tensor.randn(new Random(1), 2, 3, 4));
        tensors.put("scalar", Tensor.scalar(-2.5));
        tensors.put("empty", Tensor.zeros(0, 3));
        tensors.put("a.bias", Tensor.of(new double[] {1, 2}));
        LinkedHashMap<String, Tensor> back = roundTrip(tensors);
        assertEquals(List.of("a.bias", "empty", "scalar", "z.weight"), List.copyOf(back.keySet()));
        for (String name : tensors.keySet()) {
            assertArrayEquals(tensors.get(name).shape(), back.get(name).shape(), name);
            assertArrayEquals(rawBits(tensors.get(name).toArray()), rawBits(back.get(name).toArray()), name);
        }
        assertEquals(0, back.get("scalar").dim());
    }

    @Test
    void roundTripOfNoTensorsAndEmptyMetadata() throws IOException {
        Path path = dir.resolve("empty.safetensors");
        SafeTensors.write(Map.of(), Map.of(), path);
        SafeTensors.Contents back = SafeTensors.readContents(path);
        assertTrue(back.tensors().isEmpty());
        assertTrue(back.metadata().isEmpty());
        assertEquals("{}      ", new String(Files.readAllBytes(path), 8, 8, StandardCharsets.UTF_8));
    }

    @Test
    void metadataRoundTripsWithSortedKeys() throws IOException {
        LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("epoch", "12");
        metadata.put("note", "ünïcode \"quoted\"\n");
        Path path = dir.resolve("meta.safetensors");
        SafeTensors.write(Map.of("x", Tensor.ones(2)), metadata, path);
        assertEquals(metadata, SafeTensors.readContents(path).metadata());
        assertEquals(List.of("epoch", "format", "note"), List.copyOf(SafeTensors.readContents(path).metadata().keySet()));
    }

    // ------------------------------------------------------------------ compatibility

    @Test
    void headerIsByteIdenticalToThePythonWriterForF64TensorsInAnyInsertionOrder() {
        // safetensors.numpy.save({"a": np.array([1., 2.]), "b": np.array(3.)}, metadata={"format": "pt"}).
        // Inserted in the other order: the writer sorts by name, as the Python writer does for F64 tensors.
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.scalar(3));
        tensors.put("a", Tensor.of(new double[] {1, 2}));
        byte[] expected = concat(
                new byte[] {(byte) 0x90, 0, 0, 0, 0, 0, 0, 0},
                ("{\"__metadata__\":{\"format\":\"pt\"},"
                        + "\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                        + "\"b\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[16,24]}}    ")
                        .getBytes(StandardCharsets.UTF_8),
                hex("000000000000f03f" + "0000000000000040" + "0000000000000840"));
        assertArrayEquals(expected, SafeTensors.toBytes(tensors, Map.of("format", "pt")));
    }

    @Test
    void bytesDoNotDependOnTheMapsIterationOrder() throws CheckpointFormatException {
        LinkedHashMap<String, Tensor> forward = new LinkedHashMap<>();
        LinkedHashMap<String, Tensor> backward = new LinkedHashMap<>();
        LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
        LinkedHashMap<String, String> reversed = new LinkedHashMap<>();
        String[] names = {"b", "a", "\uFFFD", "\uD83D\uDE00", "a.b", "B"};
        for (int i = 0; i < names.length; i++) {
            forward.put(names[i], Tensor.full(i, i + 1));
            metadata.put(names[i], "v" + i);
        }
        for (int i = names.length - 1; i >= 0; i--) {
            backward.put(names[i], Tensor.full(i, i + 1));
            reversed.put(names[i], "v" + i);
        }
        assertArrayEquals(SafeTensors.toBytes(forward, metadata), SafeTensors.toBytes(backward, reversed));
        // Code point order, as Rust's str comparison: U+FFFD sorts before U+1F600 (a surrogate pair in UTF-16).
        List<String> sorted = List.of("B", "a", "a.b", "b", "\uFFFD", "\uD83D\uDE00");
        SafeTensors.Contents back = SafeTensors.fromBytes(SafeTensors.toBytes(forward, metadata));
        assertEquals(sorted, List.copyOf(back.tensors().keySet()));
        assertEquals(sorted, List.copyOf(back.metadata().keySet()));
    }

    @Test
    void readsF32ConvertedToDouble() throws IOException {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[0,16]},"
                + "\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}}";
        byte[] bytes = file(header, concat(littleEndianFloats(0.1f, -2f, Float.MIN_VALUE, Float.POSITIVE_INFINITY),
                littleEndianDoubles(0.1)));
        Path path = dir.resolve("f32.safetensors");
        Files.write(path, bytes);
        LinkedHashMap<String, Tensor> back = SafeTensors.read(path);
        assertArrayEquals(new double[] {0.1f, -2, Float.MIN_VALUE, Double.POSITIVE_INFINITY}, back.get("w").toArray());
        assertArrayEquals(new int[] {2, 2}, back.get("w").shape());
        assertEquals(0.1, back.get("b").item());
    }

    @Test
    void readsTensorsInAnyOffsetOrderAndIgnoresPadding() throws CheckpointFormatException {
        String header = "{\"late\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]},"
                + "\"early\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0,8]}}   ";
        var back = SafeTensors.fromBytes(file(header, littleEndianDoubles(1, 2))).tensors();
        assertEquals(List.of("late", "early"), List.copyOf(back.keySet()));
        assertEquals(2.0, back.get("late").item());
        assertEquals(1.0, back.get("early").item());
    }

    // ------------------------------------------------------------------ I64

    @Test
    void integerTensorsRoundTripAsI64() throws IOException {
        double limit = 0x1p53;
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("w", Tensor.of(new double[] {0.5, -1.25}));
        tensors.put("count", Tensor.scalar(7));
        tensors.put("extremes", Tensor.of(new double[] {limit, -limit, 0, -3}, 2, 2));
        Path path = dir.resolve("ints.safetensors");
        SafeTensors.write(tensors, Set.of("count", "extremes"), Map.of(), path);
        SafeTensors.Contents back = SafeTensors.readContents(path);
        assertEquals(List.of("count", "extremes", "w"), List.copyOf(back.tensors().keySet()));
        assertEquals(List.of("count", "extremes"), List.copyOf(back.integerNames()));
        assertEquals(7.0, back.tensors().get("count").item());
        assertArrayEquals(new double[] {limit, -limit, 0, -3}, back.tensors().get("extremes").toArray());
        assertArrayEquals(new int[] {2, 2}, back.tensors().get("extremes").shape());
        assertArrayEquals(new double[] {0.5, -1.25}, back.tensors().get("w").toArray());
        String header = header(Files.readAllBytes(path));
        assertTrue(header.contains("\"count\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}"), header);
        assertArrayEquals(Files.readAllBytes(path), SafeTensors.toBytes(back.tensors(), back.integerNames(), back.metadata()));
    }

    @Test
    void readsI64FromAFileAsPythonWritesIt() throws CheckpointFormatException {
        // torch.save_file({"bn.num_batches_tracked": torch.tensor(12), "bn.running_mean": torch.tensor([.5, -2.],
        // dtype=torch.float64)}): int64 first (dtype order), scalar shape [], little-endian two's complement.
        String header = "{\"bn.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
                + "\"bn.running_mean\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[8,24]}}";
        SafeTensors.Contents back = SafeTensors.fromBytes(file(header,
                concat(littleEndianLongs(12), littleEndianDoubles(0.5, -2))));
        assertEquals(12.0, back.tensors().get("bn.num_batches_tracked").item());
        assertEquals(0, back.tensors().get("bn.num_batches_tracked").dim());
        assertArrayEquals(new double[] {0.5, -2}, back.tensors().get("bn.running_mean").toArray());
        assertEquals(Set.of("bn.num_batches_tracked"), back.integerNames());
        var negative = SafeTensors.fromBytes(file("{\"n\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}",
                littleEndianLongs(-1, -(1L << 53))));
        assertArrayEquals(new double[] {-1, -0x1p53}, negative.tensors().get("n").toArray());
    }

    @Test
    void anI64BeyondTwoToThe53IsRefusedNamingTensorAndValue() {
        String header = "{\"n\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]}}";
        assertFormatError(file(header, littleEndianLongs(3, (1L << 53) + 1)),
                "tensor 'n': I64 value 9007199254740993 at index 1 is outside [-2^53, 2^53]");
        assertFormatError(file(header, littleEndianLongs(Long.MIN_VALUE, 0)),
                "tensor 'n': I64 value -9223372036854775808 at index 0 is outside");
    }

    @Test
    void writeRefusesIntegerTensorsThatAreNotWholeNumbersInRange() {
        for (double bad : new double[] {0.5, Double.NaN, Double.POSITIVE_INFINITY, 0x1p53 + 2}) {
            var error = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(
                    Map.of("n", Tensor.of(new double[] {1, bad})), Set.of("n"), Map.of(), dir.resolve("x")));
            assertEquals("SafeTensors.write: integer tensor 'n' holds " + bad + " at index 1; an I64 tensor holds whole "
                    + "numbers in [-2^53, 2^53]", error.getMessage());
        }
        var error = assertThrows(IllegalArgumentException.class, () -> SafeTensors.write(
                Map.of("n", Tensor.ones(1)), Set.of("m"), Map.of(), dir.resolve("x")));
        assertEquals("SafeTensors.write: integer name 'm' names no tensor", error.getMessage());
        assertTrue(Files.notExists(dir.resolve("x")));
    }

    @Test
    void mixedDtypesAreOrderedAsThePythonWriterOrdersThem() {
        // safetensors' prepare() sorts by dtype descending in its enum order (..., F32, F64, I64, U64), then by name:
        // the I64 tensors m, n first, then the F64 tensors a, b, whatever the insertion order.
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.of(new double[] {1, 2}));
        tensors.put("n", Tensor.scalar(5));
        tensors.put("a", Tensor.scalar(3));
        tensors.put("m", Tensor.of(new double[] {-1, 2}));
        byte[] expected = concat(
                littleEndianLong(224),
                ("{\"m\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                        + "\"n\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[16,24]},"
                        + "\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[24,32]},"
                        + "\"b\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[32,48]}}      ")
                        .getBytes(StandardCharsets.UTF_8),
                littleEndianLongs(-1, 2, 5), littleEndianDoubles(3, 1, 2));
        assertArrayEquals(expected, SafeTensors.toBytes(tensors, Set.of("n", "m"), Map.of()));
        assertEquals(List.of("m", "n", "a", "b"),
                List.copyOf(assertDoesNotThrow(() -> SafeTensors.fromBytes(expected)).tensors().keySet()));
    }

    // ------------------------------------------------------------------ validation

    @Test
    void rejectsFileShorterThanTheLengthPrefix() {
        assertFormatError(new byte[5], "5 bytes, fewer than the 8");
    }

    @Test
    void rejectsHeaderLengthBeyondTheFile() {
        assertFormatError(concat(littleEndianLong(100), new byte[10]), "not a safetensors file: its first 8 bytes give a "
                + "header length of 100 bytes, but only 10 bytes follow (another kind of file, or one cut short)");
    }

    @Test
    void rejectsAbsurdHeaderLengths() throws IOException {
        assertFormatError(concat(littleEndianLong(200_000_000), new byte[10]), "not a safetensors file: its first 8 "
                + "bytes give a header length of 200000000 bytes");
        assertFormatError(concat(littleEndianLong(-1), new byte[10]), "header length of 18446744073709551615 bytes");
        ByteSource huge = new ByteSource() {                 // a 300 MB file whose header claims 200 MB
            @Override
            public long size() {
                return 300_000_000L;
            }

            @Override
            public void read(long position, java.nio.ByteBuffer buffer) {
                buffer.put(littleEndianLong(200_000_000));
            }
        };
        var error = assertThrows(CheckpointFormatException.class, () -> SafeTensorsReader.read(huge));
        assertEquals("the header length 200000000 exceeds the limit of 100000000 bytes", error.getMessage());
    }

    @Test
    void rejectsInvalidJson() {
        assertFormatError(file("{\"a\": ", 0), "not valid JSON");
        assertFormatError(file("", 0), "not a safetensors file: its header is empty");
        assertFormatError(concat(littleEndianLong(2), new byte[] {'{', (byte) 0xff}), "not valid JSON");
    }

    @Test
    void rejectsHeaderThatIsNotAnObject() {
        assertFormatError(file("[1, 2]", 0), "not a safetensors file: its header starts with byte 0x5b, not '{'");
        assertFormatError(file(" {}", 0), "its header starts with byte 0x20, not '{'");
        assertFormatError(file("{}{}", 0), "content after its JSON object");
    }

    @Test
    void rejectsEntriesWithMissingOrMistypedFields() {
        assertFormatError(file("{\"a\":3}", 0), "tensor 'a': its entry is not a JSON object");
        assertFormatError(file("{\"a\":{\"shape\":[],\"data_offsets\":[0,8]}}", 8), "tensor 'a': its entry has no 'dtype'");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"data_offsets\":[0,8]}}", 8), "has no 'shape'");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[]}}", 8), "has no 'data_offsets'");
        assertFormatError(file("{\"a\":{\"dtype\":64,\"shape\":[],\"data_offsets\":[0,8]}}", 8), "dtype is not a string");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"shape\":2,\"data_offsets\":[0,8]}}", 8), "shape is not a JSON array");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[0]}}", 8), "not an array [begin, end]");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1.5],\"data_offsets\":[0,8]}}", 8), "shape holds 1.5");
    }

    @Test
    void rejectsUnknownAndUnsupportedDtypes() {
        assertFormatError(file("{\"a\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[0,2]}}", 2),
                "tensor 'a': dtype F16 is not supported; Chainrule reads F64, F32 and I64");
        assertFormatError(file("{\"a\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[0,4]}}", 4),
                "tensor 'a': dtype I32 is not supported");
        assertFormatError(file("{\"a\":{\"dtype\":\"Q7\",\"shape\":[],\"data_offsets\":[0,2]}}", 2),
                "tensor 'a': unknown dtype 'Q7'");
    }

    @Test
    void rejectsNegativeAndOverflowingShapes() {
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[-1],\"data_offsets\":[0,8]}}", 8),
                "tensor 'a': shape holds -1, which is not a non-negative 64-bit integer");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[100000,100000,100000],\"data_offsets\":[0,8]}}", 8),
                "more elements than a Java array holds");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[99999999999999999999],\"data_offsets\":[0,8]}}", 8),
                "not a non-negative 64-bit integer");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[4294967296],\"data_offsets\":[0,8]}}", 8),
                "dimension 0 of size 4294967296 exceeds");
    }

    @Test
    void rejectsOffsetsOutOfRangeOrOfTheWrongSize() {
        assertFormatError(file("{" + ENTRY_A + "}", 8), "tensor 'a': data_offsets [0, 16] run past the end of the 8-byte data buffer");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,12]}}", 12),
                "data_offsets [0, 12] span 12 bytes but F64 of shape [2] needs 16");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[0],\"data_offsets\":[8,0]}}", 8), "end before they begin");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[-8,0]}}", 8), "not a non-negative");
    }

    @Test
    void rejectsOverlapsGapsAndUncoveredBytes() {
        assertFormatError(file("{" + ENTRY_A + ",\"b\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]}}", 16),
                "tensor 'b' at [8, 16) overlaps tensor 'a' ending at 16");
        assertFormatError(file("{\"b\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]}}", 16),
                "gap: bytes [0, 8) belong to no tensor");
        assertFormatError(file("{" + ENTRY_A + "}", 24), "the data buffer has 24 bytes but the tensors cover 16");
    }

    @Test
    void rejectsDuplicateNames() {
        assertFormatError(file("{" + ENTRY_A + "," + ENTRY_A + "}", 16), "the header names 'a' twice");
        assertFormatError(file("{\"a\":{\"dtype\":\"F64\",\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]}}", 16),
                "not valid JSON");
    }

    @Test
    void rejectsMetadataThatIsNotStrings() {
        assertFormatError(file("{\"__metadata__\":{\"epoch\":3}}", 0), "'__metadata__' value of 'epoch' is not a string");
        assertFormatError(file("{\"__metadata__\":[]}", 0), "'__metadata__' is not a JSON object");
    }

    @Test
    void readErrorsNameTheFile() throws IOException {
        Path path = dir.resolve("bad.safetensors");
        Files.write(path, new byte[3]);
        var error = assertThrows(CheckpointFormatException.class, () -> SafeTensors.read(path));
        assertTrue(error.getMessage().startsWith(path + ": not a safetensors file: it has 3 bytes"), error.getMessage());
    }

    @Test
    void writeRejectsTheReservedName() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> SafeTensors.write(Map.of("__metadata__", Tensor.ones(1)), dir.resolve("x")));
        assertTrue(error.getMessage().contains("'__metadata__' is reserved"), error.getMessage());
    }

    // ------------------------------------------------------------------ atomic writes

    @Test
    void failedWriteLeavesThePreviousFileIntactAndNoTemporaryFile() throws IOException {
        Path path = dir.resolve("model.safetensors");
        SafeTensors.write(Map.of("w", Tensor.ones(3)), path);
        byte[] before = Files.readAllBytes(path);
        Map<String, Tensor> failing = new LinkedHashMap<>(Map.of("w", Tensor.zeros(3))) {
            private int reads;

            @Override
            public Tensor get(Object name) {
                // The first read builds the header; the second, for the values, comes after it was written.
                if (++reads > 1) throw new IllegalStateException("simulated crash after the header was written");
                return super.get(name);
            }
        };
        assertThrows(IllegalStateException.class, () -> SafeTensors.write(failing, path));
        assertArrayEquals(before, Files.readAllBytes(path));
        assertEquals(List.of(path), list(dir));
    }

    @Test
    void writeOverADirectoryFailsAndCleansUp() throws IOException {
        Path target = Files.createDirectory(dir.resolve("occupied"));
        Files.writeString(target.resolve("inside.txt"), "keep");
        assertThrows(IOException.class, () -> SafeTensors.write(Map.of("w", Tensor.ones(3)), target));
        assertEquals(List.of(target), list(dir));
        assertEquals("keep", Files.readString(target.resolve("inside.txt")));
    }

    @Test
    void writeReplacesAnExistingFile() throws IOException {
        Path path = dir.resolve("model.safetensors");
        SafeTensors.write(Map.of("w", Tensor.ones(3)), path);
        SafeTensors.write(Map.of("w", Tensor.full(7, 3)), path);
        assertArrayEquals(new double[] {7, 7, 7}, SafeTensors.read(path).get("w").toArray());
        assertEquals(List.of(path), list(dir));
    }

    // ------------------------------------------------------------------ helpers

    private LinkedHashMap<String, Tensor> roundTrip(Map<String, Tensor> tensors) throws IOException {
        Path path = dir.resolve("round-trip.safetensors");
        SafeTensors.write(tensors, path);
        return SafeTensors.read(path);
    }

    private static void assertFormatError(byte[] bytes, String expectedMessagePart) {
        var error = assertThrows(CheckpointFormatException.class, () -> SafeTensors.fromBytes(bytes));
        assertTrue(error.getMessage().contains(expectedMessagePart),
                () -> "expected '" + expectedMessagePart + "' in: " + error.getMessage());
    }

    private static String header(byte[] file) {
        int length = (int) java.nio.ByteBuffer.wrap(file, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        return new String(file, 8, length, StandardCharsets.UTF_8);
    }

    private static long[] rawBits(double[] values) {
        long[] bits = new long[values.length];
        for (int i = 0; i < values.length; i++) bits[i] = Double.doubleToRawLongBits(values[i]);
        return bits;
    }

    private static byte[] hex(String hex) {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        return bytes;
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }
}
