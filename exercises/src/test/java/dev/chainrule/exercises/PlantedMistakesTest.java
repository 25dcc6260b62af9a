package dev.chainrule.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.exercises.solutions.ReferenceSolutions;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** For every exercise, planted wrong answers fail with a report naming the wrong element and the wrong term. */
class PlantedMistakesTest {
    private static double sigmoid(double a) {
        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    }

    /** Grades {@code answer}, asserts it failed naming an element of {@code quantity}, and returns the report. */
    private static String caught(int exercise, Object answer, String quantity, String diagnosis) {
        Grade grade = Exercises.grade(exercise, answer);
        assertEquals(Grade.Status.FAILED, grade.status(), grade.report());
        assertTrue(Pattern.compile(Pattern.quote(quantity) + " element \\[\\d+(, \\d+)*\\]").matcher(grade.report())
                .find(), grade.report());
        assertTrue(grade.report().contains(diagnosis), grade.report());
        assertTrue(grade.report().contains("hint: "), grade.report());
        return grade.report();
    }

    @Test
    void sigmoidDerivativeMistakesAreNamed() {
        caught(1, (SigmoidDerivative) a -> -sigmoid(a) * (1 - sigmoid(a)), "dσ/da", "a sign error");
        caught(1, (SigmoidDerivative) a -> sigmoid(a), "dσ/da", "you returned σ(a) itself");
        String report = caught(1, (SigmoidDerivative) a -> 2 * sigmoid(a) * (1 - sigmoid(a)), "dσ/da",
                "every element of your dσ/da is 2 times the right one");
        assertTrue(report.contains("GradCheck.locate: op #1 sigmoid with your derivative"), report);
        String overflow = caught(1, (SigmoidDerivative) a -> Math.exp(-a) / Math.pow(1 + Math.exp(-a), 2), "dσ/da",
                "NaN or infinite");
        assertTrue(overflow.contains("FAILED on case \"edge: a = 0, ±40, ±800\""), overflow);
        assertTrue(overflow.contains("dσ/da element [4] (at a = -800.0): expected 0.0"), overflow);
    }

    @Test
    void sigmoidCrossEntropyMistakesAreNamed() {
        caught(2, (SigmoidCrossEntropy) (a, t) -> t - sigmoid(a), "dJ/da", "a sign error");
        caught(2, (SigmoidCrossEntropy) (a, t) -> (sigmoid(a) - t) * sigmoid(a) * (1 - sigmoid(a)), "dJ/da",
                "σ'(a) = y(1 − y) once more");
        String unsimplified = caught(2, (SigmoidCrossEntropy) (a, t) -> {
            double y = sigmoid(a);
            return (-t / y + (1 - t) / (1 - y)) * y * (1 - y);
        }, "dJ/da", "NaN or infinite");
        assertTrue(unsimplified.contains("(at a = 800.0, t = 0.0)"), unsimplified);
    }

    @Test
    void outputWeightGradientMistakesAreNamed() {
        OutputWeightGradient right = ReferenceSolutions.outputWeightGradient();
        caught(3, (OutputWeightGradient) (z, v, t) -> scale(right.gradient(z, v, t), -1), "dJ/dv", "a sign error");
        caught(3, (OutputWeightGradient) (z, v, t) -> scale(right.gradient(z, v, t), 0.2), "dJ/dv",
                "you averaged over the R = 5 samples");
        caught(3, (OutputWeightGradient) (z, v, t) -> {
            double[] g = new double[v.length];
            for (int r = 0; r < z.length; r++) {
                double y = sigmoid(ReferenceSolutions.dot(z[r], v));
                for (int j = 0; j < v.length; j++) g[j] += (y - t[r]) * y * (1 - y) * z[r][j];
            }
            return g;
        }, "dJ/dv", "as squared error would");
    }

    @Test
    void hiddenWeightGradientMistakesAreNamed() {
        HiddenWeightGradient right = ReferenceSolutions.hiddenWeightGradient();
        Grade transposed = Exercises.grade(4, (HiddenWeightGradient) (x, w, v, t) -> transpose(right.gradient(x, w, v, t)));
        assertEquals(Grade.Status.FAILED, transposed.status());
        assertTrue(transposed.report().contains("dJ/dW has shape [3, 2] but your answer has shape [2, 3]"),
                transposed.report());
        assertTrue(transposed.report().contains("your matrix is the transpose of the right one"), transposed.report());
        caught(4, (HiddenWeightGradient) (x, w, v, t) -> {
            double[][] g = new double[w.length][v.length];
            for (int r = 0; r < x.length; r++) {
                double[] z = ReferenceSolutions.hidden(x[r], w);
                double error = sigmoid(ReferenceSolutions.dot(z, v)) - t[r];
                for (int i = 0; i < w.length; i++) for (int j = 0; j < v.length; j++) g[i][j] += error * v[j] * x[r][i];
            }
            return g;
        }, "dJ/dW", "you left out the hidden unit's slope σ'(a_j) = z_j(1 − z_j)");
        caught(4, (HiddenWeightGradient) (x, w, v, t) -> scale(right.gradient(x, w, v, t), -1), "dJ/dW",
                "a sign error");
    }

