package dev.chainrule.nn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Lambda;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainerTest {
    /** Two-class logistic regression: logits {@code x · weight + bias}, shape {@code [N, 2]}. */
    static final class Logistic extends Module {
        final Tensor weight = registerParameter("weight", Tensor.randn(new Random(3), 2, 2).mul(0.1));
        final Tensor bias = registerParameter("bias", Tensor.zeros(2));
        final List<String> forwardModes = new ArrayList<>();

        @Override
        public Tensor forward(Tensor input) {
            forwardModes.add((isTraining() ? "train" : "eval") + (Autograd.isGradEnabled() ? "+grad" : "+noGrad"));
            return input.matmul(weight).add(bias);
        }
    }

    /** Plain gradient descent, so the test does not depend on the optim package. */
    static final class PlainGradientDescent implements Optimizer {
        private final List<Tensor> parameters;
        private double learningRate;

        PlainGradientDescent(List<Tensor> parameters, double learningRate) {
            this.parameters = parameters;
            this.learningRate = learningRate;
        }

        @Override
        public void step() {
            try (var off = Autograd.noGrad()) {
                for (Tensor p : parameters) if (p.grad() != null) p.addInPlace(p.grad(), -learningRate);
            }
        }

        @Override
        public void zeroGrad() {
            parameters.forEach(Tensor::zeroGrad);
        }

        @Override
        public List<Tensor> parameters() {
            return parameters;
        }

        @Override
        public double learningRate() {
            return learningRate;
        }

        @Override
        public void setLearningRate(double learningRate) {
            this.learningRate = learningRate;
        }
    }

    /** Mean cross-entropy of logits {@code [N, C]} against labels. */
    static final LossFunction CROSS_ENTROPY = LossFunction.ofLabels((logits, labels) -> {
        double[] index = new double[labels.length];
        for (int i = 0; i < labels.length; i++) index[i] = labels[i];
        return logits.logSoftmax(1).gather(1, Tensor.of(index, labels.length, 1)).mean().neg();
    });

    /** Points with label {@code x0 + x1 > 0}, at least 0.2 away from the boundary; {@code flip} inverts labels. */
    static Dataset separable(int n, long seed, boolean flip) {
        Random random = new Random(seed);
        double[] features = new double[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; ) {
            double x0 = 2 * random.nextDouble() - 1;
            double x1 = 2 * random.nextDouble() - 1;
            if (Math.abs(x0 + x1) < 0.2) continue;
            features[2 * i] = x0;
            features[2 * i + 1] = x1;
            labels[i++] = (x0 + x1 > 0) != flip ? 1 : 0;
        }
        return Dataset.ofLabels(Tensor.of(features, n, 2), labels);
    }

    private static Trainer trainer(Logistic model, double learningRate) {
        return Trainer.of(model, new PlainGradientDescent(model.parameters(), learningRate), CROSS_ENTROPY);
    }

    @Test
    void learnsALinearlySeparableProblem() {
        Logistic model = new Logistic();
        DataLoader train = DataLoader.of(separable(200, 1, false), 20).shuffle(5);
        DataLoader validation = DataLoader.of(separable(100, 2, false), 50);
        TrainingHistory history = trainer(model, 1.0).fit(train, validation, 30);
        assertEquals(30, history.epochs().size());
        assertFalse(history.stoppedEarly());
        assertTrue(history.last().trainAccuracy() >= 0.95, history.last().toString());
        assertTrue(history.last().validationAccuracy() >= 0.95, history.last().toString());
        assertTrue(history.last().trainLoss() < history.epochs().get(0).trainLoss());
    }

    @Test
    void listenersReceiveEveryEpochAndBatch() {
        List<EpochResult> epochs = new ArrayList<>();
        List<BatchProgress> batches = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult result) {
                epochs.add(result);
            }

            @Override
            public void onBatchEnd(BatchProgress progress) {
                batches.add(progress);
            }
        };
        Logistic model = new Logistic();
        TrainingHistory history = trainer(model, 0.1).listener(listener)
                .fit(DataLoader.of(separable(30, 1, false), 8), 3);
        assertEquals(history.epochs(), epochs);
        assertEquals(List.of(1, 2, 3), epochs.stream().map(EpochResult::epoch).toList());
        assertEquals(12, batches.size());
        assertEquals(new BatchProgress(3, 4, 4, batches.get(11).loss()), batches.get(11));
        assertFalse(epochs.get(0).hasValidation());
        assertTrue(Double.isNaN(epochs.get(0).validationAccuracy()));
    }

    @Test
    void validationRunsInEvalModeWithoutRecordingAndTrainingModeReturns() {
        Logistic model = new Logistic();
        DataLoader data = DataLoader.of(separable(10, 1, false), 10);
        trainer(model, 0.1).fit(data, data, 1);
        assertEquals(List.of("train+grad", "eval+noGrad"), model.forwardModes);
        assertTrue(model.isTraining());
    }

    @Test
    void earlyStoppingStopsWhenValidationLossStopsImprovingAndRestoresTheBestWeights() {
        Logistic model = new Logistic();
        List<double[]> weightsAfterEpoch = new ArrayList<>();
        DataLoader train = DataLoader.of(separable(100, 1, false), 10);
        DataLoader contrary = DataLoader.of(separable(100, 2, true), 100);
        TrainingHistory history = trainer(model, 0.5)
                .listener(result -> weightsAfterEpoch.add(model.weight.toArray()))
                .earlyStopping(EarlyStopping.patience(2))
                .fit(train, contrary, 50);
        assertTrue(history.stoppedEarly());
        assertEquals(1, history.bestEpoch());
        assertEquals(3, history.epochs().size());
        assertTrue(history.epochs().get(2).validationLoss() > history.epochs().get(0).validationLoss());
        assertArrayEquals(weightsAfterEpoch.get(0), model.weight.toArray());
    }

    @Test
    void earlyStoppingCountsANaNValidationLossAsNoImprovement() {
        Logistic logistic = new Logistic();
        Module model = new Lambda("NaNWhenEvaluated", x -> {              // datasets refuse NaN; the model makes it
            Tensor logits = logistic.forward(x);
            return Autograd.isGradEnabled() ? logits : logits.mul(Double.NaN);
        });
        DataLoader train = DataLoader.of(separable(20, 1, false), 10);
        DataLoader validation = DataLoader.of(separable(4, 2, false), 4);
        TrainingHistory history = Trainer.of(model, new PlainGradientDescent(logistic.parameters(), 0.1),
                CROSS_ENTROPY).earlyStopping(EarlyStopping.patience(2)).fit(train, validation, 10);
        assertTrue(history.stoppedEarly());
        assertEquals(2, history.epochs().size());
        assertEquals(0, history.bestEpoch());
        assertTrue(Double.isNaN(history.last().validationLoss()));
    }

    @Test
    void anEmptyValidationLoaderIsRejected() {
        Logistic model = new Logistic();
        DataLoader empty = DataLoader.of(separable(5, 2, false), 10).dropLast(true);
        var error = assertThrows(IllegalArgumentException.class,
                () -> trainer(model, 0.1).fit(DataLoader.of(separable(10, 1, false), 5), empty, 3));
        assertTrue(error.getMessage().startsWith("Trainer.fit: the validation loader has no batches"), error.getMessage());
    }

    @Test
    void earlyStoppingWithoutValidationDataIsRejected() {
        Logistic model = new Logistic();
        var error = assertThrows(IllegalStateException.class, () -> trainer(model, 0.1)
                .earlyStopping(EarlyStopping.patience(2)).fit(DataLoader.of(separable(10, 1, false), 5), 3));
        assertTrue(error.getMessage().startsWith("Trainer.fit: early stopping needs validation data"));
    }

    @Test
    void lossFunctionsMustReturnOneValue() {
        Logistic model = new Logistic();
        Trainer trainer = Trainer.of(model, new PlainGradientDescent(model.parameters(), 0.1),
                (Tensor output, Batch batch) -> output.sum(1));
        var error = assertThrows(IllegalArgumentException.class,
                () -> trainer.fit(DataLoader.of(separable(10, 1, false), 5), 1));
        assertEquals("Trainer: the loss function returned shape [5]; it must return one value (reduce with mean())",
                error.getMessage());
    }

    @Test
    void regressionWithoutLabelsReportsNaNAccuracy() {
        Logistic model = new Logistic();
        Dataset data = Dataset.ofTargets(Tensor.randn(new Random(4), 8, 2), Tensor.zeros(8, 2));
        LossFunction mse = LossFunction.ofTargets((output, targets) -> output.sub(targets).pow(2).mean());
        TrainingHistory history = Trainer.of(model, new PlainGradientDescent(model.parameters(), 0.1), mse)
                .fit(DataLoader.of(data, 4), 2);
        assertTrue(Double.isNaN(history.last().trainAccuracy()));
        assertTrue(history.last().trainLoss() < history.epochs().get(0).trainLoss());
        assertEquals(String.format(java.util.Locale.ROOT, "epoch 2: train loss %.4f", history.last().trainLoss()),
                history.last().toString());
    }

    @Test
    void earlyStoppingOptionsAreValidated() {
        var error = assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(0, 0, true));
        assertEquals("EarlyStopping: patience must be at least 1, got 0", error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EarlyStopping(1, -1, true));
    }

    /** Logistic regression whose {@code nanAt}-th forward pass in training mode returns NaN logits. */
    private static Module nanOnCall(Logistic logistic, int nanAt) {
        int[] calls = {0};
        return new Lambda("NaNOnce", x -> {
            Tensor logits = logistic.forward(x);
            return Autograd.isGradEnabled() && ++calls[0] == nanAt ? logits.mul(Double.NaN) : logits;
        });
    }

    @Test
    void aNaNLossStopsTrainingNamingTheEpochAndBatchBeforeItsStep() {
        Logistic logistic = new Logistic();
        List<double[]> weightsAfterBatch = new ArrayList<>();
        List<EpochResult> epochs = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void onEpochEnd(EpochResult result) {
                epochs.add(result);
            }

            @Override
            public void onBatchEnd(BatchProgress progress) {
                weightsAfterBatch.add(logistic.weight.toArray());
            }
        };
        Trainer trainer = Trainer.of(nanOnCall(logistic, 7), new PlainGradientDescent(logistic.parameters(), 0.1),
                CROSS_ENTROPY).listener(listener);
        var error = assertThrows(NonFiniteLossException.class,
                () -> trainer.fit(DataLoader.of(separable(40, 1, false), 10), 5));
        assertEquals("Trainer.fit: the training loss is NaN at epoch 2, batch 3 of 4; training stopped before this "
                + "batch's backward pass and step. Check the data and the model for NaN and infinite values, or lower "
                + "the learning rate; stopOnNonFiniteLoss(false) carries on", error.getMessage());
        assertEquals(2, error.epoch());
        assertEquals(3, error.batch());
        assertTrue(Double.isNaN(error.loss()));
        assertEquals(epochs, error.completedEpochs());
        assertEquals(1, epochs.size());
        assertEquals(6, weightsAfterBatch.size(), "batches 1-4 of epoch 1 and 1-2 of epoch 2 were stepped");
        assertArrayEquals(weightsAfterBatch.get(5), logistic.weight.toArray(), 0.0, "the NaN batch made no step");
        assertTrue(java.util.Arrays.stream(logistic.weight.toArray()).allMatch(Double::isFinite));
    }

    @Test
    void anInfiniteLossStopsTrainingToo() {
        Logistic model = new Logistic();
        LossFunction infinite = (output, batch) -> output.sum().mul(0).add(Double.POSITIVE_INFINITY);
        var error = assertThrows(NonFiniteLossException.class, () -> Trainer.of(model,
                new PlainGradientDescent(model.parameters(), 0.1), infinite).fit(DataLoader.of(separable(10, 1, false), 5), 2));
        assertEquals(Double.POSITIVE_INFINITY, error.loss());
        assertEquals(1, error.epoch());
        assertEquals(1, error.batch());
        assertTrue(error.completedEpochs().isEmpty());
    }

    @Test
    void withStopOnNonFiniteLossOffTrainingCarriesOnAndReportsTheNaN() {
        Logistic logistic = new Logistic();
        TrainingHistory history = Trainer.of(nanOnCall(logistic, 7), new PlainGradientDescent(logistic.parameters(), 0.1),
                CROSS_ENTROPY).stopOnNonFiniteLoss(false).fit(DataLoader.of(separable(40, 1, false), 10), 3);
        assertEquals(3, history.epochs().size());
        assertTrue(Double.isFinite(history.epochs().get(0).trainLoss()));
        assertTrue(Double.isNaN(history.epochs().get(1).trainLoss()));
        assertTrue(history.epochs().get(1).toString().startsWith("epoch 2: train loss NaN"));
    }
}
