package dev.chainrule.nn.io;

import java.util.List;

/** The element types Chainrule reads, with their safetensors names and sizes in bytes. */
enum DType {
    F64(8),
    F32(4);

    /** Types of the format that Chainrule recognises but does not read. */
    static final List<String> UNSUPPORTED = List.of("F16", "BF16", "F8_E4M3", "F8_E5M2", "F8_E8M0", "F6_E2M3",
            "F6_E3M2", "F4", "I64", "I32", "I16", "I8", "U64", "U32", "U16", "U8", "BOOL", "C64");

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
