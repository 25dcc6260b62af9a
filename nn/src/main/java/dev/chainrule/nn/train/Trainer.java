package dev.chainrule.nn.train;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.metrics.Metrics;
import dev.chainrule.nn.optim.Optimizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.ToIntBiFunction;

/**
 * Runs the standard training loop. One epoch, in pseudocode:
 * <pre>
 * module.train()
 * for batch in train:
 *     optimizer.zeroGrad()
 *     loss = lossFunction(module.forward(batch.features), batch)
 *     if loss is NaN or infinite: throw NonFiniteLossException   (unless stopOnNonFiniteLoss(false))
 *     loss.backward()
 *     optimizer.step()
 * with noGrad, module.eval():
 *     validation loss and accuracy
 * listeners.onEpochEnd(result); maybe stop early
 * </pre>
 *
 * <pre>{@code
 * TrainingHistory history = Trainer.of(model, new SGD(model.parameters(), options), loss)
 *         .listener(System.out::println)
 *         .earlyStopping(EarlyStopping.patience(5))
 *         .fit(trainLoader, validationLoader, 100);
 * }</pre>
 *
 * <p>Accuracy is computed when batches carry labels, by {@link Metrics#countCorrectAuto} (argmax of {@code [N, C]}
 * outputs, or a 0.5 threshold on {@code [N, 1]} probabilities) unless {@link #accuracy} sets another rule.
 * Configuration methods return a new trainer.
 *
 * <p>A training loss that is NaN or infinite stops training with {@link NonFiniteLossException}, naming the epoch
 * and the batch, before that batch's update; {@link #stopOnNonFiniteLoss stopOnNonFiniteLoss(false)} carries on.
 */
public final class Trainer {
    private final Module module;
    private final Optimizer optimizer;
    private final LossFunction loss;
    private final Settings settings;

    /** The optional parts of a trainer, each changed by one configuration method. */
    private record Settings(List<TrainingListener> listeners, EarlyStopping earlyStopping,
                            ToIntBiFunction<Tensor, Batch> correctCount, boolean stopOnNonFiniteLoss) {
        Settings {
            listeners = List.copyOf(listeners);
        }

        Settings withListener(TrainingListener listener) {
            List<TrainingListener> more = new ArrayList<>(listeners);
            more.add(listener);
            return new Settings(more, earlyStopping, correctCount, stopOnNonFiniteLoss);
        }

        Settings withEarlyStopping(EarlyStopping rule) {
            return new Settings(listeners, rule, correctCount, stopOnNonFiniteLoss);
        }

        Settings withCorrectCount(ToIntBiFunction<Tensor, Batch> rule) {
            return new Settings(listeners, earlyStopping, rule, stopOnNonFiniteLoss);
        }

        Settings withStopOnNonFiniteLoss(boolean stop) {
            return new Settings(listeners, earlyStopping, correctCount, stop);
        }
    }

    private Trainer(Module module, Optimizer optimizer, LossFunction loss, Settings settings) {
        this.module = module;
        this.optimizer = optimizer;
        this.loss = loss;
        this.settings = settings;
    }

    /** A trainer of {@code module} that updates it with {@code optimizer} to minimise {@code loss}. */
    public static Trainer of(Module module, Optimizer optimizer, LossFunction loss) {
        if (module == null || optimizer == null || loss == null) {
            throw new IllegalArgumentException("Trainer.of: module, optimizer and loss must not be null");
        }
        return new Trainer(module, optimizer, loss, new Settings(List.of(), null,
                (output, batch) -> Metrics.countCorrectAuto(output, batch.labels()), true));
    }

    /** This trainer, also reporting to {@code listener}. */
    public Trainer listener(TrainingListener listener) {
        if (listener == null) throw new IllegalArgumentException("Trainer.listener: listener must not be null");
        return new Trainer(module, optimizer, loss, settings.withListener(listener));
    }

    /** This trainer, stopping early as {@code rule} says (validation data required). */
    public Trainer earlyStopping(EarlyStopping rule) {
        return new Trainer(module, optimizer, loss, settings.withEarlyStopping(rule));
    }

    /** This trainer, counting correct rows of an output for a labelled batch with {@code rule}. */
    public Trainer accuracy(ToIntBiFunction<Tensor, Batch> rule) {
        return new Trainer(module, optimizer, loss, settings.withCorrectCount(rule));
    }

    /**
     * This trainer, stopping (the default) or carrying on when a training batch's loss is NaN or infinite. Stopping
     * throws {@link NonFiniteLossException} naming the epoch and batch, before that batch's backward pass and
     * optimizer step, so the module keeps the parameters that produced the loss. Carrying on runs the step anyway,
     * as a plain loop would, and the epoch's train loss is then NaN or infinite.
     */
    public Trainer stopOnNonFiniteLoss(boolean stop) {
        return new Trainer(module, optimizer, loss, settings.withStopOnNonFiniteLoss(stop));
    }

    /**
     * Trains for {@code epochs} epochs without validation.
     *
     * @throws IllegalArgumentException when {@code epochs < 1}, the loader has no batches, or the loss function
     *                                  returns more than one value
     * @throws IllegalStateException    when early stopping is configured (it needs validation data)
     */
    public TrainingHistory fit(DataLoader train, int epochs) {
        if (settings.earlyStopping() != null) {
            throw new IllegalStateException("Trainer.fit: early stopping needs validation data; call "
                    + "fit(train, validation, epochs)");
        }
        return run(train, null, epochs);
    }

