package dev.chainrule.examples;

import dev.chainrule.autograd.Activation;
import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Activations;
import dev.chainrule.nn.Lambda;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.optim.SGD;
import dev.chainrule.nn.train.EpochResult;
import dev.chainrule.nn.train.LossFunction;
import dev.chainrule.nn.train.Trainer;
import dev.chainrule.nn.train.TrainingHistory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;

/**
 * A small research experiment: does the activation function matter? Each candidate trains the same
 * 64-32-32-10 network (or the hidden layers {@code --hidden} lists) on the digits, from the same initial weights
 * and the same batches:
 * <ul>
 *   <li>library activations by name, sigmoid, tanh, ReLU and GELU unless {@code --activations} names others
 *       ({@code --activations gelu,elu(0.5),mish}: any name {@link Activations#byName} knows);</li>
 *   <li>swish with a learnable β, {@code x·σ(βx)}, composed of existing ops: autograd differentiates it,
 *       β included, with no extra code;</li>
 *   <li>softsign, {@code x / (1 + |x|)}, given as f and f' by hand through {@link Activation#of}: autograd
 *       trusts the f' it is given, so it is gradient-checked before use.</li>
 * </ul>
 */
public final class ActivationsExample {
    private ActivationsExample() {}

    /** Swish with a learnable β: {@code y = x·σ(βx)}, one β per layer, starting at 1. */
    static final class Swish extends Module {
        private final Tensor beta = registerParameter("beta", Tensor.scalar(1.0));

        @Override
        public Tensor forward(Tensor x) {
            return x.mul(x.mul(beta).sigmoid());
        }

        double beta() {
            return beta.item();
        }
    }

