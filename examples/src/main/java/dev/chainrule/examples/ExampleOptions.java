package dev.chainrule.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What the command line passes to an example. A {@code null} number means "the example's own default", which
 * each example states where it reads the option ({@code options.epochsOr(20)}).
 *
 * @param epochs       training epochs, or null
 * @param seed         the seed of every random choice (initial weights, shuffling, dropout)
 * @param learningRate the optimizer's learning rate, or null
 * @param hidden       the hidden-layer widths, first to last ({@code --hidden 500,500,500}), or null
 * @param batchSize    the mini-batch size, or null
 * @param activations  activation names for {@code Activations.byName} ({@code --activations gelu,elu(0.5)}), or null
 * @param out          the folder where pictures and files are written (created when missing)
 * @param data         where to read data from instead of the bundled set, or null
 * @param quiet        no progress bar and no per-epoch lines
 * @param console      where the lesson is printed
 */
public record ExampleOptions(Integer epochs, long seed, Double learningRate, List<Integer> hidden, Integer batchSize,
                             List<String> activations, Path out, Path data, boolean quiet, PrintStream console) {
    /** Copies the lists; an empty list means none given. */
    public ExampleOptions {
        hidden = hidden == null || hidden.isEmpty() ? null : List.copyOf(hidden);
        activations = activations == null || activations.isEmpty() ? null : List.copyOf(activations);
    }

    /** Defaults everywhere: seed 42, output in {@code ./out}, printing to standard output. */
    public static ExampleOptions defaults() {
        return new ExampleOptions(null, 42, null, null, null, null, Path.of("out"), null, false, System.out);
    }

    /** These options with a fixed number of epochs. */
    public ExampleOptions withEpochs(int value) {
        return new ExampleOptions(value, seed, learningRate, hidden, batchSize, activations, out, data, quiet, console);
    }

    /** These options writing into {@code folder}, printing to {@code stream}, without progress output. */
    public ExampleOptions quietlyTo(Path folder, PrintStream stream) {
        return new ExampleOptions(epochs, seed, learningRate, hidden, batchSize, activations, folder, data, true, stream);
    }

    /** These options reading data from {@code path}. */
    public ExampleOptions withData(Path path) {
        return new ExampleOptions(epochs, seed, learningRate, hidden, batchSize, activations, out, path, quiet, console);
    }

    /** The number of epochs given on the command line, or {@code fallback} when none was. */
    public int epochsOr(int fallback) {
        return epochs == null ? fallback : epochs;
    }

    /** The activation names given on the command line, or {@code fallback} when none were. */
    public List<String> activationsOr(List<String> fallback) {
        return activations == null ? fallback : activations;
    }

    /** The learning rate given on the command line, or {@code fallback} when none was. */
    public double learningRateOr(double fallback) {
        return learningRate == null ? fallback : learningRate;
    }

    /** These options with the given hidden-layer widths. */
    public ExampleOptions withHidden(Integer... widths) {
        return new ExampleOptions(epochs, seed, learningRate, List.of(widths), batchSize, activations, out, data, quiet,
                console);
    }

    /**
     * The hidden-layer widths, first to last: {@code defaults} when {@code --hidden} was not given; the one width
     * given repeated for each of the {@code defaults}' layers ({@code --hidden 64} on a 32,32 example gives
     * 64,64, so a single width keeps the example's shape); otherwise the list given, which sets the depth too.
     */
    public List<Integer> hiddenLayersOr(int... defaults) {
        if (hidden == null) return Arrays.stream(defaults).boxed().toList();
        if (hidden.size() == 1) return Collections.nCopies(defaults.length, hidden.get(0));
        return hidden;
    }

    /**
     * The one hidden-layer width given on the command line, or {@code fallback} when none was, for examples whose
     * depth is fixed.
     *
     * @throws UsageError when several widths were given
     */
    public int hiddenWidthOr(String example, int fallback) {
        if (hidden == null) return fallback;
        if (hidden.size() > 1) {
            throw new UsageError(example + ": --hidden takes one width here (the example sets the depth itself), got "
                    + String.join(",", hidden.stream().map(String::valueOf).toList()));
        }
        return hidden.get(0);
    }

    /** The batch size given on the command line, or {@code fallback} when none was. */
    public int batchSizeOr(int fallback) {
        return batchSize == null ? fallback : batchSize;
    }

    /** {@code out/name}, creating the output folder first. */
    public Path outFile(String name) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the output folder " + out + ": " + e.getMessage(), e);
        }
        return out.resolve(name);
    }

    /** Prints one formatted line (Locale.ROOT, so decimals always use a dot). */
    public void println(String format, Object... args) {
        console.println(String.format(Locale.ROOT, format, args));
    }
}