    /**
     * Trains for up to {@code epochs} epochs, evaluating {@code validation} after each.
     *
     * @throws IllegalArgumentException when {@code epochs < 1}, either loader has no batches, or the loss function
     *                                  returns more than one value
     */
    public TrainingHistory fit(DataLoader train, DataLoader validation, int epochs) {
        if (validation == null) throw new IllegalArgumentException("Trainer.fit: validation must not be null");
        if (validation.numBatches() == 0) {
            throw new IllegalArgumentException("Trainer.fit: the validation loader has no batches (" + validation + ")");
        }
        return run(train, validation, epochs);
    }

    private TrainingHistory run(DataLoader train, DataLoader validation, int epochs) {
        checkFit(train, epochs);
        List<EpochResult> history = new ArrayList<>();
        BestTracker best = new BestTracker(settings.earlyStopping());
        for (int epoch = 1; epoch <= epochs; epoch++) {
            Evaluation trained = trainEpoch(train, epoch, history);
            Evaluation validated = validation == null ? new Evaluation(Double.NaN, Double.NaN) : evaluate(validation);
            EpochResult result = new EpochResult(epoch, trained.loss(), trained.accuracy(), validated.loss(),
                    validated.accuracy());
            history.add(result);
            settings.listeners().forEach(listener -> listener.onEpochEnd(result));
            if (best.update(result, validation != null, module) && epoch < epochs) {
                best.restore(module);
                return new TrainingHistory(history, true, best.epoch);
            }
        }
        best.restore(module);
        return new TrainingHistory(history, false, best.epoch);
    }

    private static void checkFit(DataLoader train, int epochs) {
        if (train == null) throw new IllegalArgumentException("Trainer.fit: train must not be null");
        if (epochs < 1) throw new IllegalArgumentException("Trainer.fit: epochs must be at least 1, got " + epochs);
        if (train.numBatches() == 0) {
            throw new IllegalArgumentException("Trainer.fit: the train loader has no batches (" + train + ")");
        }
    }

    private Evaluation trainEpoch(DataLoader train, int epoch, List<EpochResult> history) {
        module.train();
        Totals totals = new Totals();
        int done = 0;
        for (Batch batch : train) {
            optimizer.zeroGrad();
            Tensor output = module.forward(batch.features());
            Tensor value = lossOf(output, batch);
            done++;
            if (settings.stopOnNonFiniteLoss() && !Double.isFinite(value.item())) {
                throw new NonFiniteLossException(epoch, done, train.numBatches(), value.item(), history);
            }
            value.backward();
            optimizer.step();
            totals.add(value.item(), output, batch);
            var progress = new BatchProgress(epoch, done, train.numBatches(), value.item());
            settings.listeners().forEach(listener -> listener.onBatchEnd(progress));
        }
        return totals.mean();
    }

    /**
     * The mean loss and accuracy of the module on {@code data}, in evaluation mode and without recording a graph.
     * The module's training mode is restored afterwards.
     */
    public Evaluation evaluate(DataLoader data) {
        Totals totals = new Totals();
        try (var evaluating = module.evaluating(); var off = Autograd.noGrad()) {
            for (Batch batch : data) {
                Tensor output = module.forward(batch.features());
                totals.add(lossOf(output, batch).item(), output, batch);
            }
        }
        return totals.mean();
    }

    private Tensor lossOf(Tensor output, Batch batch) {
        Tensor value = loss.compute(output, batch);
        if (value.numel() != 1) {
            throw new IllegalArgumentException("Trainer: the loss function returned shape "
                    + Arrays.toString(value.shape()) + "; it must return one value (reduce with mean())");
        }
        return value;
    }

    /** Running sums over the batches of one pass. */
    private final class Totals {
        private double lossSum;
        private long rows;
        private long correct;
        private boolean labelled = true;

        void add(double batchLoss, Tensor output, Batch batch) {
            lossSum += batchLoss * batch.size();
            rows += batch.size();
            labelled &= batch.hasLabels();
            if (labelled) correct += settings.correctCount().applyAsInt(output, batch);
        }

        Evaluation mean() {
            return new Evaluation(lossSum / rows, labelled && rows > 0 ? (double) correct / rows : Double.NaN);
        }
    }

    /** The best validation loss so far, its epoch and, when asked, a copy of its parameters. */
    private static final class BestTracker {
        private final EarlyStopping rule;
        private double loss = Double.POSITIVE_INFINITY;
        private int epoch;
        private int epochsWithoutImprovement;
        private LinkedHashMap<String, Tensor> weights;

        BestTracker(EarlyStopping rule) {
            this.rule = rule;
        }

        /**
         * Records {@code result}; returns whether training should stop. Whether there is validation data is passed
         * in rather than read from a NaN loss: a NaN validation loss is a loss that never improves.
         */
        boolean update(EpochResult result, boolean validated, Module module) {
            if (!validated) return false;
            double minDelta = rule == null ? 0 : rule.minDelta();
            if (result.validationLoss() < loss - minDelta) {            // false for NaN
                loss = result.validationLoss();
                epoch = result.epoch();
                epochsWithoutImprovement = 0;
                if (rule != null && rule.restoreBestWeights()) weights = copy(module.stateDict());
                return false;
            }
            epochsWithoutImprovement++;
            return rule != null && epochsWithoutImprovement >= rule.patience();
        }

        void restore(Module module) {
            if (weights != null) module.loadStateDict(weights);
        }

        private static LinkedHashMap<String, Tensor> copy(LinkedHashMap<String, Tensor> state) {
            LinkedHashMap<String, Tensor> copy = new LinkedHashMap<>();
            state.forEach((name, p) -> copy.put(name, Tensor.of(p.toArray(), p.shape())));
            return copy;
        }
    }
}
