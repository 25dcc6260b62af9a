package dev.chainrule.examples;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Tanh;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.train.EpochResult;
import dev.chainrule.nn.train.LossFunction;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.nn.train.TrainingHistory;
import dev.chainrule.nn.train.TrainingListener;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * Regression, the tutorial's "squared error or cross-entropy depending on the problem": a network with one tanh
 * hidden layer of 16 units and a linear output learns {@code y = sin(x)} on {@code [−π, π]} from 256 random
 * points, minimising the mean squared error {@code (1/N) Σ (f(x) − y)²} with Adam on all the points at once
 * (one step per epoch). The picture shows the fitted curve at a few epochs against the target; a second one the
 * loss.
 *
 * <p>Stated bound: the default run (2,000 epochs of one full-batch step, Adam lr 0.02, seed 42) ends with a mean
 * squared error below {@value #BOUND} on {@value #GRID} evenly spaced points of {@code [−π, π]}; its test checks it.
 */
public final class RegressionExample {
    /** Training points, drawn uniformly from {@code [−π, π]}. */
    static final int POINTS = 256;
    /** Evenly spaced points on which the fit is drawn and its error measured. */
    static final int GRID = 200;
    /** The mean squared error the default run ends below. */
    static final double BOUND = 1e-3;

    private RegressionExample() {}

    /**
     * What the run found.
     *
     * @param meanSquaredError the final mean squared error on the {@value #GRID} grid points
     * @param snapshotEpochs   the epochs whose fits are drawn (0 is before training)
     */
    public record Result(List<Integer> hidden, int epochs, double finalTrainLoss, double meanSquaredError,
                         List<Integer> snapshotEpochs, List<Path> files) implements ExampleResult {
        @Override
        public String summary() {
            return String.format(Locale.ROOT, "A %s tanh network fitted sin(x) on [-pi, pi] from %d points: after %d "
                    + "epochs its mean squared error on %d evenly spaced points is %.2e (%s the bound %.0e the default "
                    + "run promises). %s shows the fit at epochs %s; %s the loss.",
                    Networks.shape(1, hidden, 1), POINTS, epochs, GRID, meanSquaredError,
                    meanSquaredError < BOUND ? "below" : "NOT below", BOUND, files.get(0).getFileName(),
                    snapshotEpochs, files.get(1).getFileName());
        }
    }

    /** Fits sin(x) with squared error and draws the fit at a few epochs and the loss curve. */
    public static Result run(ExampleOptions options) {
        // 1. Data: random points of [-pi, pi] to train on, an even grid to draw and measure the fit on.
        Random random = new Random(options.seed());
        double[] x = new double[POINTS];
        double[] y = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            x[i] = Math.PI * (2 * random.nextDouble() - 1);
            y[i] = Math.sin(x[i]);
        }
        Dataset train = Dataset.ofTargets(Tensor.of(x, POINTS, 1), Tensor.of(y, POINTS, 1));
        double[] grid = new double[GRID];
        double[] target = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            grid[i] = -Math.PI + 2 * Math.PI * i / (GRID - 1);
            target[i] = Math.sin(grid[i]);
        }
        Tensor gridInputs = Tensor.of(grid, GRID, 1);

        // 2. The network: x -> tanh(x W + b) -> z V + c, a weighted sum of shifted and scaled tanh curves; no
        //    activation on the output, since a regression's output can be any number.
        List<Integer> hidden = options.hiddenLayersOr(16);
        Module model = Networks.mlp(1, hidden, 1, i -> new Tanh(), random);
        int epochs = options.epochsOr(2000);
        double learningRate = options.learningRateOr(0.02);
        int batchSize = options.batchSizeOr(POINTS);
        options.println("Fitting sin(x) on [-pi, pi] from %d random points with a %s tanh network (%d parameters), "
                + "squared error, Adam lr %s, batch %d, %d epochs.", POINTS, Networks.shape(1, hidden, 1),
                model.numParameters(), learningRate, batchSize, epochs);

        // 3. Training, drawing the fit now and then: before training, at epochs 50, 200 and 500, and at the end.
        TreeSet<Integer> moments = new TreeSet<>(List.of(0, 50, 200, 500, epochs));
        moments.removeIf(epoch -> epoch > epochs);
        List<double[]> fits = new ArrayList<>();
        fits.add(predict(model, gridInputs));
        TrainingListener snapshots = result -> {
            if (moments.contains(result.epoch())) fits.add(predict(model, gridInputs));
        };
        TrainingHistory history;
        try (Progress progress = new Progress("regression", epochs, options)) {
            history = Trainer.of(model, new Adam(model.parameters(), learningRate), LossFunction.ofTargets(Losses::mse))
                    .listener(progress)
                    .listener(snapshots)
                    .fit(DataLoader.of(train, batchSize).shuffle(options.seed()), epochs);
        }
        double[] fit = fits.get(fits.size() - 1);
        double squares = 0;
        for (int i = 0; i < GRID; i++) squares += (fit[i] - target[i]) * (fit[i] - target[i]);
        double meanSquaredError = squares / GRID;
        options.println("Mean squared error on %d evenly spaced points after %d epochs: %.3e (bound of the default "
                + "run: %.0e).", GRID, epochs, meanSquaredError, BOUND);

        // 4. Pictures: the fits over the target, and the loss on a log scale.
        List<Plots.Series> curves = new ArrayList<>();
        curves.add(new Plots.Series("sin(x)", grid, target, Color.BLACK, Plots.Line.DASHED));
        List<Integer> snapshotEpochs = List.copyOf(moments);
        // Grey before training, then blue, green, orange; the final fit in red.
        List<Color> colors = List.of(new Color(160, 160, 160), new Color(86, 180, 233), new Color(0, 158, 115),
                new Color(230, 159, 0));
        for (int k = 0; k < snapshotEpochs.size(); k++) {
            Color color = k == snapshotEpochs.size() - 1 ? new Color(213, 94, 0) : colors.get(k % colors.size());
            curves.add(new Plots.Series("epoch " + snapshotEpochs.get(k), grid, fits.get(k), color, Plots.Line.SOLID));
        }
        List<Path> files = List.of(
                Plots.lines(options.outFile("regression-fit.png"), "Fitting sin(x) with squared error", "x", "y", curves),
                Plots.logLines(options.outFile("regression-loss.png"), "Regression: mean squared error", "epoch",
                        "training loss (log scale)",
                        List.of(Plots.Series.overEpochs("train", Plots.column(history, EpochResult::trainLoss)))));
        return new Result(hidden, epochs, history.last().trainLoss(), meanSquaredError, snapshotEpochs, files);
    }

    private static double[] predict(Module model, Tensor inputs) {
        try (var off = Autograd.noGrad()) {
            return model.forward(inputs).toArray();
        }
    }
}