    @Test
    void softmaxCrossEntropyMistakesAreNamed() {
        SoftmaxCrossEntropy right = ReferenceSolutions.softmaxCrossEntropy();
        caught(5, (SoftmaxCrossEntropy) (a, c) -> {
            double[] g = right.gradient(a, c);
            g[c] += 1;
            return g;
        }, "dJ/da", "without subtracting the one-hot target t");
        caught(5, (SoftmaxCrossEntropy) (a, c) -> {
            double[] g = new double[a.length];
            for (int k = 0; k < a.length; k++) g[k] = sigmoid(a[k]) - (k == c ? 1 : 0);
            return g;
        }, "dJ/da", "element-wise sigmoid");
        String overflow = caught(5, (SoftmaxCrossEntropy) (a, c) -> {
            double total = 0;
            for (double value : a) total += Math.exp(value);
            double[] g = new double[a.length];
            for (int k = 0; k < a.length; k++) g[k] = Math.exp(a[k]) / total - (k == c ? 1 : 0);
            return g;
        }, "dJ/da", "NaN or infinite");
        assertTrue(overflow.contains("dJ/da element [0] (a = 1000.0): expected 0.7310585786300049"), overflow);
    }

    @Test
    void tanhLayerMistakesAreNamed() {
        String report = caught(6, (TanhLayer) (x, w, g) -> ReferenceSolutions.layer(x, w, g,
                a -> Math.tanh(a) * (1 - Math.tanh(a))), "dJ/dW", "the sigmoid's slope h(1 − h)");
        assertTrue(report.contains("GradCheck.locate: op #0 your a tanh layer (inputs [4, 3], [3, 2] -> [4, 2])"),
                report);
        caught(6, (TanhLayer) (x, w, g) -> ReferenceSolutions.layer(x, w, g, a -> 1), "dJ/dW",
                "you left out the slope tanh'(a) = 1 − h²");
        caught(6, (TanhLayer) (x, w, g) -> {
            LayerGradients right = ReferenceSolutions.tanhLayer().backward(x, w, g);
            return new LayerGradients(right.weight(), scale(right.input(), -1));
        }, "dJ/dx", "a sign error: every element of your dJ/dx");
    }

    @Test
    void reluLayerMistakesAreNamed() {
        String kink = caught(7, (ReluLayer) (x, w, g) -> ReferenceSolutions.layer(x, w, g, a -> a >= 0 ? 1 : 0),
                "dJ/dW", "you took relu'(0) = 1");
        assertTrue(kink.contains("FAILED on case \"edge: pre-activations exactly 0\""), kink);
        assertTrue(kink.contains("dJ/dW element [0, 1]"), kink);
        caught(7, (ReluLayer) (x, w, g) -> ReferenceSolutions.layer(x, w, g, a -> 1), "dJ/dW",
                "you left out the slope relu'(a) = [a > 0]");
    }

    @Test
    void fanOutMistakesAreNamed() {
        for (int dropped = 0; dropped < 3; dropped++) {
            int k = dropped;
            caught(8, (FanOutGradient) (a, v, t) -> {
                double z = sigmoid(a);
                double sum = 0;
                for (int j = 0; j < v.length; j++) if (j != k) sum += (sigmoid(z * v[j]) - t[j]) * v[j];
                return sum * z * (1 - z);
            }, "dJ/da", "you dropped the path through output " + k + " (of 3)");
        }
        caught(8, (FanOutGradient) (a, v, t) -> -ReferenceSolutions.fanOutGradient().gradient(a, v, t), "dJ/da",
                "a sign error");
    }

    @Test
    void networkGradientMistakesAreNamed() {
        NetworkGradient right = ReferenceSolutions.networkGradient();
        caught(9, (NetworkGradient) (x, w, v, t) -> {
            NetworkGradients g = right.gradients(x, w, v, t);
            return new NetworkGradients(g.w(), g.v().t());
        }, "dJ/dV", "your matrix is the transpose of the right one");
        caught(9, (NetworkGradient) (x, w, v, t) -> {
            Tensor z = x.matmul(w).sigmoid();
            Tensor error = z.matmul(v).softmax(1).sub(t);
            return new NetworkGradients(x.t().matmul(error.matmul(v.t())), z.t().matmul(error));
        }, "dJ/dW", "you left out the hidden units' slope");
        caught(9, (NetworkGradient) (x, w, v, t) -> {
            NetworkGradients g = right.gradients(x, w, v, t);
            return new NetworkGradients(g.w().div(5), g.v().div(5));
        }, "dJ/dW", "you averaged over the R = 5 samples");
    }

