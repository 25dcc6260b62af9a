package dev.chainrule.examples;

import dev.chainrule.nn.Dropout;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Sigmoid;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.optim.SGD;
import dev.chainrule.nn.train.EarlyStopping;
import dev.chainrule.nn.train.EpochResult;
import dev.chainrule.nn.train.LossFunction;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.nn.train.TrainingHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * The tutorial's warning made visible. A network with tens of thousands of parameters and a training set of a
 * hundred images can memorise them: training accuracy climbs to 100% while accuracy on other images stalls. Then
 * three remedies, each on the same data from the same seed:
 * <ul>
 *   <li>L2 weight decay: SGD adds {@code λ·w} to every gradient, pulling weights towards 0;</li>
 *   <li>dropout: each hidden unit is zeroed with probability p during training, so no unit can be relied on alone;</li>
 *   <li>early stopping: watch the validation loss and keep the weights of its best epoch.</li>
 * </ul>
 */
public final class OverfittingExample {
    /** Training images in the small slice. */
    static final int SLICE = 100;

    private OverfittingExample() {}

    /**
     * One run's numbers: the last epoch's accuracies and validation loss, and the best validation accuracy and
     * lowest validation loss seen. Overfitting shows most clearly in the loss: it falls, then rises again as the
     * network grows confident about images it has memorised.
     */
    public record Run(String name, int epochsRun, double finalTrainAccuracy, double finalValidationAccuracy,
                      double bestValidationAccuracy, boolean stoppedEarly, int bestEpoch,
                      double finalValidationLoss, double lowestValidationLoss) {}

    /** What the runs showed: {@code runs.get(0)} is the unregularised one. */
    public record Result(int trainSize, int validationSize, long parameters, List<Run> runs, List<Path> files)
            implements ExampleResult {
        @Override
        public String summary() {
            Run plain = runs.get(0);
            StringBuilder losses = new StringBuilder();
            StringBuilder remedies = new StringBuilder();
            for (Run run : runs.subList(1, runs.size())) {
                remedies.append(String.format(Locale.ROOT, "%s %.1f%%%s, ", run.name(), 100 * run.finalValidationAccuracy(),
                        run.stoppedEarly() ? " (stopped at epoch " + run.epochsRun() + ", best epoch " + run.bestEpoch() + ")" : ""));
            }
            for (Run run : runs.subList(1, runs.size())) {
                losses.append(String.format(Locale.ROOT, "%s %.3f, ", run.name(), run.finalValidationLoss()));
            }
            return String.format(Locale.ROOT, "With %,d parameters and only %d training images, the plain network reached "
                    + "%.1f%% training accuracy but %.1f%% on %d validation images: the gap of %.1f points is "
                    + "memorisation, not learning. Its validation loss fell to %.3f and then rose to %.3f as it grew "
                    + "sure of what it had memorised; with the remedies it ended at %sand their final validation "
                    + "accuracies were %sin %s and %s.",
                    parameters, trainSize, 100 * plain.finalTrainAccuracy(), 100 * plain.finalValidationAccuracy(),
                    validationSize, 100 * (plain.finalTrainAccuracy() - plain.finalValidationAccuracy()),
                    plain.lowestValidationLoss(), plain.finalValidationLoss(), losses, remedies,
                    files.get(0), files.get(1));
        }
    }

    /** Trains on a hundred images, plainly and with each remedy, and reports train and validation accuracy. */
    public static Result run(ExampleOptions options) {
        // A small slice of the digits for training; the digits example's test images for validation.
        Dataset.Split split = DigitData.bundled().randomSplit(0.8, DigitsExample.SPLIT_SEED);
        Dataset train = split.train().splitAt(SLICE).train();
        Dataset validation = split.validation();
        List<Integer> hidden = options.hiddenLayersOr(500);
        int epochs = options.epochsOr(150);
        double learningRate = options.learningRateOr(0.1);
        options.println("Training on %d images, validating on %d; a %s sigmoid network, SGD lr %s, momentum 0.9.",
                train.size(), validation.size(), Networks.shape(64, hidden, DigitData.CLASSES), learningRate);

        List<Run> runs = new ArrayList<>();
        List<Plots.Series> curves = new ArrayList<>();
        List<Plots.Series> lossCurves = new ArrayList<>();
        long parameters = 0;
        for (String name : List.of("plain", "L2 weight decay", "dropout", "early stopping")) {
            // Dropout follows each hidden layer's sigmoid, each with its own seeded draws.
            IntFunction<Module> activation = name.equals("dropout")
                    ? i -> new Sequential(new Sigmoid(), new Dropout(0.5, options.seed() + i))
                    : i -> new Sigmoid();
            Module model = Networks.mlp(64, hidden, DigitData.CLASSES, activation, new Random(options.seed()));
            parameters = model.numParameters();
            SGD.Options sgd = SGD.Options.of(learningRate).withMomentum(0.9)
                    .withWeightDecay(name.equals("L2 weight decay") ? 1e-3 : 0);
            Trainer trainer = Trainer.of(model, new SGD(model.parameters(), sgd), LossFunction.ofLabels(Losses::crossEntropy));
            if (name.equals("early stopping")) trainer = trainer.earlyStopping(EarlyStopping.patience(10));
            TrainingHistory history;
            try (Progress progress = new Progress(name, epochs, options, false)) {
                history = trainer.listener(progress).fit(DataLoader.of(train, 20).shuffle(options.seed()),
                        DataLoader.of(validation, 1000), epochs);
            }
            double[] validationAccuracy = Plots.column(history, EpochResult::validationAccuracy);
            double[] validationLoss = Plots.column(history, EpochResult::validationLoss);
            Run run = new Run(name, history.epochs().size(), history.last().trainAccuracy(),
                    history.last().validationAccuracy(), Arrays.stream(validationAccuracy).max().orElse(Double.NaN),
                    history.stoppedEarly(), history.bestEpoch(), history.last().validationLoss(),
                    Arrays.stream(validationLoss).min().orElse(Double.NaN));
            runs.add(run);
            if (name.equals("plain")) {
                curves.add(Plots.Series.overEpochs("plain: training",
                        Plots.column(history, EpochResult::trainAccuracy)));
                lossCurves.add(Plots.Series.overEpochs("plain: training",
                        Plots.column(history, EpochResult::trainLoss)));
            }
            curves.add(Plots.Series.overEpochs(name + ": validation", validationAccuracy));
            lossCurves.add(Plots.Series.overEpochs(name + ": validation", validationLoss));
            options.println("%-16s epochs %3d  train acc %5.1f%%  validation acc %5.1f%% (best %5.1f%%)%s", name,
                    run.epochsRun(), 100 * run.finalTrainAccuracy(), 100 * run.finalValidationAccuracy(),
                    100 * run.bestValidationAccuracy(), run.stoppedEarly() ? "  stopped early, weights of epoch "
                            + run.bestEpoch() + " restored" : "");
        }
        Path plot = Plots.lines(options.outFile("overfitting.png"), "Overfitting: " + SLICE + " training images",
                "epoch", "accuracy", curves);
        Path lossPlot = Plots.lines(options.outFile("overfitting-loss.png"),
                "Overfitting: cross-entropy, " + SLICE + " training images", "epoch", "loss", lossCurves);
        return new Result(train.size(), validation.size(), parameters, runs, List.of(plot, lossPlot));
    }
}
