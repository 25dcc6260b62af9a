package dev.chainrule.examples;

import dev.chainrule.autograd.Activation;
import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.loss.Reduction;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;

/**
 * The students' exercise: derive backpropagation by hand, then check it.
 *
 * <p>The tutorial's network, for inputs x (N×D), one-hot targets t (N×K):
 * <pre>
 *   z = σ(x W)          hidden layer, W is D×H
 *   y = softmax(z V)    output, V is H×K
 *   J = −Σₙ Σₖ tₙₖ log yₙₖ
 * </pre>
 * and the gradients the tutorial derives with the chain rule:
 * <pre>
 *   dJ/dV = zᵀ (y − t)
 *   dJ/dW = xᵀ [ ((y − t) Vᵀ) ∘ z ∘ (1 − z) ]      the last two factors are σ'(xW)
 * </pre>
 * The program computes them three ways: the formulas above on plain arrays, autograd, and central finite
 * differences {@code (J(w + ε) − J(w − ε)) / 2ε}. Then it plants the classic mistake, forgetting σ', and shows
 * the check failing; and the same mistake inside an op, where {@link GradCheck#locate} names the op.
 */
public final class GradCheckExample {
    static final int N = 4;
    static final int D = 3;
    static final int H = 4;
    static final int K = 2;
    /** A relative error above this means a wrong gradient; correct ones come out near 1e-9. */
    static final double TOLERANCE = 1e-5;
    static final double EPS = 1e-6;

    private GradCheckExample() {}

    /**
     * What the checks found.
     *
     * @param maxRelErrorHand      worst relative error of the correct hand-derived gradient against finite differences
     * @param maxRelErrorAutograd  the same for autograd
     * @param maxRelErrorPlanted   the same for the hand derivation missing σ'
     * @param plantedWrongEntries  how many of the W entries the check flags as wrong in the planted version
     * @param plantedCaught        whether the check flagged the planted mistake
     * @param gradCheckPassed      whether {@link GradCheck} passed autograd's gradients of the network
     * @param locatedOp            the op {@link GradCheck#locate} blamed for the wrong custom activation, or empty
     */
    public record Result(int weights, double maxRelErrorHand, double maxRelErrorAutograd, double maxRelErrorPlanted,
                         int plantedWrongEntries, boolean plantedCaught, boolean gradCheckPassed, String locatedOp)
            implements ExampleResult {
        @Override
        public String summary() {
            return String.format(Locale.ROOT, "For all %d weights the hand-derived gradients agree with finite differences "
                    + "(worst relative error %.1e) and so do autograd's (%.1e). With the factor sigma' = z(1 - z) "
                    + "left out of dJ/dW, %d of the %d entries of W disagree (worst relative error %.2f): the check %s "
                    + "the planted mistake. GradCheck %s autograd's gradients, and GradCheck.locate blamed the op '%s' "
                    + "for the same mistake made inside a custom activation.", weights, maxRelErrorHand,
                    maxRelErrorAutograd, plantedWrongEntries, D * H, maxRelErrorPlanted,
                    plantedCaught ? "caught" : "MISSED", gradCheckPassed ? "passed" : "FAILED", locatedOp);
        }
    }

