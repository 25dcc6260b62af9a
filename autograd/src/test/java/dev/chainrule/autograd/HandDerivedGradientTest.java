package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tutorial's two-layer sigmoid network, differentiated by hand and by autograd. With z = σ(xW) (N×H),
 * y = σ(z·v) (N) and J = −Σₙ (tₙ ln yₙ + (1 − tₙ) ln(1 − yₙ)), the sigmoid and the cross-entropy cancel to
 * ∂J/∂(z·v) = y − t, so
 * <pre>
 *   ∂J/∂v = Σₙ (yₙ − tₙ)·zₙ                    = zᵀ(y − t)
 *   ∂J/∂W = xᵀ[((y − t)vᵀ) ⊙ z ⊙ (1 − z)]
 * </pre>
 */
class HandDerivedGradientTest {
    private static final int N = 7;
    private static final int D = 4;
    private static final int H = 5;
    private static final double RELATIVE_TOLERANCE = 1e-12;

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 2024})
    void autogradMatchesTheHandDerivedGradientsOfATwoLayerSigmoidNet(long seed) {
        Random random = new Random(seed);
        double[][] x = gaussian(random, N, D);
        double[][] w = gaussian(random, D, H);
        double[] v = gaussian(random, 1, H)[0];
        double[] t = new double[N];
        for (int n = 0; n < N; n++) t[n] = random.nextBoolean() ? 1 : 0;

        Tensor xt = Tensor.of(x);
        Tensor wt = Tensor.of(w).requiresGrad(true);
        Tensor vt = Tensor.of(v).requiresGrad(true);
        Tensor tt = Tensor.of(t);
        Tensor y = xt.matmul(wt).sigmoid().matmul(vt).sigmoid();
        Tensor oneMinusT = tt.neg().add(1);
        Tensor j = tt.mul(y.log()).add(oneMinusT.mul(y.neg().add(1).log())).sum().neg();
        j.backward();

        double[][] z = new double[N][H];
        double[] error = new double[N];                      // y − t
        for (int n = 0; n < N; n++) {
            double a = 0;
            for (int h = 0; h < H; h++) {
                double s = 0;
                for (int d = 0; d < D; d++) s += x[n][d] * w[d][h];
                z[n][h] = sigmoid(s);
                a += z[n][h] * v[h];
            }
            error[n] = sigmoid(a) - t[n];
        }
        double[] gradV = new double[H];
        for (int n = 0; n < N; n++) {
            for (int h = 0; h < H; h++) gradV[h] += error[n] * z[n][h];
        }
        double[] gradW = new double[D * H];
        for (int n = 0; n < N; n++) {
            for (int h = 0; h < H; h++) {
                double delta = error[n] * v[h] * z[n][h] * (1 - z[n][h]);
                for (int d = 0; d < D; d++) gradW[d * H + h] += x[n][d] * delta;
            }
        }

        assertArrayEquals(new int[] {H}, vt.grad().shape());
        assertClose("dJ/dv", gradV, vt.grad().toArray());
        assertArrayEquals(new int[] {D, H}, wt.grad().shape());
        assertClose("dJ/dW", gradW, wt.grad().toArray());
    }

    private static double sigmoid(double s) {
        return 1 / (1 + Math.exp(-s));
    }

    private static double[][] gaussian(Random random, int rows, int cols) {
        double[][] result = new double[rows][cols];
        for (double[] row : result) {
            for (int c = 0; c < cols; c++) row[c] = random.nextGaussian();
        }
        return result;
    }

    private static void assertClose(String what, double[] expected, double[] actual) {
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]);
            assertTrue(error <= RELATIVE_TOLERANCE * Math.abs(expected[i]),
                    what + " element " + i + ": autograd " + actual[i] + ", by hand " + expected[i]
                            + ", relative error " + error / Math.abs(expected[i]));
        }
    }
}
