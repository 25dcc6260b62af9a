package dev.chainrule.nn.io;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Saves a module's parameters ({@link Module#stateDict()}) to a safetensors file and loads them back.
 *
 * <pre>{@code
 * Checkpoint.save(model, Path.of("model.safetensors"));
 * Checkpoint.load(sameArchitecture, Path.of("model.safetensors"));
 * }</pre>
 */
public final class Checkpoint {
    private Checkpoint() {}

    /** Writes the module's parameters by dotted name, atomically (see {@link SafeTensors#write(Map, Path)}). */
    public static void save(Module module, Path file) throws IOException {
        save(module, Map.of(), file);
    }

    /** {@link #save(Module, Path)} with string metadata, e.g. the epoch or the library version. */
    public static void save(Module module, Map<String, String> metadata, Path file) throws IOException {
        SafeTensors.write(module.stateDict(), metadata, file);
    }

    /**
     * Copies the parameters stored in {@code file} into {@code module}, all or none: nothing is changed unless the
     * file's names and shapes match the module's exactly. Returns the file's metadata.
     *
     * @throws CheckpointFormatException when the file is not a valid safetensors file
     * @throws IllegalArgumentException  naming every missing and unexpected parameter, or the first shape that
     *                                   differs
     * @throws IOException               when the file cannot be read
     */
    public static LinkedHashMap<String, String> load(Module module, Path file) throws IOException {
        SafeTensors.Contents contents = SafeTensors.readContents(file);
        checkMatches(module, contents.tensors(), file);
        module.loadStateDict(contents.tensors());
        return contents.metadata();
    }

    private static void checkMatches(Module module, Map<String, Tensor> stored, Path file) {
        Map<String, Tensor> own = module.stateDict();
        List<String> missing = new ArrayList<>();
        for (String name : own.keySet()) if (!stored.containsKey(name)) missing.add(name);
        List<String> unexpected = new ArrayList<>();
        for (String name : stored.keySet()) if (!own.containsKey(name)) unexpected.add(name);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("Checkpoint.load: " + file + " does not match "
                    + module.getClass().getSimpleName() + ": missing " + missing + ", unexpected " + unexpected);
        }
        for (var entry : own.entrySet()) {
            int[] storedShape = stored.get(entry.getKey()).shape();
            if (!Arrays.equals(storedShape, entry.getValue().shape())) {
                throw new IllegalArgumentException("Checkpoint.load: " + file + ": parameter " + entry.getKey()
                        + " has shape " + Arrays.toString(storedShape) + " but the module expects "
                        + Arrays.toString(entry.getValue().shape()));
            }
        }
    }
}
