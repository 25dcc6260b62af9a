package dev.chainrule.benchmarks;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Flatten;
import dev.chainrule.nn.Lambda;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.ReLU;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Sigmoid;
import dev.chainrule.nn.conv.Conv2d;
import dev.chainrule.nn.embedding.Embedding;
import dev.chainrule.nn.pool.MaxPool2d;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.optim.SGD;
import dev.chainrule.nn.recurrent.LSTM;
import java.util.Random;

/**
 * One SGD training step of a small network on a fixed batch, the same work as {@code torch_reference.py}:
 * {@code zeroGrad}, forward, loss, backward, step. Weights are drawn like the script's ({@code randn · scale},
 * zero biases) from a seeded {@code Random}, so the same seed gives the same run.
 */
public final class TrainingStep implements Runnable {
    private final Module model;
    private final SGD optimizer;
    private final Tensor inputs;
    private final LossOf loss;
    private double lastLoss = Double.NaN;

    @FunctionalInterface
    private interface LossOf {
        Tensor apply(Tensor outputs);
    }

    private TrainingStep(Module model, double learningRate, Tensor inputs, LossOf loss) {
        this.model = model;
        this.optimizer = new SGD(model.parameters(), learningRate);
        this.inputs = inputs;
        this.loss = loss;
    }

    /**
     * {@code in-hidden-classes} with a sigmoid hidden layer and softmax cross-entropy (mean over the batch),
     * plain SGD with learning rate 0.1; weights {@code randn·0.03} and {@code randn·0.04}, random inputs and
     * labels. {@code mlp(1024, 500, 10, batch, seed)} is the script's 1024-500-10 network.
     */
    public static TrainingStep mlp(int in, int hidden, int classes, int batch, long seed) {
        var random = new Random(seed);
        var first = new Linear(in, hidden, true, random);
        var second = new Linear(hidden, classes, true, random);
        setNormal(first, random, 0.03);
        setNormal(second, random, 0.04);
        Tensor x = Tensor.randn(random, batch, in);
        int[] labels = new int[batch];
        for (int i = 0; i < batch; i++) labels[i] = random.nextInt(classes);
        return new TrainingStep(new Sequential(first, new Sigmoid(), second), 0.1, x,
                logits -> Losses.crossEntropy(logits, labels));
    }

    /**
     * The 2-3-1 XOR network without biases: sigmoid, sigmoid, binary cross-entropy (mean), SGD with learning
     * rate 0.5, weights {@code randn}, the four XOR points as one batch.
     */
    public static TrainingStep xor(long seed) {
        var random = new Random(seed);
        var first = new Linear(2, 3, false, random);
        var second = new Linear(3, 1, false, random);
        setNormal(first, random, 1.0);
        setNormal(second, random, 1.0);
        Tensor x = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        Tensor targets = Tensor.of(new double[][] {{0}, {1}, {1}, {0}});
        return new TrainingStep(new Sequential(first, new Sigmoid(), second, new Sigmoid()), 0.5, x,
                y -> Losses.binaryCrossEntropy(y, targets));
    }

    /**
     * LeNet-5 on 28×28 inputs as {@code torch_layers_reference.py} defines it: Conv2d(1, 6, 5, padding 2), ReLU,
     * MaxPool2d(2), Conv2d(6, 16, 5), ReLU, MaxPool2d(2), Flatten, Linear 400-120-84-10 with ReLU between; mean
     * cross-entropy, SGD with learning rate 0.01; PyTorch's default initialisation, random inputs and labels.
     */
    public static TrainingStep lenet(int batch, long seed) {
        var random = new Random(seed);
        Sequential model = new Sequential(
                new Conv2d(1, 6, 5, Conv2d.Options.of().withPadding(2), random), new ReLU(), new MaxPool2d(2),
                new Conv2d(6, 16, 5, random), new ReLU(), new MaxPool2d(2), new Flatten(),
                linear(400, 120, random), new ReLU(), linear(120, 84, random), new ReLU(), linear(84, 10, random));
        return classifier(model, Tensor.randn(random, batch, 1, 28, 28), 10, random);
    }

