package dev.chainrule.examples;

import dev.chainrule.nn.Activations;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.diagnostics.ActivationStats;
import dev.chainrule.nn.diagnostics.LayerMonitor;
import dev.chainrule.nn.diagnostics.LayerStats;
import dev.chainrule.nn.diagnostics.Snapshot;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.train.LossFunction;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.nn.train.TrainingHistory;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Why deep sigmoid networks were hard to train: the vanishing gradient, measured. Networks of 2, 10 and 30 weight
 * layers (1, 9 and 29 hidden layers, all of one width) with sigmoid, tanh, ReLU and GELU start from the same seed
 * (Linear's Xavier init) on the bundled digits. A {@link LayerMonitor} measures the gradient norm of every layer's
 * weight on a fixed batch of training images before training and after it; each network trains with Adam.
 *
 * <p>Backpropagation multiplies the error by each layer's weights and by the activation's derivative on its way
 * down. The sigmoid's derivative is at most 1/4, so in a 30-layer sigmoid network the first layer's gradient is
 * about 10⁻¹⁸ of the last layer's, even though hardly any unit is saturated; such a network does not learn.
 * Tanh (derivative up to 1), ReLU and GELU (1 for positive inputs) keep the ratio between first and last layer
 * near 1. ReLU and GELU networks lose something else: Xavier init halves the signal's variance at every layer
 * for them, so all their gradients shrink together with depth (He init, {@code Init.kaimingUniform}, is made
 * for them). {@code depth-gradients.png} plots the norms per layer on a log scale.
 */
public final class DepthExample {
    /** The depths compared, in weight layers. */
    static final List<Integer> DEPTHS = List.of(2, 10, 30);
    /** The activations compared, as {@link Activations#byName} knows them. */
    static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu", "gelu");
    /** Training images in the fixed batch on which gradient norms are measured. */
    static final int PROBE_SIZE = 256;

    private DepthExample() {}

    /**
     * One network's numbers.
     *
     * @param gradientNorms     the weight gradient's norm per layer before training, first (input side) to last
     * @param trainedNorms      the same after training
     * @param saturatedBefore   the share of saturated hidden units before training, over all hidden layers
     * @param saturatedAfter    the same after training
     * @param testAccuracy      the share of test images classified correctly after training
     */
    public record Run(String activation, int depth, double[] gradientNorms, double[] trainedNorms,
                      double saturatedBefore, double saturatedAfter, double testAccuracy) {
        /** The first layer's gradient norm divided by the last layer's, before training. */
        public double firstToLast() {
            return gradientNorms[0] / gradientNorms[gradientNorms.length - 1];
        }

        /** The first layer's gradient norm divided by the last layer's, after training. */
        public double trainedFirstToLast() {
            return trainedNorms[0] / trainedNorms[trainedNorms.length - 1];
        }
    }

    /** What the comparison found: one run per activation and depth, activations outermost. */
    public record Result(int width, int epochs, List<Run> runs, Path file) implements ExampleResult {
        /**
         * The run of {@code activation} at {@code depth}.
         *
         * @throws IllegalArgumentException when there is none, listing the activations and depths compared
         */
        public Run run(String activation, int depth) {
            return runs.stream().filter(r -> r.activation().equals(activation) && r.depth() == depth).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("DepthExample.Result.run: no run of " + activation
                            + " at depth " + depth + "; the runs are " + ACTIVATIONS + " at depths " + DEPTHS));
        }

        @Override
        public String summary() {
            int deepest = DEPTHS.get(DEPTHS.size() - 1);
            Run sigmoid = run("sigmoid", deepest);
            List<String> others = new ArrayList<>();
            for (String name : ACTIVATIONS.subList(1, ACTIVATIONS.size())) {
                others.add(String.format(Locale.ROOT, "%s %.1e", name, run(name, deepest).firstToLast()));
            }
            return String.format(Locale.ROOT, "In the %d-layer sigmoid network the first layer's gradient is %.1e times "
                    + "the last layer's before training (%s); after %d epochs it classifies %.1f%% of the test digits, "
                    + "against %.1f%% for the 2-layer sigmoid network and %.1f%% for the %d-layer tanh network. "
                    + "Gradient norms per layer are plotted on a log scale in %s.", deepest, sigmoid.firstToLast(),
                    String.join(", ", others), epochs, 100 * sigmoid.testAccuracy(),
                    100 * run("sigmoid", DEPTHS.get(0)).testAccuracy(), 100 * run("tanh", deepest).testAccuracy(),
                    deepest, file);
        }
    }

    /** Refuses a {@code --hidden} list: the example sets the depths itself and takes one width. */
    static void check(ExampleOptions options) {
        options.hiddenWidthOr("depth", 0);
    }

    /** Builds, measures and trains every activation at every depth, and plots the gradient norms per layer. */
    public static Result run(ExampleOptions options) {
        Dataset.Split split = DigitData.bundled().randomSplit(0.8, DigitsExample.SPLIT_SEED);
        Batch probe = split.train().splitAt(PROBE_SIZE).train().all();
        int inputs = probe.features().size(1);
        int width = options.hiddenWidthOr("depth", 32);
        int epochs = options.epochsOr(20);
        double learningRate = options.learningRateOr(1e-3);
        LossFunction loss = LossFunction.ofLabels(Losses::crossEntropy);
        options.println("Networks of %s weight layers, hidden width %d, on the digits; gradient norms on %d training "
                + "images before and after %d epochs of Adam (lr %s), seed %d.", DEPTHS, width, PROBE_SIZE, epochs,
                learningRate, options.seed());

        List<Run> runs = new ArrayList<>();
        for (String activation : ACTIVATIONS) {
            for (int depth : DEPTHS) {
                List<Integer> hidden = Collections.nCopies(depth - 1, width);
                Sequential model = Networks.mlp(inputs, hidden, DigitData.CLASSES, i -> Activations.byName(activation),
                        new Random(options.seed()));
                LayerMonitor monitor = LayerMonitor.of(model);
                Snapshot before = monitor.probe(probe, loss);
                TrainingHistory history;
                try (Progress progress = new Progress(activation + " x" + depth, epochs, options, false)) {
                    history = Trainer.of(model, new Adam(model.parameters(), learningRate), loss)
                            .listener(progress)
                            .fit(DataLoader.of(split.train(), options.batchSizeOr(32)).shuffle(options.seed()),
                                    DataLoader.of(split.validation(), 1000), epochs);
                }
                Snapshot after = monitor.probe(probe, loss);
                runs.add(new Run(activation, depth, before.gradientNorms("weight"), after.gradientNorms("weight"),
                        saturated(before), saturated(after), history.last().validationAccuracy()));
            }
        }

        options.println("%nWeight gradient norms, first and last layer, before training; saturated hidden units before "
                + "and after training; test accuracy after training:");
        options.println("%-10s %6s %11s %11s %11s %11s %10s %10s %9s", "activation", "layers", "first", "last",
                "first/last", "(trained)", "saturated", "(trained)", "test acc");
        for (Run run : runs) {
            double[] norms = run.gradientNorms();
            options.println("%-10s %6d %11.2e %11.2e %11.1e %11.1e %9.1f%% %9.1f%% %8.1f%%", run.activation(),
                    run.depth(), norms[0], norms[norms.length - 1], run.firstToLast(), run.trainedFirstToLast(),
                    100 * run.saturatedBefore(), 100 * run.saturatedAfter(), 100 * run.testAccuracy());
        }
        Path file = Plots.logLines(options.outFile("depth-gradients.png"),
                "Weight gradient norm per layer before training (digits, width " + width + ")",
                "layer (1 = next to the input)", "gradient norm (log scale)", curves(runs));
        return new Result(width, epochs, runs, file);
    }

    /** The share of saturated units over every hidden activation layer of a snapshot (NaN when none has a rule). */
    private static double saturated(Snapshot snapshot) {
        double saturated = 0;
        long count = 0;
        for (LayerStats layer : snapshot.layers()) {
            ActivationStats output = layer.output();
            if (layer.hasParameters() || output == null || Double.isNaN(output.saturatedFraction())) continue;
            saturated += output.saturatedFraction() * output.count();
            count += output.count();
        }
        return count == 0 ? Double.NaN : saturated / count;
    }

    /** One curve per network: colour by activation, line by depth (dotted 2, dashed 10, solid 30). */
    private static List<Plots.Series> curves(List<Run> runs) {
        List<Color> colors = List.of(new Color(200, 40, 40), new Color(30, 90, 200), new Color(30, 150, 60),
                new Color(150, 60, 170));
        List<Plots.Line> lines = List.of(Plots.Line.DOTTED, Plots.Line.DASHED, Plots.Line.SOLID);
        List<Plots.Series> curves = new ArrayList<>();
        for (Run run : runs) {
            double[] layers = new double[run.depth()];
            double[] norms = new double[run.depth()];
            for (int i = 0; i < layers.length; i++) {
                layers[i] = i + 1;
                norms[i] = Math.max(run.gradientNorms()[i], Double.MIN_NORMAL);   // a log axis needs > 0
            }
            curves.add(new Plots.Series(run.activation() + ", " + run.depth() + " layers", layers, norms,
                    colors.get(ACTIVATIONS.indexOf(run.activation())), lines.get(DEPTHS.indexOf(run.depth()))));
        }
        return curves;
    }
}
