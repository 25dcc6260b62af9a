package dev.chainrule.exercises.solutions;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.exercises.FanOutGradient;
import dev.chainrule.exercises.HessianVectorProduct;
import dev.chainrule.exercises.HiddenWeightGradient;
import dev.chainrule.exercises.LayerGradients;
import dev.chainrule.exercises.NetworkGradient;
import dev.chainrule.exercises.NetworkGradients;
import dev.chainrule.exercises.OutputWeightGradient;
import dev.chainrule.exercises.OwnActivation;
import dev.chainrule.exercises.ReluLayer;
import dev.chainrule.exercises.SigmoidCrossEntropy;
import dev.chainrule.exercises.SigmoidDerivative;
import dev.chainrule.exercises.SoftmaxCrossEntropy;
import dev.chainrule.exercises.TanhLayer;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * The reference solutions, one per exercise, in plain arithmetic (exercise 9 in Tensor ops). Kept in test sources
 * so that they never ship in the jar a student uses.
 */
public final class ReferenceSolutions {
    private ReferenceSolutions() {}

    /** The solutions in exercise order. */
    public static List<Object> all() {
        return List.of(sigmoidDerivative(), sigmoidCrossEntropy(), outputWeightGradient(), hiddenWeightGradient(),
                softmaxCrossEntropy(), tanhLayer(), reluLayer(), fanOutGradient(), networkGradient(),
                ownActivation(), hessianVectorProduct());
    }

    static double sigmoid(double a) {
        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
    }

    public static SigmoidDerivative sigmoidDerivative() {
        return a -> sigmoid(a) * (1 - sigmoid(a));                                  // σ' = σ(1 − σ)
    }

    public static SigmoidCrossEntropy sigmoidCrossEntropy() {
        return (a, t) -> sigmoid(a) - t;                                            // dJ/da = y − t
    }

    public static OutputWeightGradient outputWeightGradient() {
        return (z, v, t) -> {
            double[] g = new double[v.length];
            for (int r = 0; r < z.length; r++) {
                double error = sigmoid(dot(z[r], v)) - t[r];
                for (int j = 0; j < v.length; j++) g[j] += error * z[r][j];         // Σ_r (y_r − t_r) z_rj
            }
            return g;
        };
    }

    public static HiddenWeightGradient hiddenWeightGradient() {
        return (x, w, v, t) -> {
            double[][] g = new double[w.length][v.length];
            for (int r = 0; r < x.length; r++) {
                double[] z = hidden(x[r], w);
                double error = sigmoid(dot(z, v)) - t[r];
                for (int i = 0; i < w.length; i++) {
                    for (int j = 0; j < v.length; j++) {
                        g[i][j] += error * v[j] * z[j] * (1 - z[j]) * x[r][i];     // Σ_r (y − t) v_j z_j(1 − z_j) x_i
                    }
                }
            }
            return g;
        };
    }

    public static SoftmaxCrossEntropy softmaxCrossEntropy() {
        return (a, target) -> {
            double max = Double.NEGATIVE_INFINITY;
            for (double value : a) max = Math.max(max, value);
            double total = 0;
            double[] g = new double[a.length];
            for (int k = 0; k < a.length; k++) total += g[k] = Math.exp(a[k] - max);
            for (int k = 0; k < a.length; k++) g[k] /= total;
            g[target] -= 1;                                                         // y − t
            return g;
        };
    }

    public static TanhLayer tanhLayer() {
        return (x, w, upstream) -> layer(x, w, upstream, a -> 1 - Math.tanh(a) * Math.tanh(a));
    }

    public static ReluLayer reluLayer() {
        return (x, w, upstream) -> layer(x, w, upstream, a -> a > 0 ? 1 : 0);
    }

    /** δ = upstream ⊙ f'(xW); dJ/dW = xᵀδ, dJ/dx = δWᵀ. */
    public static LayerGradients layer(double[][] x, double[][] w, double[][] upstream, DoubleUnaryOperator slope) {
        int rows = x.length;
        int inputs = w.length;
        int hidden = w[0].length;
        double[][] delta = new double[rows][hidden];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < hidden; j++) {
                double a = 0;
                for (int i = 0; i < inputs; i++) a += x[r][i] * w[i][j];
                delta[r][j] = upstream[r][j] * slope.applyAsDouble(a);
            }
        }
        double[][] dw = new double[inputs][hidden];
        double[][] dx = new double[rows][inputs];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < inputs; i++) {
                for (int j = 0; j < hidden; j++) {
                    dw[i][j] += x[r][i] * delta[r][j];
                    dx[r][i] += delta[r][j] * w[i][j];
                }
            }
        }
        return new LayerGradients(dw, dx);
    }

    public static FanOutGradient fanOutGradient() {
        return (a, v, t) -> {
            double z = sigmoid(a);
            double sum = 0;
            for (int k = 0; k < v.length; k++) sum += (sigmoid(z * v[k]) - t[k]) * v[k];   // every path
            return sum * z * (1 - z);
        };
    }

    public static NetworkGradient networkGradient() {
        return (x, w, v, t) -> {
            Tensor z = x.matmul(w).sigmoid();
            Tensor error = z.matmul(v).softmax(1).sub(t);                           // E = Y − T
            Tensor hiddenError = error.matmul(v.t()).mul(z).mul(z.neg().add(1));     // EVᵀ ⊙ Z ⊙ (1 − Z)
            return new NetworkGradients(x.t().matmul(hiddenError), z.t().matmul(error));
        };
    }

    /** Softsign, x / (1 + |x|), with f' = 1 / (1 + |x|)². */
    public static OwnActivation ownActivation() {
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
                return 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x)));
            }
        };
    }

    public static HessianVectorProduct hessianVectorProduct() {
        return (x, t, w, u) -> {
            double[] product = new double[w.length];
            for (double[] row : x) {
                double y = sigmoid(dot(row, w));
                double scale = y * (1 - y) * dot(row, u);                           // y(1 − y)(x·u)
                for (int i = 0; i < w.length; i++) product[i] += scale * row[i];
            }
            return product;
        };
    }

    public static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }

    public static double[] hidden(double[] x, double[][] w) {
        double[] z = new double[w[0].length];
        for (int j = 0; j < z.length; j++) {
            double a = 0;
            for (int i = 0; i < x.length; i++) a += x[i] * w[i][j];
            z[j] = sigmoid(a);
        }
        return z;
    }
}