    /**
     * One ResNet basic block at CIFAR scale as {@code torch_layers_reference.py} defines it ({@link ResidualBlock}
     * with 64 channels, global average pooling and Linear(64, 10)) on {@code [batch, 64, 32, 32]} inputs; mean
     * cross-entropy, SGD with learning rate 0.01.
     */
    public static TrainingStep resblock(int batch, long seed) {
        var random = new Random(seed);
        return classifier(new ResidualBlock(64, random), Tensor.randn(random, batch, 64, 32, 32), 10, random);
    }

    /**
     * The sequence classifier of {@code torch_layers_reference.py}'s {@code LstmClassifier}: Embedding(64, 32), an
     * LSTM(32 → 128) over {@code [batch, 32]} token ids ({@code batchFirst}), the output of the last time step,
     * Linear(128, 10); mean cross-entropy, SGD with learning rate 0.01; PyTorch's default initialisation, random
     * ids in [0, 64) and labels in [0, 10).
     */
    public static TrainingStep lstm(int batch, long seed) {
        var random = new Random(seed);
        int length = 32;
        Sequential model = new Sequential(new Embedding(64, 32, random),
                new LSTM(32, 128, LSTM.Options.of().withBatchFirst(true), random),
                new Lambda("LastStep", y -> y.slice(1, length - 1, length).squeeze(1)), linear(128, 10, random));
        double[] ids = new double[batch * length];
        for (int i = 0; i < ids.length; i++) ids[i] = random.nextInt(64);
        return classifier(model, Tensor.of(ids, batch, length), 10, random);
    }

    /**
     * The character transformer of {@code torch_layers_reference.py} ({@link TinyGpt}) on {@code [batch, 32]} random
     * token ids with random next-token targets: cross-entropy averaged over every token, SGD with learning rate 0.01.
     */
    public static TrainingStep tinygpt(int batch, long seed) {
        var random = new Random(seed);
        var model = new TinyGpt(random);
        double[] ids = new double[batch * TinyGpt.CONTEXT];
        for (int i = 0; i < ids.length; i++) ids[i] = random.nextInt(TinyGpt.VOCABULARY);
        int[] targets = new int[ids.length];
        for (int i = 0; i < targets.length; i++) targets[i] = random.nextInt(TinyGpt.VOCABULARY);
        return new TrainingStep(model, 0.01, Tensor.of(ids, batch, TinyGpt.CONTEXT),
                logits -> Losses.crossEntropy(logits.reshape(-1, TinyGpt.VOCABULARY), targets));
    }

    private static Linear linear(int in, int out, Random random) {
        Linear layer = new Linear(in, out, true, random);
        dev.chainrule.nn.init.Init.layerDefault(layer.weight(), layer.bias(), random);
        return layer;
    }

    private static TrainingStep classifier(Module model, Tensor x, int classes, Random random) {
        int[] labels = new int[x.size(0)];
        for (int i = 0; i < labels.length; i++) labels[i] = random.nextInt(classes);
        return new TrainingStep(model, 0.01, x, logits -> Losses.crossEntropy(logits, labels));
    }

    private static void setNormal(Linear layer, Random random, double scale) {
        try (var off = Autograd.noGrad()) {
            layer.weight().copyFrom(Tensor.randn(random, layer.weight().shape()).mul(scale));
            if (layer.bias() != null) layer.bias().fill(0);
        }
    }

    /** One step: zeroGrad, forward, loss, backward, SGD step. */
    @Override
    public void run() {
        optimizer.zeroGrad();
        Tensor value = loss.apply(model.forward(inputs));
        value.backward();
        optimizer.step();
        lastLoss = value.item();
    }

    /** The loss of the latest step (NaN before the first), which keeps the step's result observable. */
    public double lastLoss() {
        return lastLoss;
    }
}
