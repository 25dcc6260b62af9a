package dev.chainrule.nn.io;

import dev.chainrule.autograd.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Named tensors in the <a href="https://github.com/huggingface/safetensors">safetensors</a> format, which
 * PyTorch, JAX and the Hugging Face tools read and write.
 *
 * <h2>Format</h2>
 * 8 bytes: the header length {@code N}, an unsigned little-endian 64-bit integer; {@code N} bytes: a UTF-8 JSON
 * object {@code {"name": {"dtype": "F64", "shape": [2, 3], "data_offsets": [begin, end]}, ...}} with an optional
 * {@code "__metadata__"} object of strings; then the data buffer, each tensor's values row-major and
 * little-endian at {@code [begin, end)} relative to the buffer's start. The tensors tile the buffer exactly.
 *
 * <h2>What Chainrule writes</h2>
 * F64 values, bit for bit (NaN payloads, {@code -0.0} and subnormals survive a round trip), and I64 values for the
 * tensors the caller names as integer ({@link #write(Map, Set, Map, Path)}; a module's integer buffers, such as
 * BatchNorm's {@code num_batches_tracked}, which PyTorch stores as int64). The header is compact JSON (no spaces):
 * {@code "__metadata__"} first when the metadata is not empty, with its keys sorted, then the tensors with offsets
 * ascending, each with the fields {@code dtype, shape, data_offsets} in that order; it is padded with spaces to a
 * multiple of 8 bytes. The tensors are in the order of the Python {@code safetensors} writer (its Rust
 * {@code prepare} sorts by dtype, in the reverse of its {@code Dtype} enum's order, then by name): first the I64
 * tensors, then the F64 ones, each group by name in Unicode code point order, whatever the map's iteration order.
 * So the same tensors give the same bytes in every run, even from a {@code Map.of}, and the bytes the Python writer
 * gives the same F64 and I64 tensors (with at most one metadata entry, as it writes its metadata in hash order).
 * Any order is valid when reading, and reading keeps the file's order.
 *
 * <h2>What Chainrule reads</h2>
 * F64, F32 converted to double, and I64 converted to double when its magnitude is at most 2^53 (beyond, a double
 * skips integers, so a larger value throws rather than read back as another number); other dtypes throw
 * {@link CheckpointFormatException}. Every claim of the header is validated before data is allocated (see
 * {@link #read(Path)}).
 *
 * <pre>{@code
 * SafeTensors.write(Map.of("w", Tensor.ones(2, 3)), Path.of("w.safetensors"));
 * LinkedHashMap<String, Tensor> back = SafeTensors.read(Path.of("w.safetensors"));
 * }</pre>
 */
public final class SafeTensors {
    private SafeTensors() {}

    /**
     * The tensors of a file in header order, which of them the file stores as I64, and its metadata (empty when it
     * has none). {@code write(tensors(), integerNames(), metadata(), file)} writes the file Chainrule would write for
     * the same contents.
     *
     * @param tensors      the tensors by name, in the order the header lists them
     * @param integerNames the names of the I64 tensors, in header order
     * @param metadata     the {@code "__metadata__"} entries, in header order
     */
    public record Contents(LinkedHashMap<String, Tensor> tensors, LinkedHashSet<String> integerNames,
                           LinkedHashMap<String, String> metadata) {}

    /**
     * Writes {@code tensors} as F64 to {@code file} atomically: the previous file stays whole if the write fails.
     * See the class documentation for the exact layout.
     *
     * <p>The bytes go to a temporary file {@code .<name>.tmp-<pid>-<n>} beside the target, which is then renamed over
     * it. Each write first deletes the temporary files of earlier writes to the same target whose process no longer
     * runs (left by a process killed mid-write), never one of a live process.
     *
     * @throws IllegalArgumentException when a name is null or {@code "__metadata__"}, or a tensor is null
     * @throws java.nio.file.NoSuchFileException when the file's directory does not exist; the message names the
     *                                  file and the directory
     * @throws IOException              when the file cannot be written; the temporary file is removed
     */
    public static void write(Map<String, Tensor> tensors, Path file) throws IOException {
        write(tensors, Map.of(), file);
    }

    /** {@link #write(Map, Path)} with string metadata stored under {@code "__metadata__"} (omitted when empty). */
    public static void write(Map<String, Tensor> tensors, Map<String, String> metadata, Path file) throws IOException {
        write(tensors, Set.of(), metadata, file);
    }

    /**
     * {@link #write(Map, Map, Path)}, storing the tensors named in {@code integerNames} as I64 (the others as F64).
     *
     * @throws IllegalArgumentException also when an integer name names no tensor, or an integer tensor holds a
     *                                  value that is not a whole number in [-2^53, 2^53]; nothing is written then
     */
    public static void write(Map<String, Tensor> tensors, Set<String> integerNames, Map<String, String> metadata,
                             Path file) throws IOException {
        AtomicFiles.write(file, channel -> SafeTensorsWriter.write(tensors, integerNames, metadata, channel));
    }

    /** The bytes {@link #write(Map, Map, Path)} would write. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Map<String, String> metadata) {
        return toBytes(tensors, Set.of(), metadata);
    }

    /** The bytes {@link #write(Map, Set, Map, Path)} would write. */
    public static byte[] toBytes(Map<String, Tensor> tensors, Set<String> integerNames, Map<String, String> metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            SafeTensorsWriter.write(tensors, integerNames, metadata, Channels.newChannel(out));
        } catch (IOException e) {
            throw new UncheckedIOException("SafeTensors.toBytes: cannot happen for an in-memory stream", e);
        }
        return out.toByteArray();
    }

    /**
     * The tensors of {@code file}, in header order.
     *
     * <p>Before allocating anything from the header's claims, the reader checks that the file has at least 8 bytes,
     * that the header length fits in the file and that the header starts with <code>{</code> (a file that fails these
     * is "not a safetensors file": a text file, say, or one cut short), that the header length is at most 100 MB,
     * that the header is one JSON object with no
     * duplicate names, that each entry has a known dtype, a shape of non-negative dimensions whose element count
     * fits a Java array, and {@code data_offsets} whose span matches dtype size × element count, and that the
     * tensors tile the data buffer without gaps or overlaps.
     *
     * @throws CheckpointFormatException when the file breaks any of these rules; the message names the file and
     *                                   the rule
     * @throws IOException               when the file cannot be read
     */
    public static LinkedHashMap<String, Tensor> read(Path file) throws IOException {
        return readContents(file).tensors();
    }

    /** The tensors and metadata of {@code file}, validated as described in {@link #read(Path)}. */
    public static Contents readContents(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return SafeTensorsReader.read(ByteSource.of(channel));
        } catch (CheckpointFormatException e) {
            throw new CheckpointFormatException(file + ": " + e.getMessage(), e.getCause());
        }
    }

    /**
     * The tensors and metadata encoded in {@code bytes}, validated as described in {@link #read(Path)}.
     *
     * @throws CheckpointFormatException when the bytes are not a valid safetensors file Chainrule reads
     */
    public static Contents fromBytes(byte[] bytes) throws CheckpointFormatException {
        try {
            return SafeTensorsReader.read(ByteSource.of(bytes));
        } catch (CheckpointFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("SafeTensors.fromBytes: cannot happen for an in-memory array", e);
        }
    }
}
