package dev.chainrule.examples;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Sigmoid;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.metrics.ConfusionMatrix;
import dev.chainrule.nn.metrics.Metrics;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.train.EpochResult;
import dev.chainrule.nn.train.LossFunction;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.nn.train.TrainingHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The main demo: the tutorial's digit classifier. An image's pixels go in, a sigmoid hidden layer of 500 units
 * turns them into features, and a softmax over 10 outputs says which digit it is; cross-entropy measures how wrong
 * that is, and Adam follows its gradient on mini-batches.
 *
 * <p>Data: the bundled 8×8 digits (64 inputs) on a fixed 80/20 split, or, with {@code --data DIR}, MNIST or
 * Fashion-MNIST IDX files (28×28 = 784 inputs) with their own train and test sets.
 */
public final class DigitsExample {
    /** The split never depends on {@code --seed}, so every run is tested on the same 360 images. */
    static final long SPLIT_SEED = 2024;

    private DigitsExample() {}

    /**
     * What the run found.
     *
     * @param weights      entries of the two weight matrices (64·500 + 500·10 = 37,000 by default)
     * @param parameters   weights plus biases (37,510 by default)
     * @param testAccuracy share of test images classified correctly
     * @param seconds      wall-clock time of loading, training and evaluation
     * @param files        the pictures written
     */
    public record Result(String source, int inputs, int hidden, int trainSize, int testSize, long weights, long parameters,
                         TrainingHistory history, double trainAccuracy, double testAccuracy,
                         ConfusionMatrix confusion, int misclassified, double seconds, List<Path> files)
            implements ExampleResult {
        @Override
        public String summary() {
            return String.format(Locale.ROOT, "A %s network with %,d parameters (%,d weights) learned to read %s in %d "
                    + "%s and %.1f s: it classifies %.2f%% of the %d held-out test images correctly (%d mistakes, "
                    + "%.2f%% on the %d training images). The confusion matrix shows which classes it mixes up; the "
                    + "curves and the misclassified images are in %s.", architecture(), parameters, weights, source,
                    history.epochs().size(), history.epochs().size() == 1 ? "epoch" : "epochs", seconds, 100 * testAccuracy, testSize, misclassified,
                    100 * trainAccuracy, trainSize, files.get(0).getParent());
        }

        private String architecture() {
            return inputs + "-" + hidden + "-" + DigitData.CLASSES;
        }
    }

    /** Trains the digit classifier (bundled digits, or IDX files under {@code --data}) and reports its test accuracy. */
    public static Result run(ExampleOptions options) throws IOException {
        long start = System.nanoTime();

        // 1. Data: images as rows of pixel values in [0, 1], and their digits.
        Dataset train;
        Dataset test;
        String source;
        int side;
        if (options.data() == null) {
            Dataset all = DigitData.bundled();
            Dataset.Split split = all.randomSplit(0.8, SPLIT_SEED);
            train = split.train();
            test = split.validation();
            source = "the bundled 8x8 digits";
            side = DigitData.SIDE;
        } else {
            Idx.DataSet idx = Idx.readDirectory(options.data());
            train = DigitData.fromIdx(idx.trainImages(), idx.trainLabels());
            test = DigitData.fromIdx(idx.testImages(), idx.testLabels());
            source = "the IDX images in " + options.data();
            side = idx.trainImages().rows();
        }
        int inputs = train.features().size(1);
        options.println("Data: %s, %d training and %d test images of %d pixels.", source, train.size(), test.size(), inputs);

        // 2. The network: x -> sigmoid(x W + b) -> (z V + c) -> softmax. The softmax lives inside the
        //    cross-entropy (a log-softmax, which stays finite for large scores), so the model returns raw scores.
        int hidden = options.hiddenOr(500);
        Random random = new Random(options.seed());
        Sequential model = new Sequential(
                new Linear(inputs, hidden, random),
                new Sigmoid(),
                new Linear(hidden, DigitData.CLASSES, random));
        long weights = (long) inputs * hidden + (long) hidden * DigitData.CLASSES;
        long parameters = model.numParameters();
        options.println("Model: %s", model);
        options.println("Parameters: %d*%d + %d*%d = %,d weights, plus %d + %d biases = %,d parameters.", inputs, hidden,
                hidden, DigitData.CLASSES, weights, hidden, DigitData.CLASSES, parameters);

        // 3. Training: mini-batches in a new order every epoch, cross-entropy, Adam.
        int epochs = options.epochsOr(options.data() == null ? 30 : 5);
        double learningRate = options.learningRateOr(3e-3);
        DataLoader trainLoader = DataLoader.of(train, options.batchSizeOr(32)).shuffle(options.seed());
        DataLoader testLoader = DataLoader.of(test, 1000);
        options.println("Training %d epochs, batch %d, Adam lr %s.", epochs, trainLoader.batchSize(), learningRate);
        TrainingHistory history;
        try (Progress progress = new Progress("digits", epochs, options)) {
            history = Trainer.of(model, new Adam(model.parameters(), learningRate),
                            LossFunction.ofLabels(Losses::crossEntropy))
                    .listener(progress)
                    .fit(trainLoader, testLoader, epochs);
        }

        // 4. Evaluation on images the network never trained on.
        model.eval();
        Tensor testScores;
        Tensor trainScores;
        try (var off = Autograd.noGrad()) {
            testScores = model.forward(test.features());
            trainScores = model.forward(train.features());
        }
        int[] predicted = Metrics.predictions(testScores);
        int[] testLabels = test.labels();                        // a copy: take it once, not per row
        ConfusionMatrix confusion = ConfusionMatrix.of(DigitData.CLASSES, testLabels, predicted);
        double testAccuracy = Metrics.accuracy(testScores, testLabels);
        double trainAccuracy = Metrics.accuracy(trainScores, train.labels());
        options.println("Confusion matrix on the test set (rows: true digit, columns: predicted):%n%s", confusion);

        // 5. Pictures: the learning curves and the digits it got wrong.
        List<Path> files = new ArrayList<>();
        files.add(Plots.lines(options.outFile("digits-loss.png"), "Digits: cross-entropy", "epoch", "loss", List.of(
                Plots.Series.overEpochs("train", column(history, EpochResult::trainLoss)),
                Plots.Series.overEpochs("test", column(history, EpochResult::validationLoss)))));
        files.add(Plots.lines(options.outFile("digits-accuracy.png"), "Digits: accuracy", "epoch", "accuracy", List.of(
                Plots.Series.overEpochs("train", column(history, EpochResult::trainAccuracy)),
                Plots.Series.overEpochs("test", column(history, EpochResult::validationAccuracy)))));
        List<double[]> wrongImages = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        int misclassified = 0;
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] == testLabels[i]) continue;
            misclassified++;
            if (wrongImages.size() < 48) {
                wrongImages.add(test.batch(i).features().toArray());
                captions.add(testLabels[i] + " -> " + predicted[i]);
            }
        }
        files.add(Plots.imageGrid(options.outFile("digits-misclassified.png"), wrongImages, captions, side, 8,
                Math.max(2, 48 / side)));
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(source, inputs, hidden, train.size(), test.size(), weights, parameters, history, trainAccuracy, testAccuracy,
                confusion, misclassified, seconds, files);
    }

    static double[] column(TrainingHistory history, java.util.function.ToDoubleFunction<EpochResult> value) {
        return history.epochs().stream().mapToDouble(value).toArray();
    }
}
