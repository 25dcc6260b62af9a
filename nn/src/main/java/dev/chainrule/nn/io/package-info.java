/**
 * Checkpoints as <a href="https://github.com/huggingface/safetensors">safetensors</a> files:
 * {@link dev.chainrule.nn.io.SafeTensors} reads and writes named tensors, {@link dev.chainrule.nn.io.Checkpoint}
 * saves and restores a module's parameters and buffers.
 *
 * <h2>Errors</h2>
 * A file that is not a valid safetensors file Chainrule can read throws
 * {@link dev.chainrule.nn.io.CheckpointFormatException} (an {@link java.io.IOException}) whose message names the
 * file and the problem; nothing is allocated from the header's claims before they are checked against the file's
 * size. A file of another kind (a text file, say, whose first 8 bytes read as an absurd header length) or one cut
 * short is called that: {@code notes.safetensors: not a safetensors file: its first 8 bytes give a header length
 * of 8367736964726416744 bytes, but only 28 bytes follow (another kind of file, or one cut short)}. A save into a
 * directory that does not exist throws {@link java.nio.file.NoSuchFileException} naming the file and the missing
 * directory. Other I/O failures throw their usual {@link java.io.IOException}. A valid file whose names or shapes
 * do not match a module throws {@link java.lang.IllegalArgumentException} from
 * {@link dev.chainrule.nn.io.Checkpoint#load}.
 *
 * <h2>Atomic writes</h2>
 * Files are written to a temporary file {@code .<name>.tmp-<pid>-<n>} in the target's directory, forced to disk,
 * then renamed over the target in one step, so a crash during a save leaves the previous file whole. A process
 * killed mid-save cannot remove its temporary file; the next save to the same target removes the temporary files
 * whose process no longer runs on this machine, and never a live process's.
 */
package dev.chainrule.nn.io;
