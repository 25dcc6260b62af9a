package dev.chainrule.examples;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Sigmoid;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.metrics.ConfusionMatrix;
import dev.chainrule.nn.metrics.Metrics;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.train.BatchProgress;
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
 * The tutorial's digit classifier, shared by the {@code digits} and {@code mnist} examples: an image's pixels
 * go in, sigmoid hidden layers turn them into features, and a softmax over 10 outputs says which digit it is;
 * cross-entropy measures how wrong that is, and Adam follows its gradient on mini-batches. Then the test set:
 * accuracy, a confusion matrix, and the images it got wrong.
 */
final class ImageClassifier {
    /** The tutorial's rule of thumb: at least this many training samples per parameter. */
    static final int SAMPLES_PER_PARAMETER = 10;
    /** At most this many misclassified images are drawn. */
    static final int MISCLASSIFIED_SHOWN = 48;
    /** Misclassified images per row of their picture. */
    static final int GRID_COLUMNS = 8;

    private ImageClassifier() {}

    /**
     * Square grey-scale images with labels 0..9.
     *
     * @param source where they came from, for the printout
     * @param side   the width and height of an image, in pixels
     */
    record Data(String source, Dataset train, Dataset test, int side) {}

    /**
     * How to train.
     *
     * @param name   the example's name, which prefixes every file written ({@code digits-loss.png})
     * @param hidden the hidden-layer widths
     */
    record Settings(String name, List<Integer> hidden, int epochs, double learningRate, int batchSize) {}

    /**
     * What the run found.
     *
     * @param weights          entries of the weight matrices (64·500 + 500·10 = 37,000 for the default digits)
     * @param parameters       weights plus biases (37,510 for the default digits)
     * @param testAccuracy     share of test images classified correctly
     * @param trainingSeconds  time spent in training steps, validation passes excluded
     * @param imagesPerSecond  training images per second of {@code trainingSeconds}
     * @param seconds          wall-clock time of loading, training and evaluation
     * @param files            the pictures written: loss, accuracy, confusion matrix, misclassified images
     */
    record Result(String source, int inputs, List<Integer> hidden, int trainSize, int testSize, long weights,
                  long parameters, TrainingHistory history, double trainAccuracy, double testAccuracy,
                  ConfusionMatrix confusion, int misclassified, double trainingSeconds, double imagesPerSecond,
                  double seconds, List<Path> files) implements ExampleResult {
        @Override
        public String summary() {
            int epochs = history.epochs().size();
            return String.format(Locale.ROOT, "A %s network with %,d parameters (%,d weights) learned to read %s in %d "
                    + "%s (%.1f s per epoch, %,.0f images/s; %.1f s in all): it classifies %.2f%% of the %,d held-out "
                    + "test images correctly (%,d mistakes, %.2f%% on the %,d training images). The confusion matrix "
                    + "shows which digits it mixes up; the curves, the matrix and the misclassified images are in %s.",
                    architecture(), parameters, weights, source, epochs, epochs == 1 ? "epoch" : "epochs",
                    trainingSeconds / epochs, imagesPerSecond, seconds, 100 * testAccuracy, testSize, misclassified,
                    100 * trainAccuracy, trainSize, files.get(0).getParent());
        }

        /** The layer sizes, {@code 64-500-10}. */
        String architecture() {
            return Networks.shape(inputs, hidden, DigitData.CLASSES);
        }
    }

    /** Trains a sigmoid classifier on {@code data} as {@code settings} say, evaluates it and draws the pictures. */
    static Result run(Data data, Settings settings, ExampleOptions options, long start) {
        Dataset train = data.train();
        Dataset test = data.test();
        int inputs = train.features().size(1);
        options.println("Data: %s, %,d training and %,d test images of %d pixels.", data.source(), train.size(),
                test.size(), inputs);

        // 1. The network: x -> sigmoid(x W + b) -> ... -> (z V + c) -> softmax. The softmax lives inside the
        //    cross-entropy (a log-softmax, which stays finite for large scores), so the model returns raw scores.
        List<Integer> hidden = settings.hidden();
        Sequential model = Networks.mlp(inputs, hidden, DigitData.CLASSES, i -> new Sigmoid(), new Random(options.seed()));
        long weights = Networks.weights(inputs, hidden, DigitData.CLASSES);
        long parameters = model.numParameters();
        options.println("Model: %s", model);
        options.println("Parameters: %s.", Networks.parameterArithmetic(inputs, hidden, DigitData.CLASSES));
        printRuleOfThumb(options, parameters, train.size());

        // 2. Training: mini-batches in a new order every epoch, cross-entropy, Adam.
        DataLoader trainLoader = DataLoader.of(train, settings.batchSize()).shuffle(options.seed());
        DataLoader testLoader = DataLoader.of(test, 1000);
        options.println("Training %d epochs, batch %d, Adam lr %s.", settings.epochs(), trainLoader.batchSize(),
                settings.learningRate());
        TrainingTimer timer = new TrainingTimer();
        TrainingHistory history;
        try (Progress progress = new Progress(settings.name(), settings.epochs(), options)) {
            history = Trainer.of(model, new Adam(model.parameters(), settings.learningRate()),
                            LossFunction.ofLabels(Losses::crossEntropy))
                    .listener(timer)
                    .listener(progress)
                    .fit(trainLoader, testLoader, settings.epochs());
        }
        double imagesPerSecond = (double) train.size() * history.epochs().size() / timer.seconds();
        options.println("Training: %d epochs in %.1f s of training steps (%.1f s per epoch), %,.0f images/s.",
                history.epochs().size(), timer.seconds(), timer.seconds() / history.epochs().size(), imagesPerSecond);

        // 3. Evaluation on images the network never trained on.
        model.eval();
        int[] predicted;
        double testAccuracy;
        double trainAccuracy;
        try (var off = Autograd.noGrad()) {
            Tensor testScores = model.forward(test.features());
            predicted = Metrics.predictions(testScores);
            testAccuracy = Metrics.accuracy(testScores, test.labels());
            trainAccuracy = Metrics.accuracy(model.forward(train.features()), train.labels());
        }
        int[] testLabels = test.labels();                        // a copy: take it once, not per row
        ConfusionMatrix confusion = ConfusionMatrix.of(DigitData.CLASSES, testLabels, predicted);
        options.println("Test accuracy %.2f%%. Confusion matrix on the test set (rows: true digit, columns: "
                + "predicted):%n%s", 100 * testAccuracy, confusion);

        // 4. Pictures: the learning curves, the confusion matrix and the digits it got wrong.
        String name = settings.name();
        List<Path> files = new ArrayList<>(drawCurves(options, name, title(name), history));
        files.add(Plots.confusionMatrix(options.outFile(name + "-confusion.png"),
                title(name) + ": test confusion matrix", confusion.counts()));
        files.add(drawMisclassified(options.outFile(name + "-misclassified.png"), test, testLabels, predicted,
                data.side()));
        int misclassified = 0;
        for (int i = 0; i < predicted.length; i++) if (predicted[i] != testLabels[i]) misclassified++;
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(data.source(), inputs, hidden, train.size(), test.size(), weights, parameters, history,
                trainAccuracy, testAccuracy, confusion, misclassified, timer.seconds(), imagesPerSecond, seconds, files);
    }

