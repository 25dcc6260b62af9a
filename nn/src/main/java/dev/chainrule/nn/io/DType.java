package dev.chainrule.nn.io;

import java.util.List;

/**
 * The element types Chainrule reads, with their safetensors names and sizes in bytes.
 *
 * <p>Declared in the order the reference writer lays tensors out: it sorts by its own {@code Dtype} enum
 * ({@code ..., F32, F64, I64, U64}) descending, then by name. So the natural order of this enum, I64 before F64
 * before F32, is the order of the tensors in a file {@link SafeTensorsWriter} writes.
 */
enum DType {
    I64(8),
    F64(8),
    F32(4);

    /** Types of the format that Chainrule recognises but does not read. */
    static final List<String> UNSUPPORTED = List.of("F16", "BF16", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F6_E2M3",
            "F6_E3M2", "F4", "I32", "I16", "I8", "U64", "U32", "U16", "U8", "BOOL", "C64");

    /** The names of the types Chainrule reads, for error messages. */
    static final String READABLE = "F64, F32 and I64";

    /**
     * 2^53: every integer of magnitude up to this is a double, exactly; above it, doubles skip integers. I64 values
     * are read and written only within [-2^53, 2^53], so that they survive a round trip through a double.
     */
    static final long MAX_EXACT_INTEGER = 1L << 53;

    final int bytes;

    DType(int bytes) {
        this.bytes = bytes;
    }

    /** The type named {@code name}, or null when Chainrule does not read it. */
    static DType parse(String name) {
        for (DType type : values()) if (type.name().equals(name)) return type;
        return null;
    }
}
