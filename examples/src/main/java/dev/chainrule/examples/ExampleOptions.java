package dev.chainrule.examples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the command line passes to an example. A {@code null} number means "the example's own default", which
 * each example states where it reads the option ({@code options.epochsOr(20)}).
 *
 * @param epochs       training epochs, or null
 * @param seed         the seed of every random choice (initial weights, shuffling, dropout)
 * @param learningRate the optimizer's learning rate, or null
 * @param hidden       the hidden-layer width, or null
 * @param batchSize    the mini-batch size, or null
 * @param out          the folder where pictures and files are written (created when missing)
 * @param data         where to read data from instead of the bundled set, or null
 * @param quiet        no progress bar and no per-epoch lines
 * @param console      where the lesson is printed
 */
public record ExampleOptions(Integer epochs, long seed, Double learningRate, Integer hidden, Integer batchSize,
                             Path out, Path data, boolean quiet, PrintStream console) {
    /** Defaults everywhere: seed 42, output in {@code ./out}, printing to standard output. */
    public static ExampleOptions defaults() {
        return new ExampleOptions(null, 42, null, null, null, Path.of("out"), null, false, System.out);
    }

    /** These options with a fixed number of epochs. */
    public ExampleOptions withEpochs(int value) {
        return new ExampleOptions(value, seed, learningRate, hidden, batchSize, out, data, quiet, console);
    }

    /** These options writing into {@code folder}, printing to {@code stream}, without progress output. */
    public ExampleOptions quietlyTo(Path folder, PrintStream stream) {
        return new ExampleOptions(epochs, seed, learningRate, hidden, batchSize, folder, data, true, stream);
    }

    /** These options reading data from {@code path}. */
    public ExampleOptions withData(Path path) {
        return new ExampleOptions(epochs, seed, learningRate, hidden, batchSize, out, path, quiet, console);
    }

    /** The number of epochs given on the command line, or {@code fallback} when none was. */
    public int epochsOr(int fallback) {
        return epochs == null ? fallback : epochs;
    }

    /** The learning rate given on the command line, or {@code fallback} when none was. */
    public double learningRateOr(double fallback) {
        return learningRate == null ? fallback : learningRate;
    }

    /** The hidden layer width given on the command line, or {@code fallback} when none was. */
    public int hiddenOr(int fallback) {
        return hidden == null ? fallback : hidden;
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
        console.println(String.format(java.util.Locale.ROOT, format, args));
    }
}
