package dev.chainrule.examples;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.Sigmoid;
import dev.chainrule.nn.data.DataLoader;
import dev.chainrule.nn.data.Dataset;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.metrics.Metrics;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.train.LossFunction;
import dev.chainrule.nn.train.Trainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The tutorial's first problem: exclusive or. Output 1 when exactly one input is 1.
 *
 * <ol>
 *   <li>Logistic regression, {@code y = σ(w₀ + w₁x₁ + w₂x₂)}, draws one straight line through the plane; no line
 *       puts (0,1) and (1,0) on one side and (0,0) and (1,1) on the other, so at best 3 of 4 are right.</li>
 *   <li>A feature made by hand, {@code x₃ = x₁·x₂}, lifts the points into 3-D where a plane separates them:
 *       weights {@code [-0.5, 1, 1, -2]} on {@code [1, x₁, x₂, x₃]} do it.</li>
 *   <li>A 2-3-1 sigmoid network learns such features itself: its hidden layer is the feature-maker.</li>
 *   <li>The tutorial's exercise: three bias-free hidden units whose weights are set by hand compute XOR. The
 *       tutorial's {@code W} (inputs × hidden) is loaded transposed, since {@link Linear} stores {@code [out, in]}.</li>
 *   <li>Why the trained network has biases: with the tutorial's bias-free units, input (0,0) gives every hidden
 *       unit σ(0) = 0.5 whatever the weights, so the output at (0,0) is tied to the sum of the output weights.
 *       The example trains {@value #STARTS} seeded starts of each kind and reports how many learn XOR.</li>
 * </ol>
 */
public final class XorExample {
    static final double[][] INPUTS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    static final int[] XOR = {0, 1, 1, 0};
    /** The hand-made solution's weights on {@code [1, x₁, x₂, x₁·x₂]}. */
    static final double[] HAND_WEIGHTS = {-0.5, 1, 1, -2};
    /**
     * The tutorial's exercise solved: {@code W} (inputs × hidden) for the bias-free hidden units σ(20s), σ(−20s),
     * σ(2s) of {@code s = x₁ + x₂}, and the output weights {@code v}. At (0,0) every unit is 0.5 and v sums to −17;
     * one input on saturates the first unit and puts the third at 0.88 (93 − 88.1 &gt; 0); two push it to 0.98
     * (93 − 98.2 &lt; 0).
     */
    static final double[][] EXERCISE_W = {{20, -20, 2}, {20, -20, 2}};
    static final double[] EXERCISE_V = {93, -10, -100};
    /** Seeded starts per kind in the bias-free against biased comparison. */
    static final int STARTS = 20;

    private XorExample() {}

    /**
     * What the run found.
     *
     * @param logisticCorrect  cases logistic regression gets right (at most 3)
     * @param handCorrect      cases the hand-made feature gets right (4)
     * @param networkCorrect   cases the trained 2-3-1 network gets right
     * @param networkOutputs   the network's output for each of the four inputs
     * @param hiddenFeatures   the network's three hidden activations for each input
     * @param exerciseCorrect  cases the hand-set bias-free 2-3-1 network gets right (4)
     * @param biasFreeLearned  of {@code starts} seeded bias-free 2-3-1 networks, how many learned XOR
     * @param biasedLearned    of {@code starts} seeded 2-3-1 networks with biases, how many learned XOR
     */
    public record Result(int logisticCorrect, int handCorrect, int networkCorrect, double[] networkOutputs,
                         double[][] hiddenFeatures, double finalLoss, int exerciseCorrect, int starts,
                         int biasFreeLearned, int biasedLearned, List<Path> files) implements ExampleResult {
        @Override
        public String summary() {
            return String.format(Locale.ROOT, "Logistic regression got %d of 4 XOR cases right: one straight line cannot "
                    + "separate them. Adding the hand-made feature x3 = x1*x2 with weights [-0.5, 1, 1, -2] gets %d of 4. "
                    + "A 2-3-1 sigmoid network found its own features and gets %d of 4 (final loss %.4f); its hidden "
                    + "activations above are the features it invented. Three bias-free units set by hand get %d of 4. "
                    + "Trained from %d seeds, %d bias-free and %d biased networks learned XOR. The decision boundaries "
                    + "are in %s.",
                    logisticCorrect, handCorrect, networkCorrect, finalLoss, exerciseCorrect, starts, biasFreeLearned,
                    biasedLearned, files.get(0).getParent());
        }
    }

    /** Fits exclusive or with a logistic model, a hand-built network and a trained 2-3-1 network; saves the boundaries. */
    public static Result run(ExampleOptions options) {
        Setup setup = new Setup(Dataset.of(Tensor.of(INPUTS), Tensor.of(new double[] {0, 1, 1, 0}, 4, 1), XOR),
                options.epochsOr(2000), options.learningRateOr(0.05), options);
        List<Path> files = new ArrayList<>();
        int logisticCorrect = logisticRegression(setup, files);
        int handCorrect = handMadeFeature(options);
        TrainedNetwork network = trainedNetwork(setup, files);
        int exerciseCorrect = tutorialExercise(options);
        int biasFreeLearned = countLearned(setup, false);
        int biasedLearned = countLearned(setup, true);
        options.println("%n5. Trained from %d seeds (%d epochs each): %d of %d bias-free 2-3-1 networks learned XOR,",
                STARTS, setup.epochs(), biasFreeLearned, STARTS);
        options.println("   %d of %d with biases. Without biases input (0,0) gives every hidden unit sigma(0) = 0.5 whatever",
                biasedLearned, STARTS);
        options.println("   the weights, so the output there is sigma(0.5 (v1 + v2 + v3)): the same weights v must also");
        options.println("   carry the other three cases. That is why the trained network above uses biases.");
        return new Result(logisticCorrect, handCorrect, network.correct(), network.outputs(), network.hidden(),
                network.finalLoss(), exerciseCorrect, STARTS, biasFreeLearned, biasedLearned, files);
    }

    /** The data and training settings every part of the example shares. */
    private record Setup(Dataset data, int epochs, double learningRate, ExampleOptions options) {}

    /** What the trained 2-3-1 network got right, its outputs, its hidden features and its last loss. */
    private record TrainedNetwork(int correct, double[] outputs, double[][] hidden, double finalLoss) {}

    /** 1. Logistic regression, one linear unit and a sigmoid: at most 3 of 4 right. Adds its boundary plot. */
    private static int logisticRegression(Setup setup, List<Path> files) {
        ExampleOptions options = setup.options();
        Module logistic = new Sequential(new Linear(2, 1, new Random(options.seed())), new Sigmoid());
        train("logistic", logistic, setup);
        options.println("%n1. Logistic regression y = sigma(w0 + w1 x1 + w2 x2), trained %d epochs:", setup.epochs());
        int correct = printTruthTable(options, predict(logistic, INPUTS));
        options.println("   No straight line separates XOR: any line gets at most 3 of 4 right, and minimising the");
        options.println("   cross-entropy drives every output towards 0.5, undecided (%d of 4 right).", correct);
        files.add(boundary(options, "xor-logistic.png", "logistic regression", logistic));
        return correct;
    }

    /** 2. The hand-made feature x3 = x1*x2: a plane in (x1, x2, x3) separates the classes. */
    private static int handMadeFeature(ExampleOptions options) {
        double[] outputs = new double[4];
        for (int i = 0; i < 4; i++) {
            double x1 = INPUTS[i][0];
            double x2 = INPUTS[i][1];
            double z = HAND_WEIGHTS[0] + HAND_WEIGHTS[1] * x1 + HAND_WEIGHTS[2] * x2 + HAND_WEIGHTS[3] * x1 * x2;
            outputs[i] = z > 0 ? 1 : 0;
        }
        options.println("%n2. Hand-made feature x3 = x1*x2, y = [ -0.5 + x1 + x2 - 2 x3 > 0 ]:");
        return printTruthTable(options, outputs);
    }

    /** 3. A 2-3-1 network whose hidden layer learns the features. Puts its boundary plot first. */
    private static TrainedNetwork trainedNetwork(Setup setup, List<Path> files) {
        ExampleOptions options = setup.options();
        Linear hiddenLayer = new Linear(2, 3, new Random(options.seed()));
        Module network = new Sequential(hiddenLayer, new Sigmoid(), new Linear(3, 1, new Random(options.seed() + 1)),
                new Sigmoid());
        double finalLoss = train("2-3-1 network", network, setup);
        double[] outputs = predict(network, INPUTS);
        options.println("%n3. A 2-3-1 sigmoid network, trained %d epochs (loss %.4f):", setup.epochs(), finalLoss);
        int correct = printTruthTable(options, outputs);
        double[][] hidden = new double[4][];
        try (var off = Autograd.noGrad()) {
            Tensor features = hiddenLayer.forward(setup.data().features()).sigmoid();
            for (int i = 0; i < 4; i++) hidden[i] = features.slice(0, i, i + 1).toArray();
        }
        options.println("   The hidden features it learned, z = sigma(x W + b):");
        options.println("    x1 x2 |    z1     z2     z3");
        for (int i = 0; i < 4; i++) {
            options.println("    %2.0f %2.0f | %.3f  %.3f  %.3f", INPUTS[i][0], INPUTS[i][1], hidden[i][0], hidden[i][1],
                    hidden[i][2]);
        }
        files.add(0, boundary(options, "xor-network.png", "2-3-1 network", network));
        return new TrainedNetwork(correct, outputs, hidden, finalLoss);
    }

    /** 4. The tutorial's exercise: bias-free units whose weights are set by hand. */
    private static int tutorialExercise(ExampleOptions options) {
        Module exercise = biasFreeNetwork(new Random(0));
        exercise.loadStateDict(Map.of("0.weight", Tensor.of(EXERCISE_W).t(), "2.weight", Tensor.of(EXERCISE_V, 1, 3)));
        options.println("%n4. The tutorial's exercise: three bias-free hidden units, weights set by hand,");
        options.println("   W = [[20, -20, 2], [20, -20, 2]] (inputs x hidden), v = [93, -10, -100]:");
        return printTruthTable(options, predict(exercise, INPUTS));
    }

    private static Module biasFreeNetwork(Random random) {
        return new Sequential(new Linear(2, 3, false, random), new Sigmoid(), new Linear(3, 1, false, random),
                new Sigmoid());
    }

    /** 5. How many of {@link #STARTS} seeded 2-3-1 networks (with or without biases) classify all four cases. */
    private static int countLearned(Setup setup, boolean bias) {
        int learned = 0;
        for (int start = 0; start < STARTS; start++) {
            Random random = new Random(setup.options().seed() * 1000 + start);
            Module network = bias
                    ? new Sequential(new Linear(2, 3, random), new Sigmoid(), new Linear(3, 1, random), new Sigmoid())
                    : biasFreeNetwork(random);
            trainer(network, setup.learningRate()).fit(DataLoader.of(setup.data(), 4), setup.epochs());
            if (Arrays.equals(XOR, Metrics.predictClasses(network, setup.data().features()))) learned++;
        }
        return learned;
    }

    /** Full-batch training with binary cross-entropy and a progress bar; returns the last epoch's loss. */
    private static double train(String name, Module model, Setup setup) {
        try (Progress progress = new Progress("xor " + name, setup.epochs(), setup.options(), false)) {
            return trainer(model, setup.learningRate()).listener(progress)
                    .fit(DataLoader.of(setup.data(), 4), setup.epochs()).last().trainLoss();
        }
    }

    private static Trainer trainer(Module model, double learningRate) {
        return Trainer.of(model, new Adam(model.parameters(), learningRate),
                LossFunction.ofTargets(Losses::binaryCrossEntropy));
    }

    private static double[] predict(Module model, double[][] points) {
        try (var off = Autograd.noGrad()) {
            model.eval();
            return model.forward(Tensor.of(points)).toArray();
        }
    }

    private static int printTruthTable(ExampleOptions options, double[] outputs) {
        options.println("    x1 x2 | XOR | output | right?");
        int correct = 0;
        for (int i = 0; i < 4; i++) {
            boolean right = (outputs[i] > 0.5 ? 1 : 0) == XOR[i];
            if (right) correct++;
            options.println("    %2.0f %2.0f |  %d  | %.4f | %s", INPUTS[i][0], INPUTS[i][1], XOR[i], outputs[i],
                    right ? "yes" : "NO");
        }
        return correct;
    }

    private static Path boundary(ExampleOptions options, String file, String title, Module model) {
        return Plots.decisionBoundary(options.outFile(file), "XOR: " + title, points -> predict(model, points),
                INPUTS, XOR, -0.5, 1.5);
    }
}
