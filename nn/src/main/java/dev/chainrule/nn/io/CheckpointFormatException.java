package dev.chainrule.nn.io;

import java.io.IOException;

/**
 * A file is not a valid safetensors file that Chainrule can read: it is truncated, its header is not the JSON the
 * format prescribes, or its entries disagree with each other or with the file's size. The message names the file
 * (when read from one) and the problem.
 */
public final class CheckpointFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An exception with the given message. */
    public CheckpointFormatException(String message) {
        super(message);
    }

    /** An exception with the given message and the parser error that caused it. */
    public CheckpointFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
