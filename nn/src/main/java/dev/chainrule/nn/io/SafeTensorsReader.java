package dev.chainrule.nn.io;

import dev.chainrule.autograd.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;

/** Decodes a safetensors file: header length, validated header, then each tensor's little-endian values. */
final class SafeTensorsReader {
    /** The largest header accepted, as in the reference implementation. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final int CHUNK_BYTES = 1 << 20;

    private SafeTensorsReader() {}

    static SafeTensors.Contents read(ByteSource source) throws IOException {
        long size = source.size();
        if (size < 8) {
            throw notSafeTensors("it has " + size + " bytes, fewer than the 8 of the header length");
        }
        long headerLength = readHeaderLength(source, size);
        byte[] json = new byte[(int) headerLength];
        source.read(8, ByteBuffer.wrap(json));
        if (json.length == 0) throw notSafeTensors("its header is empty");
        if (json[0] != '{') {
            throw notSafeTensors(String.format(Locale.ROOT, "its header starts with byte 0x%02x, not '{'", json[0] & 0xff));
        }
        long dataStart = 8 + headerLength;
        HeaderParser.Header header = HeaderParser.parse(json, size - dataStart);
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        LinkedHashSet<String> integerNames = new LinkedHashSet<>();
        for (HeaderParser.Entry entry : header.entries()) {
            tensors.put(entry.name(), readTensor(source, dataStart, entry));
            if (entry.dtype() == DType.I64) integerNames.add(entry.name());
        }
        return new SafeTensors.Contents(tensors, integerNames, header.metadata());
    }

    // Note [Sniffing the format]: a safetensors file starts with the header's length, which fits in the file, and
    // the header is a JSON object, so its first byte is '{' (the format's specification requires it). A file that
    // fails either check is some other kind of file (text read as a length gives numbers such as
    // 8031924123371070824) or one cut short, and is called that rather than blamed on a limit.
    private static long readHeaderLength(ByteSource source, long size) throws IOException {
        ByteBuffer prefix = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        source.read(0, prefix);
        long length = prefix.getLong(0);
        if (Long.compareUnsigned(length, size - 8) > 0) {
            throw notSafeTensors("its first 8 bytes give a header length of " + Long.toUnsignedString(length)
                    + " bytes, but only " + (size - 8) + " bytes follow (another kind of file, or one cut short)");
        }
        if (length > MAX_HEADER_BYTES) {
            throw new CheckpointFormatException("the header length " + length + " exceeds the limit of "
                    + MAX_HEADER_BYTES + " bytes");
        }
        return length;
    }

    private static CheckpointFormatException notSafeTensors(String reason) {
        return new CheckpointFormatException("not a safetensors file: " + reason);
    }

    private static Tensor readTensor(ByteSource source, long dataStart, HeaderParser.Entry entry) throws IOException {
        double[] values = new double[entry.numel()];
        int elementsPerChunk = CHUNK_BYTES / entry.dtype().bytes;
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, entry.end() - entry.begin()))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < values.length; done += elementsPerChunk) {
            int count = Math.min(elementsPerChunk, values.length - done);
            chunk.clear().limit(count * entry.dtype().bytes);
            source.read(dataStart + entry.begin() + (long) done * entry.dtype().bytes, chunk);
            decode(chunk.flip(), entry, values, done, count);
        }
        return Tensor.of(values, entry.shape());
    }

    private static void decode(ByteBuffer bytes, HeaderParser.Entry entry, double[] into, int offset, int count)
            throws CheckpointFormatException {
        switch (entry.dtype()) {
            case F64 -> bytes.asDoubleBuffer().get(into, offset, count);
            case F32 -> {
                for (int i = 0; i < count; i++) into[offset + i] = bytes.getFloat(4 * i);
            }
            case I64 -> {
                for (int i = 0; i < count; i++) {
                    long value = bytes.getLong(8 * i);
                    if (value > DType.MAX_EXACT_INTEGER || value < -DType.MAX_EXACT_INTEGER) {
                        throw new CheckpointFormatException("tensor '" + entry.name() + "': I64 value " + value
                                + " at index " + (offset + i) + " is outside [-2^53, 2^53], where a double holds "
                                + "every integer; it would not read back as the same number");
                    }
                    into[offset + i] = value;
                }
            }
        }
    }
}