    /** Checks the hand-derived gradients against finite differences, a planted mistake included. */
    public static Result run(ExampleOptions options) {
        // The data and the starting weights, from the seed.
        Random random = new Random(options.seed());
        double[][] x = randomMatrix(random, N, D, 1.0);
        double[][] t = new double[N][K];
        for (int n = 0; n < N; n++) t[n][random.nextInt(K)] = 1;
        double[][] w = randomMatrix(random, D, H, 1.0);
        double[][] v = randomMatrix(random, H, K, 1.0);

        // 1. By hand, 2. by autograd, 3. by finite differences.
        Gradients hand = handDerived(x, t, w, v, true);
        Gradients auto = autograd(x, t, w, v);
        Gradients numeric = finiteDifferences(x, t, w, v);

        options.println("J = %.10f for N=%d samples, a %d-%d-%d network (%d weights)", loss(x, t, w, v), N, D, H, K, D * H + H * K);
        options.println("%n%-8s %14s %14s %14s %10s %10s", "weight", "hand", "autograd", "numeric", "rel(hand)", "rel(auto)");
        double worstHand = 0;
        double worstAuto = 0;
        for (int which = 0; which < 2; which++) {
            double[][] h = which == 0 ? hand.dw : hand.dv;
            double[][] a = which == 0 ? auto.dw : auto.dv;
            double[][] f = which == 0 ? numeric.dw : numeric.dv;
            for (int i = 0; i < h.length; i++) {
                for (int j = 0; j < h[i].length; j++) {
                    double rh = relativeError(h[i][j], f[i][j]);
                    double ra = relativeError(a[i][j], f[i][j]);
                    worstHand = Math.max(worstHand, rh);
                    worstAuto = Math.max(worstAuto, ra);
                    options.println("%-8s %14.8f %14.8f %14.8f %10.1e %10.1e", (which == 0 ? "W" : "V") + "[" + i + "][" + j + "]",
                            h[i][j], a[i][j], f[i][j], rh, ra);
                }
            }
        }
        options.println("Worst relative error: hand %.1e, autograd %.1e (tolerance %.0e).", worstHand, worstAuto, TOLERANCE);

        // 4. The planted mistake: dJ/dW without the sigma' factor z(1 - z).
        Gradients planted = handDerived(x, t, w, v, false);
        options.println("%nPlanted mistake: dJ/dW = x^T [ ((y - t) V^T) ] with the factor z(1 - z) forgotten:");
        options.println("%-8s %14s %14s %10s", "weight", "planted", "numeric", "rel");
        double worstPlanted = 0;
        int wrong = 0;
        for (int i = 0; i < D; i++) {
            for (int j = 0; j < H; j++) {
                double r = relativeError(planted.dw[i][j], numeric.dw[i][j]);
                worstPlanted = Math.max(worstPlanted, r);
                if (r > TOLERANCE) wrong++;
                options.println("%-8s %14.8f %14.8f %10.1e %s", "W[" + i + "][" + j + "]", planted.dw[i][j], numeric.dw[i][j],
                        r, r > TOLERANCE ? "<- WRONG" : "");
            }
        }
        options.println("The check flags %d of %d entries of dJ/dW; dJ/dV does not involve sigma' and stays right.", wrong, D * H);

        // 5. The library's checker on the autograd version, and the same mistake made inside an op.
        Tensor xs = Tensor.of(x);
        int[] classes = new int[N];
        for (int n = 0; n < N; n++) classes[n] = t[n][1] == 1 ? 1 : 0;
        GradCheck.Report report = GradCheck.check(p -> networkLoss(xs, classes, p[0], p[1], Tensor::sigmoid),
                Tensor.of(w).requiresGrad(true), Tensor.of(v).requiresGrad(true));
        options.println("%nGradCheck on autograd's network: %s", report);
        Activation forgetful = Activation.of("sigmoid_without_derivative", GradCheckExample::sigmoid, s -> 1.0);
        Optional<GradCheck.Finding> finding = GradCheck.locate(p -> networkLoss(xs, classes, p[0], p[1], forgetful),
                Tensor.of(w).requiresGrad(true), Tensor.of(v).requiresGrad(true));
        options.println("GradCheck.locate on a network whose activation claims sigma'(s) = 1:%n  %s",
                finding.map(Object::toString).orElse("nothing found"));
        return new Result(D * H + H * K, worstHand, worstAuto, worstPlanted, wrong, wrong > 0 && worstPlanted > TOLERANCE,
                report.passed(), finding.map(GradCheck.Finding::op).orElse(""));
    }

    /** Both weight gradients of J. */
    record Gradients(double[][] dw, double[][] dv) {}

    /** The tutorial's formulas; with {@code withSigmaPrime} false, the planted mistake. */
    static Gradients handDerived(double[][] x, double[][] t, double[][] w, double[][] v, boolean withSigmaPrime) {
        double[][] z = sigmoid(matmul(x, w));
        double[][] y = softmax(matmul(z, v));
        double[][] delta = new double[N][K];                              // dJ/d(zV) = y − t
        for (int n = 0; n < N; n++) for (int k = 0; k < K; k++) delta[n][k] = y[n][k] - t[n][k];
        double[][] dv = matmul(transpose(z), delta);                      // dJ/dV = zᵀ (y − t)
        double[][] back = matmul(delta, transpose(v));                    // dJ/dz = (y − t) Vᵀ
        for (int n = 0; n < N; n++) {
            for (int h = 0; h < H; h++) {
                if (withSigmaPrime) back[n][h] *= z[n][h] * (1 - z[n][h]); // dJ/d(xW) = dJ/dz ∘ σ'(xW)
            }
        }
        double[][] dw = matmul(transpose(x), back);                       // dJ/dW = xᵀ dJ/d(xW)
        return new Gradients(dw, dv);
    }

