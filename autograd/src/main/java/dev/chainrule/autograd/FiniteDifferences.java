package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.Locale;

/**
 * The function under a gradient check at fixed inputs: evaluates it (under noGrad) with one input moved along a
 * direction, giving one column of the numeric Jacobian, a directional derivative, or the one-sided differences
 * that tell a kink from a wrong rule. The inputs are restored exactly after each evaluation.
 */
final class FiniteDifferences {
    private final TensorFunction fn;
    private final Tensor[] leaves;
    private final int[] outputShape;
    private final double eps;

    FiniteDifferences(TensorFunction fn, Tensor[] leaves, int[] outputShape, double eps) {
        this.fn = fn;
        this.leaves = leaves;
        this.outputShape = outputShape;
        this.eps = eps;
    }

    /** Column {@code element} of the Jacobian of input {@code input}: (f(x + eps·e) − f(x − eps·e)) / 2eps. */
    double[] column(int input, int element) {
        double[] x = leaves[input].data;
        double original = x[element];
        double[] plus;
        double[] minus;
        try {
            x[element] = original + eps;
            plus = evaluate();
            x[element] = original - eps;
            minus = evaluate();
        } finally {
            x[element] = original;
        }
        for (int o = 0; o < plus.length; o++) plus[o] = (plus[o] - minus[o]) / (2 * eps);
        return plus;
    }

    /** The directional derivative J·v of input {@code input}: (f(x + eps·v) − f(x − eps·v)) / 2eps. */
    double[] directional(int input, double[] direction) {
        double[] plus = along(input, direction, eps);
        double[] minus = along(input, direction, -eps);
        for (int o = 0; o < plus.length; o++) plus[o] = (plus[o] - minus[o]) / (2 * eps);
        return plus;
    }

    /**
     * A hint when the point looks non-differentiable along {@code direction} for the output projection
     * {@code weights}: the one-sided differences (f(x) − f(x − eps·v)) / eps and (f(x + eps·v) − f(x)) / eps
     * differ by more than {@code tolerance}, so the central difference, their mean, sits halfway between them
     * (relu at 0: left 0, right 1, central 0.5). Empty when they agree.
     */
    String kinkHint(int input, double[] direction, double[] weights, double tolerance) {
        double here = dot(weights, along(input, direction, 0));
        double left = (here - dot(weights, along(input, direction, -eps))) / eps;
        double right = (dot(weights, along(input, direction, eps)) - here) / eps;
        if (!(Math.abs(right - left) > tolerance)) return "";
        return String.format(Locale.ROOT, "non-differentiable point? the numeric derivative sits halfway between the"
                + " one-sided differences %s (left) and %s (right)", round(left), round(right));
    }

    /** A one-sided difference rounded to where eps leaves it meaningful, so that relu reads 0 and 1. */
    private double round(double value) {
        double digits = Math.pow(10, Math.max(0, Math.round(-Math.log10(eps)) - 2));
        return Math.round(value * digits) / digits;
    }

    private double[] along(int input, double[] direction, double step) {
        double[] x = leaves[input].data;
        double[] original = x.clone();
        try {
            for (int i = 0; i < x.length; i++) x[i] += step * direction[i];
            return evaluate();
        } finally {
            System.arraycopy(original, 0, x, 0, x.length);
        }
    }

    private double[] evaluate() {
        Tensor y;
        try (var off = Autograd.noGrad()) {
            y = fn.apply(leaves);
        }
        if (!Arrays.equals(y.shape, outputShape)) {
            throw new IllegalStateException("gradCheck: the function returned shape " + Shapes.format(y.shape)
                    + " for perturbed inputs but " + Shapes.format(outputShape) + " at first");
        }
        return y.data.clone();                            // the output may be a view sharing an input's storage
    }

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += a[i] * b[i];
        return sum;
    }

    static double[] oneHot(int length, int index) {
        double[] vector = new double[length];
        vector[index] = 1;
        return vector;
    }
}
