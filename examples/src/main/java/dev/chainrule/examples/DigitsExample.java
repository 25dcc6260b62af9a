package dev.chainrule.examples;

import dev.chainrule.nn.data.Dataset;
import java.io.IOException;

/**
 * The main demo: the tutorial's digit classifier ({@link ImageClassifier}). An image's pixels go in, a sigmoid
 * hidden layer of 500 units turns them into features, and a softmax over 10 outputs says which digit it is;
 * cross-entropy measures how wrong that is, and Adam follows its gradient on mini-batches.
 *
 * <p>Data: the bundled 8×8 digits (64 inputs) on a fixed 80/20 split, or, with {@code --data DIR}, MNIST or
 * Fashion-MNIST IDX files (28×28 = 784 inputs) with their own train and test sets. {@code --hidden 500,500}
 * stacks hidden layers.
 */
public final class DigitsExample {
    /** The split never depends on {@code --seed}, so every run is tested on the same 359 images. */
    static final long SPLIT_SEED = 2024;

    private DigitsExample() {}

    /** Trains the digit classifier (bundled digits, or IDX files under {@code --data}) and reports its test accuracy. */
    public static ImageClassifier.Result run(ExampleOptions options) throws IOException {
        long start = System.nanoTime();
        ImageClassifier.Data data;
        if (options.data() == null) {
            Dataset.Split split = DigitData.bundled().randomSplit(0.8, SPLIT_SEED);
            data = new ImageClassifier.Data("the bundled 8x8 digits", split.train(), split.validation(), DigitData.SIDE);
        } else {
            Idx.DataSet idx = Idx.readDirectory(options.data());
            data = new ImageClassifier.Data("the IDX images in " + options.data(),
                    DigitData.fromIdx(idx.trainImages(), idx.trainLabels(), 0),
                    DigitData.fromIdx(idx.testImages(), idx.testLabels(), 0), idx.trainImages().rows());
        }
        var settings = new ImageClassifier.Settings("digits", options.hiddenLayersOr(500),
                options.epochsOr(options.data() == null ? 30 : 5), options.learningRateOr(3e-3),
                options.batchSizeOr(32));
        return ImageClassifier.run(data, settings, options, start);
    }
}
