package dev.chainrule.examples;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sigmoid;
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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Two interleaved spirals: every straight line cuts both arms many times, so no linear model separates them.
 * A network with two tanh hidden layers (or those {@code --hidden} lists) bends its decision boundary along the
 * arms; pictures taken during training show the boundary growing from a line into a spiral.
 */
public final class SpiralExample {
    /** Points per class. */
    static final int POINTS = 150;
    static final double RANGE = 1.2;
    /** Turns of each arm. */
    static final double TURNS = 1.25;

    private SpiralExample() {}

    /** What the run found: the final accuracy on the training points and the pictures, in training order. */
    public record Result(double accuracy, double finalLoss, int epochs, List<Path> files) implements ExampleResult {
        @Override
        public String summary() {
            return String.format(Locale.ROOT, "A tanh network separated the two spirals with %.1f%% accuracy "
                    + "after %d epochs (loss %.4f). The %d pictures %s ... %s show the boundary turning from a line "
                    + "into a spiral; %s has the loss curve.", 100 * accuracy, epochs, finalLoss, files.size() - 1,
                    files.get(0).getFileName(), files.get(files.size() - 2).getFileName(),
                    files.get(files.size() - 1).getFileName());
        }
    }

    /** Two spirals, {@code r = t}, angle {@code 2π·TURNS·t + class·π}, with a little Gaussian noise. */
    static Dataset spirals(long seed) {
        Random random = new Random(seed);
        double[][] points = new double[2 * POINTS][];
        double[] targets = new double[2 * POINTS];
        int[] labels = new int[2 * POINTS];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < POINTS; i++) {
                double t = 0.05 + 0.95 * i / (POINTS - 1);
                double angle = TURNS * 2 * Math.PI * t + c * Math.PI;
                points[c * POINTS + i] = new double[] {t * Math.cos(angle) + 0.02 * random.nextGaussian(),
                        t * Math.sin(angle) + 0.02 * random.nextGaussian()};
                targets[c * POINTS + i] = c;
                labels[c * POINTS + i] = c;
            }
        }
        return Dataset.of(Tensor.of(points), Tensor.of(targets, 2 * POINTS, 1), labels);
    }

    /** Trains a two-hidden-layer tanh network on two spirals and saves its decision boundary during training. */
    public static Result run(ExampleOptions options) {
        Dataset data = spirals(options.seed());
        double[][] points = new double[data.size()][];
        double[] flat = data.features().toArray();
        for (int i = 0; i < points.length; i++) points[i] = new double[] {flat[2 * i], flat[2 * i + 1]};

        List<Integer> hidden = options.hiddenLayersOr(32, 32);
        int epochs = options.epochsOr(300);
        Module model = Networks.mlp(2, hidden, 1, i -> new Tanh(), new Random(options.seed())).add(new Sigmoid());
        options.println("%d points on two spirals; network %s", data.size(), model);

        // A picture of the boundary at six moments of training, the first before any learning.
        List<Path> files = new ArrayList<>();
        files.add(snapshot(options, model, points, data.labels(), 0));
        int every = Math.max(1, epochs / 5);
        TrainingListener pictures = result -> {
            if (result.epoch() % every == 0 || result.epoch() == epochs) {
                files.add(snapshot(options, model, points, data.labels(), result.epoch()));
            }
        };
        TrainingHistory history;
        try (Progress progress = new Progress("spiral", epochs, options)) {
            history = Trainer.of(model, new Adam(model.parameters(), options.learningRateOr(0.03)),
                            LossFunction.ofTargets(Losses::binaryCrossEntropy))
                    .listener(progress)
                    .listener(pictures)
                    .fit(DataLoader.of(data, options.batchSizeOr(32)).shuffle(options.seed()), epochs);
        }
        double accuracy;
        try (var evaluating = model.evaluating(); var off = Autograd.noGrad()) {
            accuracy = dev.chainrule.nn.metrics.Metrics.binaryAccuracy(model.forward(data.features()), data.labels());
        }
        files.add(Plots.lines(options.outFile("spiral-loss.png"), "Spiral: training loss", "epoch", "loss",
                List.of(Plots.Series.overEpochs("train", Plots.column(history, EpochResult::trainLoss)))));
        options.println("Accuracy on the training points: %.1f%%", 100 * accuracy);
        return new Result(accuracy, history.last().trainLoss(), history.epochs().size(), files);
    }

    private static Path snapshot(ExampleOptions options, Module model, double[][] points, int[] labels, int epoch) {
        try (var evaluating = model.evaluating(); var off = Autograd.noGrad()) {
            return Plots.decisionBoundary(options.outFile(String.format(Locale.ROOT, "spiral-epoch-%04d.png", epoch)),
                    "Spiral, epoch " + epoch, grid -> model.forward(Tensor.of(grid)).toArray(), points, labels, -RANGE, RANGE);
        }
    }
}
