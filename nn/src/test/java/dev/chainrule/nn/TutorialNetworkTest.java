package dev.chainrule.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.loss.Reduction;
import dev.chainrule.nn.metrics.Metrics;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's notation, checked: its bias-free 2-2-1 network {@code z = σ(xW)}, {@code y = σ(zv)} with the
 * summed cross-entropy {@code J = −Σ_n [t log y + (1 − t) log(1 − y)]}, built once from scalar operations and once
 * from {@link Linear} layers, against its hand-derived gradients
 * {@code dJ/dv_j = Σ_n (y − t) z_j} and {@code dJ/dw_ij = Σ_n (y − t) v_j z_j (1 − z_j) x_i}.
 */
class TutorialNetworkTest {
    private static final double[][] X = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {0.3, -0.7}};
    private static final double[] T = {0, 1, 1, 0, 1};
    /** The tutorial's W: inputs × hidden units, so {@code W[i][j]} is {@code w_ij}. */
    private static final double[][] W = {{0.8, -0.4}, {-1.3, 0.9}};
    private static final double[] V = {1.7, -2.1};
    private static final double TOLERANCE = 1e-14;

    private static double sigma(double a) {
        return 1 / (1 + Math.exp(-a));
    }

    @Test
    void scalarAndLayerNetworksAgreeWithEachOtherAndWithTheHandDerivedGradients() {
        ScalarNetwork scalar = new ScalarNetwork();
        Tensor scalarLoss = scalar.loss();
        scalarLoss.backward();

        Sequential layers = tutorialNetwork(W, V);
        Tensor y = layers.forward(Tensor.of(X));
        Tensor layerLoss = Losses.binaryCrossEntropy(y, Tensor.of(T, T.length, 1), Reduction.SUM);
        layerLoss.backward();

        double[][] dW = new double[2][2];
        double[] dv = new double[2];
        double expectedLoss = handDerived(dW, dv);
        assertEquals(expectedLoss, scalarLoss.item(), TOLERANCE);
        assertEquals(expectedLoss, layerLoss.item(), TOLERANCE);
        Linear hidden = (Linear) layers.get(0);
        Linear output = (Linear) layers.get(2);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(dW[i][j], scalar.w[i][j].grad().item(), TOLERANCE, "w" + (i + 1) + (j + 1));
                assertEquals(dW[i][j], hidden.weight().grad().get(j, i), TOLERANCE, "weight[j][i] is w_ij");
            }
            assertEquals(dv[i], scalar.v[i].grad().item(), TOLERANCE, "v" + (i + 1));
            assertEquals(dv[i], output.weight().grad().get(0, i), TOLERANCE);
        }
    }

    @Test
    void theMeanLossNeedsALearningRateRTimesLargerForTheTutorialsStep() {
        Sequential mean = tutorialNetwork(W, V);
        Sequential sum = tutorialNetwork(W, V);
        Tensor x = Tensor.of(X);
        Tensor t = Tensor.of(T, T.length, 1);
        Losses.binaryCrossEntropy(mean.forward(x), t, Reduction.MEAN).backward();
        Losses.binaryCrossEntropy(sum.forward(x), t, Reduction.SUM).backward();
        double samples = X.length;
        var meanGradients = mean.namedParameters();
        sum.namedParameters().forEach((name, p) ->
                assertArrayEquals(p.grad().toArray(), meanGradients.get(name).grad().mul(samples).toArray(), TOLERANCE, name));
    }

    @Test
    void threeBiasFreeHiddenUnitsSetByHandComputeXor() {
        // Hidden units σ(20 s), σ(−20 s), σ(2 s) of s = x1 + x2: at (0,0) each is 0.5, so the output weights sum
        // negative; one input on turns the first on fully and the third to 0.88, two inputs on push the third to 0.98.
        double[][] w = {{20, -20, 2}, {20, -20, 2}};
        double[] v = {93, -10, -100};
        Sequential xor = tutorialNetwork(w, v);
        Tensor inputs = Tensor.of(new double[][] {{0, 0}, {0, 1}, {1, 0}, {1, 1}});
        assertArrayEquals(new int[] {0, 1, 1, 0}, Metrics.predictClasses(xor, inputs));
        try (var off = Autograd.noGrad()) {
            double[] y = xor.forward(inputs).toArray();
            assertTrue(y[0] < 0.01 && y[1] > 0.99 && y[2] > 0.99 && y[3] < 0.01, java.util.Arrays.toString(y));
        }
    }

    @Test
    void loadingNumbersValidatesNamesAndShapes() {
        Sequential net = tutorialNetwork(W, V);
        var error = assertThrows(IllegalArgumentException.class,
                () -> net.loadStateDict(Map.of("0.weight", Tensor.zeros(2, 2), "2.weigth", Tensor.zeros(1, 2))));
        assertEquals("loadStateDict: missing [2.weight], unexpected [2.weigth]", error.getMessage());
        error = assertThrows(IllegalArgumentException.class,
                () -> net.loadStateDict(Map.of("0.weight", Tensor.zeros(2, 2), "2.weight", Tensor.zeros(2, 1))));
        assertEquals("loadStateDict: parameter 2.weight has shape [2, 1] but the module expects [1, 2]", error.getMessage());
        error = assertThrows(IllegalArgumentException.class,
                () -> ((Linear) net.get(0)).weight().copyFrom(Tensor.zeros(2, 3)));
        assertTrue(error.getMessage().startsWith("copyFrom: source of shape [2, 3]"), error.getMessage());
    }

    /** The tutorial's bias-free network with its W (inputs × hidden) and v, loaded through {@code loadStateDict}. */
    static Sequential tutorialNetwork(double[][] w, double[] v) {
        int inputs = w.length;
        int hidden = v.length;
        Sequential net = new Sequential(new Linear(inputs, hidden, false, new Random(0)), new Sigmoid(),
                new Linear(hidden, 1, false, new Random(0)), new Sigmoid());
        net.loadStateDict(Map.of(
                "0.weight", Tensor.of(w).t(),                     // Linear stores [out, in]: the tutorial's W transposed
                "2.weight", Tensor.of(v, 1, hidden)));
        return net;
    }

    /** J and its gradients by the tutorial's formulas, in plain doubles. */
    private static double handDerived(double[][] dW, double[] dv) {
        double loss = 0;
        for (int n = 0; n < X.length; n++) {
            double[] z = new double[2];
            for (int j = 0; j < 2; j++) z[j] = sigma(X[n][0] * W[0][j] + X[n][1] * W[1][j]);
            double y = sigma(z[0] * V[0] + z[1] * V[1]);
            loss -= T[n] * Math.log(y) + (1 - T[n]) * Math.log(1 - y);
            for (int j = 0; j < 2; j++) {
                dv[j] += (y - T[n]) * z[j];
                for (int i = 0; i < 2; i++) dW[i][j] += (y - T[n]) * V[j] * z[j] * (1 - z[j]) * X[n][i];
            }
        }
        return loss;
    }

    /** The same network written unit by unit: z1 = σ(x1 w11 + x2 w21), z2 = σ(x1 w12 + x2 w22), y = σ(z1 v1 + z2 v2). */
    private static final class ScalarNetwork {
        final Tensor[][] w = new Tensor[2][2];
        final Tensor[] v = new Tensor[2];

        ScalarNetwork() {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) w[i][j] = Tensor.scalar(W[i][j]).requiresGrad(true);
                v[i] = Tensor.scalar(V[i]).requiresGrad(true);
            }
        }

        Tensor loss() {
            Tensor total = Tensor.scalar(0);
            for (int n = 0; n < X.length; n++) {
                Tensor x1 = Tensor.scalar(X[n][0]);
                Tensor x2 = Tensor.scalar(X[n][1]);
                Tensor z1 = x1.mul(w[0][0]).add(x2.mul(w[1][0])).sigmoid();
                Tensor z2 = x1.mul(w[0][1]).add(x2.mul(w[1][1])).sigmoid();
                Tensor y = z1.mul(v[0]).add(z2.mul(v[1])).sigmoid();
                Tensor error = y.log().mul(T[n]).add(y.neg().add(1).log().mul(1 - T[n])).neg();
                total = total.add(error);
            }
            return total;
        }
    }
}
