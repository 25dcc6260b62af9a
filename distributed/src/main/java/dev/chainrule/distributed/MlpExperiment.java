package dev.chainrule.distributed;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activations;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.metrics.Metrics;
import dev.chainrule.nn.optim.SGD;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Random;

/**
 * A sweep's standard experiment: a multilayer perceptron {@code inputs → (width, activation) × depth → classes},
 * weights drawn from {@code new Random(seed)} layer by layer, trained with SGD with momentum on mean cross-entropy
 * over shuffled mini-batches (order from the seed) for a fixed number of epochs, then evaluated on the validation
 * rows. The data is loaded by a {@link DataSource} where the task runs. A configuration whose loss becomes NaN or
 * infinite stops training after that epoch: its curve holds the non-finite loss there and NaN for the epochs not run,
 * and the sweep goes on.
 *
 * <p>Activations are named as nn's {@link Activations#byName} names them ({@code sigmoid}, {@code tanh},
 * {@code relu}, {@code gelu}, {@code leakyRelu(0.2)}, …), or added under a name of one's own:
 * <pre>{@code
 * MlpExperiment experiment = MlpExperiment.of(DigitsData::split, 64, 10).withEpochs(20)
 *         .withActivation("bent", () -> new Lambda("BentIdentity", x -> x.mul(x).add(1).sqrt().sub(1).div(2).add(x)));
 * }</pre>
 */
public final class MlpExperiment implements Experiment {
    private static final long serialVersionUID = 1L;

    /** Loads the training and validation rows where the experiment runs (a serializable supplier). */
    @FunctionalInterface
    public interface DataSource extends Serializable {
        /** The rows, features {@code [N, inputs]} with class labels. */
        Dataset.Split load();
    }

    private final DataSource data;
    private final int inputs;
    private final int classes;
    private final LinkedHashMap<String, ActivationFactory> activations;
    private final int epochs;
    private final int batchSize;
    private final double momentum;

    private MlpExperiment(DataSource data, int inputs, int classes, LinkedHashMap<String, ActivationFactory> activations,
                          int epochs, int batchSize, double momentum) {
        this.data = data;
        this.inputs = inputs;
        this.classes = classes;
        this.activations = activations;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.momentum = momentum;
    }

    /** An experiment on {@code data} with nn's named activations, 10 epochs, batches of 32, momentum 0.9. */
    public static MlpExperiment of(DataSource data, int inputs, int classes) {
        Objects.requireNonNull(data, "MlpExperiment.of: data");
        Rows.checkShape("MlpExperiment.of", inputs, classes);
        return new MlpExperiment(data, inputs, classes, new LinkedHashMap<>(), 10, 32, 0.9);
    }

    /** This experiment training for {@code value} epochs (at least 1). */
    public MlpExperiment withEpochs(int value) {
        if (value < 1) throw new IllegalArgumentException("MlpExperiment.withEpochs: must be >= 1, got " + value);
        return new MlpExperiment(data, inputs, classes, activations, value, batchSize, momentum);
    }

    /** This experiment with mini-batches of {@code value} rows (at least 1). */
    public MlpExperiment withBatchSize(int value) {
        if (value < 1) throw new IllegalArgumentException("MlpExperiment.withBatchSize: must be >= 1, got " + value);
        return new MlpExperiment(data, inputs, classes, activations, epochs, value, momentum);
    }

    /**
     * This experiment with SGD momentum {@code value} in {@code [0, 1)}.
     *
     * @throws IllegalArgumentException when outside {@code [0, 1)}
     */
    public MlpExperiment withMomentum(double value) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException("MlpExperiment.withMomentum: must be in [0, 1), got " + value);
        }
        return new MlpExperiment(data, inputs, classes, activations, epochs, batchSize, value);
    }

    /** This experiment also knowing the activation {@code name} (a user-defined one; it takes precedence over nn's). */
    public MlpExperiment withActivation(String name, ActivationFactory factory) {
        Objects.requireNonNull(name, "MlpExperiment.withActivation: name");
        Objects.requireNonNull(factory, "MlpExperiment.withActivation: factory");
        LinkedHashMap<String, ActivationFactory> more = new LinkedHashMap<>(activations);
        more.put(name, factory);
        return new MlpExperiment(data, inputs, classes, more, epochs, batchSize, momentum);
    }

    /**
     * The untrained network of {@code config}.
     *
     * @throws IllegalArgumentException for an unknown activation, naming the known ones
     */
    public Module model(SweepConfig config) {
        Random random = new Random(config.seed());
        Sequential net = new Sequential();
        int previous = inputs;
        for (int layer = 0; layer < config.depth(); layer++) {
            net.add(new Linear(previous, config.width(), random)).add(activation(config.activation()));
            previous = config.width();
        }
        return net.add(new Linear(previous, classes, random));
    }

    private Module activation(String name) {
        ActivationFactory custom = activations.get(name);
        if (custom != null) return custom.create();
        try {
            return Activations.byName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MlpExperiment: unknown activation '" + name + "': neither added with "
                    + "withActivation " + activations.keySet() + " nor known to nn (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public SweepResult run(SweepConfig config) {
        Module net = model(config);
        Dataset.Split split = data.load();
        Dataset train = split.train();
        SGD sgd = new SGD(net.parameters(), SGD.Options.of(config.learningRate()).withMomentum(momentum));
        DataLoader loader = DataLoader.of(train, batchSize).shuffle(config.seed());
        double[] curve = new double[epochs];
        Arrays.fill(curve, Double.NaN);
        for (int epoch = 0; epoch < epochs; epoch++) {
            double sum = 0;
            for (Batch batch : loader) {
                Tensor loss = Losses.crossEntropy(net.forward(batch.features()), batch.labels());
                sgd.zeroGrad();
                loss.backward();
                sgd.step();
                sum += loss.item() * batch.size();
            }
            curve[epoch] = sum / train.size();
            if (!Double.isFinite(curve[epoch])) break;
        }
        Dataset validation = split.validation();
        double validationLoss = Double.NaN;
        double accuracy = Double.NaN;
        if (validation.size() > 0) {
            try (var off = Autograd.noGrad()) {
                Tensor logits = net.forward(validation.features());
                validationLoss = Losses.crossEntropy(logits, validation.labels()).item();
                accuracy = Metrics.accuracy(logits, validation.labels());
            }
        }
        return new SweepResult(config, curve[epochs - 1], validationLoss, accuracy, curve);
    }

    @Override
    public String toString() {
        return "MlpExperiment(inputs=" + inputs + ", classes=" + classes + ", activations=" + activations.keySet()
                + ", epochs=" + epochs + ", batchSize=" + batchSize + ", momentum=" + momentum + ")";
    }
}
