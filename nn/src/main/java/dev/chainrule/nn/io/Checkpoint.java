package dev.chainrule.nn.io;

import dev.chainrule.nn.Module;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
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

    /**
     * Writes the module's parameters by dotted name, sorted by name in the file (not in registration order), and
     * atomically; see {@link SafeTensors#write(Map, Path)}.
     */
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
        try {
            module.loadStateDict(contents.tensors());       // validates every name and shape before copying any
        } catch (IllegalArgumentException e) {
            String reason = e.getMessage().replaceFirst("^loadStateDict: ", "");
            throw new IllegalArgumentException("Checkpoint.load: " + file + " does not match "
                    + module.getClass().getSimpleName() + ": " + reason, e);
        }
        return contents.metadata();
    }
}
