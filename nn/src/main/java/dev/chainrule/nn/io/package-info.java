/**
 * Checkpoints as <a href="https://github.com/huggingface/safetensors">safetensors</a> files:
 * {@link dev.chainrule.nn.io.SafeTensors} reads and writes named tensors, {@link dev.chainrule.nn.io.Checkpoint}
 * saves and restores a module's parameters and buffers.
 *
 * <h2>Errors</h2>
 * A file that is not a valid safetensors file Chainrule can read throws
 * {@link dev.chainrule.nn.io.CheckpointFormatException} (an {@link java.io.IOException}) whose message names the
 * problem; nothing is allocated from the header's claims before they are checked against the file's size. Other
 * I/O failures throw their usual {@link java.io.IOException}. A valid file whose names or shapes do not match a
 * module throws {@link java.lang.IllegalArgumentException} from {@link dev.chainrule.nn.io.Checkpoint#load}.
 *
 * <h2>Atomic writes</h2>
 * Files are written to a temporary file in the target's directory, forced to disk, then renamed over the target
 * in one step, so a crash during a save leaves the previous file whole.
 */
package dev.chainrule.nn.io;
