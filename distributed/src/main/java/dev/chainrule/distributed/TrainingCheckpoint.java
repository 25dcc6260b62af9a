package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A data-parallel run's state after a step, as one safetensors file written atomically by nn's
 * {@link SafeTensors} (the previous file stays whole if the write fails): the model's state dict (parameters and
 * buffers, as {@code Checkpoint.save} writes them, integer buffers as I64) as {@code model.<name>}, the optimizer's
 * state as {@code optimizer.<index>.<field>} (see {@code Optimizer.stateDict()}), the loss of every
 * step so far as {@code history.loss}, and in the metadata the step, the learning rate and the settings that decide
 * the arithmetic (mode, local steps, seed, batch size, blocks), which a resumed run must share.
 *
 * <p>Files are named {@code step-000012.safetensors}; {@link #latest(Path)} finds the one with the highest step.
 *
 * <pre>{@code
 * TrainingCheckpoint checkpoint = TrainingCheckpoint.read(TrainingCheckpoint.latest(dir).orElseThrow());
 * checkpoint.loadModel(model);                       // the parameters and buffers
 * trainer.resumeFrom(TrainingCheckpoint.latest(dir).orElseThrow()).fit(data, 1000);
 * }</pre>
 */
public final class TrainingCheckpoint {
    /** The metadata value of {@code format}. */
    public static final String FORMAT = "chainrule-distributed-checkpoint/1";

    private static final String MODEL = "model.";
    private static final String OPTIMIZER = "optimizer.";
    private static final String LOSS_HISTORY = "history.loss";
    private static final Pattern FILE = Pattern.compile("step-(\\d+)\\.safetensors");
    /** The metadata keys of the settings a resumed run must match. */
    static final List<String> SETTINGS = List.of("mode", "local_steps", "seed", "batch_size", "blocks");

    private final int step;
    private final LinkedHashMap<String, Tensor> modelState;
    private final List<String> integerBuffers;
    private final LinkedHashMap<String, Tensor> optimizerState;
    private final double[] losses;
    private final double learningRate;
    private final LinkedHashMap<String, String> settings;

    TrainingCheckpoint(int step, LinkedHashMap<String, Tensor> modelState, List<String> integerBuffers,
                       LinkedHashMap<String, Tensor> optimizerState, double[] losses, double learningRate,
                       LinkedHashMap<String, String> settings) {
        this.step = step;
        this.modelState = modelState;
        this.integerBuffers = List.copyOf(integerBuffers);
        this.optimizerState = optimizerState;
        this.losses = losses;
        this.learningRate = learningRate;
        this.settings = settings;
    }

    /** The file for {@code step} in {@code directory}: {@code step-000012.safetensors}. */
    public static Path fileFor(Path directory, int step) {
        return directory.resolve(String.format(Locale.ROOT, "step-%06d.safetensors", step));
    }

    /** The checkpoint with the highest step in {@code directory}, if any (by file name, not by time). */
    public static Optional<Path> latest(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) return Optional.empty();
        Path best = null;
        long bestStep = -1;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Matcher m = FILE.matcher(file.getFileName().toString());
                if (m.matches() && Long.parseLong(m.group(1)) > bestStep) {
                    bestStep = Long.parseLong(m.group(1));
                    best = file;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Writes this checkpoint to {@code file} atomically. */
    public void write(Path file) throws IOException {
        LinkedHashMap<String, Tensor> tensors = new LinkedHashMap<>();
        modelState.forEach((name, value) -> tensors.put(MODEL + name, value));
        LinkedHashSet<String> integerNames = new LinkedHashSet<>();
        for (String name : integerBuffers) integerNames.add(MODEL + name);
        optimizerState.forEach((name, value) -> tensors.put(OPTIMIZER + name, value));
        tensors.put(LOSS_HISTORY, Tensor.of(losses.clone(), losses.length));
        LinkedHashMap<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", FORMAT);
        metadata.put("step", Integer.toString(step));
        metadata.put("learning_rate", Double.toString(learningRate));
        metadata.putAll(settings);
        Files.createDirectories(file.toAbsolutePath().getParent());
        SafeTensors.write(tensors, integerNames, metadata, file);
    }

    /**
     * Reads a checkpoint written by {@link #write(Path)}.
     *
     * @throws IllegalArgumentException when the file is not such a checkpoint, naming what is missing
     * @throws IOException              when it cannot be read or is not a valid safetensors file
     */
    public static TrainingCheckpoint read(Path file) throws IOException {
        SafeTensors.Contents contents = SafeTensors.readContents(file);
        Map<String, String> metadata = contents.metadata();
        if (!FORMAT.equals(metadata.get("format"))) {
            throw new IllegalArgumentException("TrainingCheckpoint.read: " + file + " is not a data-parallel checkpoint "
                    + "(metadata format is " + metadata.get("format") + ", expected " + FORMAT + ")");
        }
        LinkedHashMap<String, Tensor> modelState = new LinkedHashMap<>();
        List<String> integerBuffers = new ArrayList<>();
        LinkedHashMap<String, Tensor> optimizerState = new LinkedHashMap<>();
        Tensor history = null;
        for (var entry : contents.tensors().entrySet()) {
            String name = entry.getKey();
            if (name.startsWith(MODEL)) {
                modelState.put(name.substring(MODEL.length()), entry.getValue());
                if (contents.integerNames().contains(name)) integerBuffers.add(name.substring(MODEL.length()));
            }
            else if (name.startsWith(OPTIMIZER)) optimizerState.put(name.substring(OPTIMIZER.length()), entry.getValue());
            else if (name.equals(LOSS_HISTORY)) history = entry.getValue();
            else throw new IllegalArgumentException("TrainingCheckpoint.read: " + file + " has an unknown tensor " + name);
        }
        LinkedHashMap<String, String> settings = new LinkedHashMap<>();
        for (String key : SETTINGS) settings.put(key, required(metadata, key, file));
        int step = wholeNumber(metadata, "step", file);
        if (history == null || history.numel() != step) {
            throw new IllegalArgumentException("TrainingCheckpoint.read: " + file + " needs " + LOSS_HISTORY + " with "
                    + step + " values");
        }
        return new TrainingCheckpoint(step, modelState, integerBuffers, optimizerState, history.toArray(),
                finiteNumber(metadata, "learning_rate", file), settings);
    }

    /** The metadata entry {@code key} as a whole number {@code >= 0}. */
    private static int wholeNumber(Map<String, String> metadata, String key, Path file) {
        String text = required(metadata, key, file);
        try {
            int value = Integer.parseInt(text);
            if (value >= 0) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badNumber(file, key, text, "a whole number >= 0");
    }

    /** The metadata entry {@code key} as a finite number. */
    private static double finiteNumber(Map<String, String> metadata, String key, Path file) {
        String text = required(metadata, key, file);
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) return value;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw badNumber(file, key, text, "a finite number");
    }

    private static IllegalArgumentException badNumber(Path file, String key, String text, String expected) {
        return new IllegalArgumentException("TrainingCheckpoint.read: " + file + " has metadata " + key + " = \"" + text
                + "\"; expected " + expected);
    }

    private static String required(Map<String, String> metadata, String key, Path file) {
        String value = metadata.get(key);
        if (value == null) {
            throw new IllegalArgumentException("TrainingCheckpoint.read: " + file + " has no metadata entry " + key);
        }
        return value;
    }

    /** The number of steps (rounds, in parameter averaging) taken. */
    public int step() {
        return step;
    }

    /** The model's parameters and buffers by name (the module's {@code stateDict()} names). */
    public LinkedHashMap<String, Tensor> modelState() {
        return new LinkedHashMap<>(modelState);
    }

    /** The optimizer's state, as {@code Optimizer.stateDict()} returns it. */
    public LinkedHashMap<String, Tensor> optimizerState() {
        return new LinkedHashMap<>(optimizerState);
    }

    /** The mean loss of each step so far. */
    public double[] losses() {
        return losses.clone();
    }

    /** The optimizer's learning rate for the next step. */
    public double learningRate() {
        return learningRate;
    }

    /** The settings that decide the arithmetic: mode, local_steps, seed, batch_size, blocks. */
    public LinkedHashMap<String, String> settings() {
        return new LinkedHashMap<>(settings);
    }

    /** Copies the parameters and buffers into {@code module} (all or none; see {@code Module.loadStateDict}). */
    public void loadModel(Module module) {
        module.loadStateDict(modelState);
    }
}