    @Test
    void ownActivationMistakesAreNamed() {
        String report = caught(10, softsign(x -> 1 / (1 + Math.abs(x))), "f'(x)", "elements are wrong");
        assertTrue(report.contains("(finite differences of your f)"), report);
        assertTrue(report.contains("GradCheck.locate: op #1 softsign"), report);
        caught(10, softsign(x -> -1 / ((1 + Math.abs(x)) * (1 + Math.abs(x)))), "f'(x)", "a sign error");
        caught(10, softsign(x -> 0.5 / ((1 + Math.abs(x)) * (1 + Math.abs(x)))), "f'(x)",
                "is 0.5 times the right one");
    }

    @Test
    void ownActivationWithAKinkIsGradedAwayFromIt() {
        OwnActivation relu = new OwnActivation() {
            @Override
            public String name() {
                return "my relu";
            }

            @Override
            public double f(double x) {
                return Math.max(0, x);
            }

            @Override
            public double derivative(double x) {
                return x > 0 ? 1 : x < 0 ? 0 : 0.5;      // any value at the kink x = 0 is accepted
            }
        };
        Grade grade = Exercises.grade(10, relu);
        assertTrue(grade.passed(), grade.report());
    }

    @Test
    void hessianVectorProductMistakesAreNamed() {
        HessianVectorProduct right = ReferenceSolutions.hessianVectorProduct();
        caught(11, (HessianVectorProduct) (x, t, w, u) -> {
            double[] product = new double[w.length];
            for (double[] row : x) {
                double scale = ReferenceSolutions.dot(row, u);
                for (int i = 0; i < w.length; i++) product[i] += scale * row[i];
            }
            return product;
        }, "H·u", "you left out the slope y(1 − y)");
        caught(11, (HessianVectorProduct) (x, t, w, u) -> scale(right.product(x, t, w, u), -1), "H·u",
                "a sign error");
        caught(11, (HessianVectorProduct) (x, t, w, u) -> {
            double[] gradient = new double[w.length];
            for (int r = 0; r < x.length; r++) {
                double error = sigmoid(ReferenceSolutions.dot(x[r], w)) - t[r];
                for (int i = 0; i < w.length; i++) gradient[i] += error * x[r][i];
            }
            return gradient;
        }, "H·u", "you returned the gradient");
    }

    @Test
    void aStubIsNotAttemptedAndCodeThatThrowsFails() {
        Grade stub = Exercises.grade(1, (SigmoidDerivative) a -> {
            throw new UnsupportedOperationException("exercise 1");
        });
        assertEquals(Grade.Status.NOT_ATTEMPTED, stub.status());
        Grade thrown = Exercises.grade(3, (OutputWeightGradient) (z, v, t) -> new double[] {z[0][7]});
        assertEquals(Grade.Status.FAILED, thrown.status());
        assertTrue(thrown.report().contains("your code threw java.lang.ArrayIndexOutOfBoundsException"),
                thrown.report());
        Grade ragged = Exercises.grade(4, (HiddenWeightGradient) (x, w, v, t) -> new double[][] {{1, 2}, {3}, {4, 5}});
        assertTrue(ragged.report().contains("your matrix is ragged: row 0 has 2 elements, row 1 has 1"),
                ragged.report());
    }

    @Test
    void anAnswerOfTheWrongTypeIsRefusedNamingTheInterface() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Exercises.grade(2, ReferenceSolutions.sigmoidDerivative()));
        assertTrue(e.getMessage().startsWith("exercise 2: the answer must implement"
                + " dev.chainrule.exercises.SigmoidCrossEntropy"), e.getMessage());
        IllegalArgumentException missing = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Exercises.get(12));
        assertEquals("exercises: no exercise 12; they are numbered 1 to 11", missing.getMessage());
    }

    private static OwnActivation softsign(java.util.function.DoubleUnaryOperator derivative) {
        return new OwnActivation() {
            @Override
            public String name() {
                return "softsign";
            }

            @Override
            public double f(double x) {
                return x / (1 + Math.abs(x));
            }

            @Override
            public double derivative(double x) {
                return derivative.applyAsDouble(x);
            }
        };
    }

    private static double[] scale(double[] values, double factor) {
        double[] result = values.clone();
        for (int i = 0; i < result.length; i++) result[i] *= factor;
        return result;
    }

    private static double[][] scale(double[][] values, double factor) {
        double[][] result = new double[values.length][];
        for (int r = 0; r < values.length; r++) result[r] = scale(values[r], factor);
        return result;
    }

    private static double[][] transpose(double[][] m) {
        double[][] result = new double[m[0].length][m.length];
        for (int r = 0; r < m.length; r++) for (int c = 0; c < m[0].length; c++) result[c][r] = m[r][c];
        return result;
    }
}