    /** The same network with Tensors; backward() does the chain rule. */
    static Gradients autograd(double[][] x, double[][] t, double[][] w, double[][] v) {
        Tensor wt = Tensor.of(w).requiresGrad(true);
        Tensor vt = Tensor.of(v).requiresGrad(true);
        int[] classes = new int[N];
        for (int n = 0; n < N; n++) classes[n] = t[n][1] == 1 ? 1 : 0;
        networkLoss(Tensor.of(x), classes, wt, vt, Tensor::sigmoid).backward();
        return new Gradients(toMatrix(wt.grad()), toMatrix(vt.grad()));
    }

    static Tensor networkLoss(Tensor x, int[] classes, Tensor w, Tensor v, java.util.function.UnaryOperator<Tensor> activation) {
        Tensor z = activation.apply(x.matmul(w));
        return Losses.crossEntropy(z.matmul(v), classes, Reduction.SUM);   // −Σ log softmax(zV)[n, tₙ]
    }

    /** Central differences, one weight at a time. */
    static Gradients finiteDifferences(double[][] x, double[][] t, double[][] w, double[][] v) {
        double[][] dw = new double[D][H];
        double[][] dv = new double[H][K];
        for (double[][][] pair : new double[][][][] {{w, dw}, {v, dv}}) {
            double[][] m = pair[0];
            for (int i = 0; i < m.length; i++) {
                for (int j = 0; j < m[i].length; j++) {
                    double saved = m[i][j];
                    m[i][j] = saved + EPS;
                    double plus = loss(x, t, w, v);
                    m[i][j] = saved - EPS;
                    double minus = loss(x, t, w, v);
                    m[i][j] = saved;
                    pair[1][i][j] = (plus - minus) / (2 * EPS);
                }
            }
        }
        return new Gradients(dw, dv);
    }

    static double loss(double[][] x, double[][] t, double[][] w, double[][] v) {
        double[][] y = softmax(matmul(sigmoid(matmul(x, w)), v));
        double j = 0;
        for (int n = 0; n < N; n++) for (int k = 0; k < K; k++) j -= t[n][k] * Math.log(y[n][k]);
        return j;
    }

    /** |a − b| / max(|a|, |b|), and 0 when both are (nearly) 0. */
    static double relativeError(double a, double b) {
        double scale = Math.max(Math.abs(a), Math.abs(b));
        return scale < 1e-12 ? 0 : Math.abs(a - b) / scale;
    }

    static double sigmoid(double s) {
        return 1 / (1 + Math.exp(-s));
    }

    static double[][] sigmoid(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) r[i][j] = sigmoid(a[i][j]);
        }
        return r;
    }

    static double[][] softmax(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (double value : a[i]) max = Math.max(max, value);
            double sum = 0;
            r[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) sum += r[i][j] = Math.exp(a[i][j] - max);
            for (int j = 0; j < a[i].length; j++) r[i][j] /= sum;
        }
        return r;
    }

    static double[][] matmul(double[][] a, double[][] b) {
        double[][] r = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                for (int j = 0; j < b[0].length; j++) r[i][j] += a[i][k] * b[k][j];
            }
        }
        return r;
    }

    static double[][] transpose(double[][] a) {
        double[][] r = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) r[j][i] = a[i][j];
        return r;
    }

    private static double[][] randomMatrix(Random random, int rows, int columns, double scale) {
        double[][] r = new double[rows][columns];
        for (int i = 0; i < rows; i++) for (int j = 0; j < columns; j++) r[i][j] = scale * random.nextGaussian();
        return r;
    }

    private static double[][] toMatrix(Tensor tensor) {
        int rows = tensor.size(0);
        int columns = tensor.size(1);
        double[] flat = tensor.toArray();
        double[][] r = new double[rows][columns];
        for (int i = 0; i < rows; i++) System.arraycopy(flat, i * columns, r[i], 0, columns);
        return r;
    }
}