    /**
     * Draws the train and test cross-entropy per epoch into {@code name-loss.png} and the accuracies into
     * {@code name-accuracy.png}; returns the two files in that order.
     */
    static List<Path> drawCurves(ExampleOptions options, String name, String title, TrainingHistory history) {
        return List.of(
                Plots.lines(options.outFile(name + "-loss.png"), title + ": cross-entropy", "epoch", "loss",
                        List.of(Plots.Series.overEpochs("train", Plots.column(history, EpochResult::trainLoss)),
                                Plots.Series.overEpochs("test", Plots.column(history, EpochResult::validationLoss)))),
                Plots.lines(options.outFile(name + "-accuracy.png"), title + ": accuracy", "epoch", "accuracy",
                        List.of(Plots.Series.overEpochs("train", Plots.column(history, EpochResult::trainAccuracy)),
                                Plots.Series.overEpochs("test",
                                        Plots.column(history, EpochResult::validationAccuracy)))));
    }

    /**
     * Draws the first {@value #MISCLASSIFIED_SHOWN} test images whose prediction is wrong, captioned
     * {@code "true -> predicted"}, {@value #GRID_COLUMNS} per row, each enlarged to about 48 pixels a side. An image
     * is the {@code side × side} values of its row of features, whatever their shape ({@code [784]} or
     * {@code [1, 28, 28]}).
     */
    static Path drawMisclassified(Path file, Dataset test, int[] labels, int[] predicted, int side) {
        List<double[]> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < predicted.length && images.size() < MISCLASSIFIED_SHOWN; i++) {
            if (predicted[i] == labels[i]) continue;
            images.add(test.batch(i).features().toArray());
            captions.add(labels[i] + " -> " + predicted[i]);
        }
        return Plots.imageGrid(file, images, captions, side, GRID_COLUMNS, Math.max(2, 48 / side));
    }

    /**
     * Prints the tutorial's rule of thumb against the data at hand: "Rule of thumb: at least 10 training samples
     * per parameter, so about 5.2 million wanted for 517,510 parameters; 60,000 available (one per 8.6 parameters)."
     */
    static void printRuleOfThumb(ExampleOptions options, long parameters, int samples) {
        long wanted = SAMPLES_PER_PARAMETER * parameters;
        String amount = wanted >= 1_000_000 ? String.format(Locale.ROOT, "about %.1f million", wanted / 1e6)
                : String.format(Locale.ROOT, "%,d", wanted);
        options.println("Rule of thumb: at least %d training samples per parameter, so %s wanted for %,d parameters; "
                + "%,d available (one per %.1f parameters).", SAMPLES_PER_PARAMETER, amount, parameters, samples,
                (double) parameters / samples);
    }

    private static String title(String name) {
        return name.equals("mnist") ? "MNIST" : Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /**
     * Times the training steps alone: from the start of an epoch (the end of the previous one) to its last batch,
     * so the validation pass after each epoch is not counted. Make it just before training starts.
     */
    static final class TrainingTimer implements TrainingListener {
        private final List<Double> epochSeconds = new ArrayList<>();
        private long epochStart = System.nanoTime();
        private long lastBatchEnd;
        private long trainingNanos;

        @Override
        public void onBatchEnd(BatchProgress progress) {
            lastBatchEnd = System.nanoTime();
        }

        @Override
        public void onEpochEnd(EpochResult result) {
            trainingNanos += lastBatchEnd - epochStart;
            epochSeconds.add((lastBatchEnd - epochStart) / 1e9);
            epochStart = System.nanoTime();
        }

        /** The training steps' time of all epochs so far, in seconds. */
        double seconds() {
            return trainingNanos / 1e9;
        }

        /** The training steps' time of each epoch so far, in seconds, first to last. */
        List<Double> epochSeconds() {
            return List.copyOf(epochSeconds);
        }
    }
}
