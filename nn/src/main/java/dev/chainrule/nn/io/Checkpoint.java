package dev.chainrule.nn.io;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.optim.Optimizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saves a module's parameters and buffers ({@link Module#stateDict()}) to a safetensors file and loads them back;
 * with an optimizer, its state too ({@link Optimizer#stateDict()}, stored under {@value #OPTIMIZER_PREFIX}), so that
 * training resumes exactly where it stopped. Values are stored as F64, except the module's integer buffers
 * ({@link Module#integerBufferNames()}, such as BatchNorm's {@code num_batches_tracked}), stored as I64 as PyTorch
 * stores them.
 *
 * <pre>{@code
 * Checkpoint.save(model, Path.of("model.safetensors"));
 * Checkpoint.load(sameArchitecture, Path.of("model.safetensors"));
 *
 * Checkpoint.save(model, optimizer, Map.of("epoch", "12"), Path.of("run.safetensors"));
 * Checkpoint.load(model, optimizer, Path.of("run.safetensors"));   // the next step is the one that would have come
 * }</pre>
 */
public final class Checkpoint {
    /** The prefix of the optimizer's entries in a checkpoint, e.g. {@code optimizer.0.exp_avg}. */
    public static final String OPTIMIZER_PREFIX = "optimizer.";

    private Checkpoint() {}

    /**
     * Writes the module's parameters and buffers by dotted name, atomically, in the file order of
     * {@link SafeTensors} (integer buffers first, then the rest by name; not in registration order). Temporary files
     * left by earlier saves to the same file from processes that no longer run are removed (see
     * {@link SafeTensors#write(Map, Path)}).
     *
     * @throws java.nio.file.NoSuchFileException when the file's directory does not exist, naming both
     * @throws IOException                       when the file cannot be written; the previous file stays whole
     */
    public static void save(Module module, Path file) throws IOException {
        save(module, Map.of(), file);
    }

    /** {@link #save(Module, Path)} with string metadata, e.g. the epoch or the library version. */
    public static void save(Module module, Map<String, String> metadata, Path file) throws IOException {
        SafeTensors.write(module.stateDict(), module.integerBufferNames(), metadata, file);
    }

    /**
     * Writes the module's parameters and buffers and the optimizer's state (under {@value #OPTIMIZER_PREFIX}) in one
     * file, atomically, with string metadata.
     *
     * @throws IllegalArgumentException when a parameter's or buffer's name starts with {@value #OPTIMIZER_PREFIX} (a
     *                                  sub-module called {@code optimizer}), which the optimizer's entries would
     *                                  collide with
     */
    public static void save(Module module, Optimizer optimizer, Map<String, String> metadata, Path file)
            throws IOException {
        LinkedHashMap<String, Tensor> tensors = module.stateDict();
        for (String name : tensors.keySet()) {
            if (name.startsWith(OPTIMIZER_PREFIX)) {
                String kind = module.namedBuffers().containsKey(name) ? "buffer " : "parameter ";
                throw new IllegalArgumentException("Checkpoint.save: " + kind + name + " collides with the optimizer's"
                        + " entries, stored under '" + OPTIMIZER_PREFIX + "'; rename the sub-module 'optimizer'");
            }
        }
        optimizer.stateDict().forEach((name, state) -> tensors.put(OPTIMIZER_PREFIX + name, state));
        SafeTensors.write(tensors, module.integerBufferNames(), metadata, file);
    }

    /**
     * Copies the parameters, buffers and optimizer state stored in {@code file} into {@code module} and
     * {@code optimizer}, all or none: if the optimizer's entries do not fit, the module's state is put back.
     * A file without optimizer entries leaves the optimizer without state, as a fresh one. Returns the metadata.
     *
     * @throws CheckpointFormatException when the file is not a valid safetensors file
     * @throws IllegalArgumentException  naming the module entries or the optimizer entry that do not match
     * @throws IOException               when the file cannot be read
     */
    public static LinkedHashMap<String, String> load(Module module, Optimizer optimizer, Path file) throws IOException {
        SafeTensors.Contents contents = SafeTensors.readContents(file);
        LinkedHashMap<String, Tensor> moduleState = new LinkedHashMap<>();
        LinkedHashMap<String, Tensor> optimizerState = new LinkedHashMap<>();
        contents.tensors().forEach((name, tensor) -> {
            if (name.startsWith(OPTIMIZER_PREFIX)) optimizerState.put(name.substring(OPTIMIZER_PREFIX.length()), tensor);
            else moduleState.put(name, tensor);
        });
        LinkedHashMap<String, Tensor> before = copies(module.stateDict());
        loadModuleState(module, moduleState, file);
        try {
            optimizer.loadStateDict(optimizerState);
        } catch (IllegalArgumentException e) {
            module.loadStateDict(before);
            throw new IllegalArgumentException("Checkpoint.load: the optimizer state in " + file + " does not fit: "
                    + e.getMessage(), e);
        }
        return contents.metadata();
    }

    private static LinkedHashMap<String, Tensor> copies(Map<String, Tensor> tensors) {
        LinkedHashMap<String, Tensor> copies = new LinkedHashMap<>();
        tensors.forEach((name, tensor) -> copies.put(name, Tensor.of(tensor.toArray(), tensor.shape())));
        return copies;
    }

    /**
     * Copies the parameters and buffers stored in {@code file} into {@code module}, all or none: nothing is changed
     * unless the file's names and shapes match the module's exactly. I64 entries (integer buffers) are read as
     * doubles. Returns the file's metadata.
     *
     * @throws CheckpointFormatException when the file is not a valid safetensors file
     * @throws IllegalArgumentException  naming every missing and unexpected entry and every shape that differs
     * @throws IOException               when the file cannot be read
     */
    public static LinkedHashMap<String, String> load(Module module, Path file) throws IOException {
        SafeTensors.Contents contents = SafeTensors.readContents(file);
        loadModuleState(module, contents.tensors(), file);
        return contents.metadata();
    }

    private static void loadModuleState(Module module, Map<String, Tensor> state, Path file) {
        try {
            module.loadStateDict(state);                    // validates every name and shape before copying any
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage().replaceFirst("^loadStateDict: ", "");
            throw new IllegalArgumentException("Checkpoint.load: " + file + " does not match "
                    + module.getClass().getSimpleName() + ": " + reason, e);
        }
    }
}