    /** Softsign from f and f': {@code f(x) = x / (1 + |x|)}, {@code f'(x) = 1 / (1 + |x|)²}. */
    static final Activation SOFTSIGN = Activation.of("softsign",
            x -> x / (1 + Math.abs(x)),
            x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))));

    /** One activation's final numbers. */
    public record Row(String name, double trainLoss, double validationLoss, double validationAccuracy) {}

    /**
     * What the experiment found.
     *
     * @param swishCheckPassed    whether GradCheck passed swish (with respect to x and β)
     * @param softsignCheckPassed whether GradCheck passed the hand-given softsign derivative
     * @param rows                one row per activation, in the order trained
     * @param learnedBetas        swish's β in each hidden layer after training, first to last
     */
    public record Result(boolean swishCheckPassed, boolean softsignCheckPassed, List<Row> rows, double[] learnedBetas,
                         List<Path> files) implements ExampleResult {
        @Override
        public String summary() {
            Row best = rows.stream().max(java.util.Comparator.comparingDouble(Row::validationAccuracy)).orElseThrow();
            Row worst = rows.stream().min(java.util.Comparator.comparingDouble(Row::validationAccuracy)).orElseThrow();
            return String.format(Locale.ROOT, "Both custom activations passed GradCheck (swish: %s, softsign: %s) before "
                    + "training. Trained from the same seed on the same batches, %s reached the best validation accuracy "
                    + "(%.1f%%) and %s the worst (%.1f%%); swish learned beta = %s in its hidden layers. The "
                    + "curves are in %s.", swishCheckPassed ? "passed" : "FAILED", softsignCheckPassed ? "passed" : "FAILED",
                    best.name(), 100 * best.validationAccuracy(), worst.name(), 100 * worst.validationAccuracy(),
                    betaList(learnedBetas), files.get(0).getParent());
        }
    }

    private static String betaList(double[] betas) {
        return String.join(", ", java.util.Arrays.stream(betas).mapToObj(b -> String.format(Locale.ROOT, "%.3f", b))
                .toList());
    }

    /** The library activations compared when {@code --activations} is not given. */
    static final List<String> DEFAULT_ACTIVATIONS = List.of("sigmoid", "tanh", "relu", "gelu");

    /** Refuses an activation name the library does not know, with the list of known ones. */
    static void check(ExampleOptions options) {
        for (String name : options.activationsOr(DEFAULT_ACTIVATIONS)) {
            try {
                Activations.byName(name);
            } catch (IllegalArgumentException e) {
                throw new UsageError("activations: " + e.getMessage());
            }
        }
    }

    /** Trains the same network once per activation function, from the same start, and compares the results. */
    public static Result run(ExampleOptions options) {
        // 1. Check the custom activations' derivatives against finite differences before trusting them.
        Tensor x = Tensor.randn(new Random(options.seed()), 3, 4).mul(2).requiresGrad(true);
        Tensor beta = Tensor.scalar(0.7).requiresGrad(true);
        GradCheck.Report swishCheck = GradCheck.check(in -> in[0].mul(in[0].mul(in[1]).sigmoid()), x, beta);
        GradCheck.Report softsignCheck = GradCheck.check(in -> SOFTSIGN.apply(in[0]), x);
        options.println("GradCheck swish x*sigma(beta x), in x and beta: %s", swishCheck);
        options.println("GradCheck softsign from f and f':               %s", softsignCheck);

        // 2. The same task for everyone: the bundled digits on the digits example's fixed split.
        Dataset.Split split = DigitData.bundled().randomSplit(0.8, DigitsExample.SPLIT_SEED);
        List<Integer> hidden = options.hiddenLayersOr(32, 32);
        int epochs = options.epochsOr(20);
        double learningRate = options.learningRateOr(0.1);
        List<String> names = new ArrayList<>();
        List<Supplier<Module>> activations = new ArrayList<>();
        for (String name : options.activationsOr(DEFAULT_ACTIVATIONS)) {
            names.add(name);
            activations.add(() -> Activations.byName(name));
        }
        names.add("swish");
        activations.add(Swish::new);
        names.add("softsign");
        activations.add(() -> new Lambda("Softsign", SOFTSIGN));

        // 3. Train each one from the same initial weights and the same batch order.
        List<Row> rows = new ArrayList<>();
        List<Plots.Series> lossCurves = new ArrayList<>();
        List<Plots.Series> accuracyCurves = new ArrayList<>();
        double[] betas = new double[hidden.size()];
        for (int i = 0; i < names.size(); i++) {
            List<Module> used = new ArrayList<>();
            Supplier<Module> activation = activations.get(i);
            Sequential model = Networks.mlp(64, hidden, DigitData.CLASSES, layer -> {
                Module module = activation.get();
                used.add(module);
                return module;
            }, new Random(options.seed()));
            TrainingHistory history;
            try (Progress progress = new Progress(names.get(i), epochs, options, false)) {
                history = Trainer.of(model, new SGD(model.parameters(), learningRate),
                                LossFunction.ofLabels(Losses::crossEntropy))
                        .listener(progress)
                        .fit(DataLoader.of(split.train(), options.batchSizeOr(32)).shuffle(options.seed()),
                                DataLoader.of(split.validation(), 1000), epochs);
            }
            EpochResult last = history.last();
            rows.add(new Row(names.get(i), last.trainLoss(), last.validationLoss(), last.validationAccuracy()));
            lossCurves.add(Plots.Series.overEpochs(names.get(i), Plots.column(history, EpochResult::trainLoss)));
            accuracyCurves.add(Plots.Series.overEpochs(names.get(i),
                    Plots.column(history, EpochResult::validationAccuracy)));
            for (int layer = 0; layer < used.size(); layer++) {
                if (used.get(layer) instanceof Swish swish) betas[layer] = swish.beta();
            }
        }

        // 4. The comparison: a table and the curves.
        options.println("%n%s network, SGD lr %s, %d epochs, seed %d:", Networks.shape(64, hidden, DigitData.CLASSES),
                learningRate, epochs, options.seed());
        options.println("%-16s %12s %12s %12s", "activation", "train loss", "valid loss", "valid acc");
        for (Row row : rows) {
            options.println("%-16s %12.4f %12.4f %11.1f%%", row.name(), row.trainLoss(), row.validationLoss(),
                    100 * row.validationAccuracy());
        }
        options.println("swish learned beta = %s (hidden layers 1 to %d), starting from 1.", betaList(betas), betas.length);
        List<Path> files = List.of(
                Plots.lines(options.outFile("activations-loss.png"), "Activations: training loss", "epoch", "loss", lossCurves),
                Plots.lines(options.outFile("activations-accuracy.png"), "Activations: validation accuracy", "epoch",
                        "accuracy", accuracyCurves));
        return new Result(swishCheck.passed(), softsignCheck.passed(), rows, betas, files);
    }
}
