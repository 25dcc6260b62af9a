package dev.chainrule.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chainrule.autograd.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;

/** Corrupted files make the reader throw only {@link CheckpointFormatException}, never anything else. */
class SafeTensorsCorruptionProperties {
    private static final byte[] VALID = validFile();

    private static byte[] validFile() {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("layer.weight", Tensor.randn(new Random(3), 2, 3));
        tensors.put("layer.bias", Tensor.of(new double[] {1, -1, 0.5}));
        tensors.put("scale", Tensor.scalar(2));
        tensors.put("empty", Tensor.zeros(0, 4));
        return SafeTensors.toBytes(tensors, Map.of("format", "pt", "epoch", "3"));
    }

    private static int headerEnd() {
        return 8 + (int) ByteBuffer.wrap(VALID).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    /** One way to damage a file. */
    interface Corruption {
        byte[] apply(byte[] bytes);
    }

    @Property(tries = 500, seed = "20240617")
    void corruptedFilesThrowOnlyTheDocumentedException(@ForAll @Size(min = 1, max = 3) List<@From("corruptions") Corruption> corruptions) {
        byte[] bytes = VALID.clone();
        for (Corruption corruption : corruptions) bytes = corruption.apply(bytes);
        try {
            SafeTensors.fromBytes(bytes);
            Statistics.collect("read");
        } catch (CheckpointFormatException expected) {
            Statistics.collect(kind(expected.getMessage()));
        } catch (Throwable other) {
            fail("the reader threw " + other + " for corruptions " + corruptions, other);
        }
    }

    // A coarse name of the check that failed, so the statistics show which validators the corruptions reach.
    private static String kind(String message) {
        for (String kind : List.of("fewer than", "not a safetensors file", "header length", "not valid JSON", "not a JSON object", "twice", "dtype", "shape",
                "data_offsets", "overlaps", "gap", "cover", "__metadata__", "has no")) {
            if (message.contains(kind)) return kind;
        }
        return "other";
    }

    @Property(tries = 200, seed = "20240618")
    void anyDoubleBitsRoundTripExactly(@ForAll @Size(max = 20) List<Long> bits) throws CheckpointFormatException {
        double[] values = bits.stream().mapToDouble(Double::longBitsToDouble).toArray();
        byte[] bytes = SafeTensors.toBytes(Map.of("x", Tensor.of(values, values.length)), Map.of());
        double[] back = SafeTensors.fromBytes(bytes).tensors().get("x").toArray();
        assertArrayEquals(bits.stream().mapToLong(Long::longValue).toArray(),
                Arrays.stream(back).mapToLong(Double::doubleToRawLongBits).toArray());
    }

    @Provide
    Arbitrary<Corruption> corruptions() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, truncation()), Tuple.of(3, bitFlip(headerEnd())), Tuple.of(1, bitFlip(VALID.length)),
                Tuple.of(1, byteOverwrite()), Tuple.of(1, headerLengthOverwrite()), Tuple.of(6, headerTextReplacement()));
    }

    private static Arbitrary<Corruption> truncation() {
        return Arbitraries.integers().between(0, VALID.length).map(length -> named("truncate to " + length,
                bytes -> Arrays.copyOf(bytes, Math.min(length, bytes.length))));
    }

    private static Arbitrary<Corruption> bitFlip(int range) {
        return Combinators.combine(Arbitraries.integers().between(0, range - 1), Arbitraries.integers().between(0, 7))
                .as((at, bit) -> named("flip bit " + bit + " of byte " + at, bytes -> {
                    byte[] copy = bytes.clone();
                    if (at < copy.length) copy[at] ^= (byte) (1 << bit);
                    return copy;
                }));
    }

    private static Arbitrary<Corruption> byteOverwrite() {
        return Combinators.combine(Arbitraries.integers().between(0, headerEnd() - 1), Arbitraries.bytes())
                .as((at, value) -> named("set byte " + at + " to " + value, bytes -> {
                    byte[] copy = bytes.clone();
                    if (at < copy.length) copy[at] = value;
                    return copy;
                }));
    }

    private static Arbitrary<Corruption> headerLengthOverwrite() {
        Arbitrary<Long> lengths = Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.longs().between(0, VALID.length + 16L),
                Arbitraries.of(-1L, Long.MAX_VALUE, Long.MIN_VALUE, 100_000_001L, 0L));
        return lengths.map(length -> named("header length " + Long.toUnsignedString(length), bytes -> {
            byte[] copy = bytes.clone();
            if (copy.length >= 8) ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
            return copy;
        }));
    }

    // Swaps one character of the header text for one that keeps it close to valid JSON, to reach the validators.
    private static Arbitrary<Corruption> headerTextReplacement() {
        return Combinators.combine(Arbitraries.integers().between(8, headerEnd() - 1),
                        Arbitraries.of('0', '1', '9', '-', '"', ',', ':', '[', ']', '{', '}', ' ', 'e', '.'))
                .as((at, c) -> named("set header byte " + at + " to '" + c + "'", bytes -> {
                    byte[] copy = bytes.clone();
                    if (at < copy.length) copy[at] = (byte) c.charValue();
                    return copy;
                }));
    }

    private static Corruption named(String name, Corruption corruption) {
        return new Corruption() {
            @Override
            public byte[] apply(byte[] bytes) {
                return corruption.apply(bytes);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
