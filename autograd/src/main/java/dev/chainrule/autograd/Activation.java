package dev.chainrule.autograd;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * An element-wise activation defined in one line, usable anywhere a built-in such as {@link Tensor#sigmoid()}
 * is: it records the same kind of op, so graph export, anomaly mode and {@link GradCheck#locate} see it too.
 *
 * <p>Given f and f' as plain functions of a double, the activation is differentiable once (differentiating its
 * gradient again throws, naming it):
 * <pre>{@code
 * Activation softsign = Activation.of("softsign", x -> x / (1 + Math.abs(x)),
 *                                     x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))));
 * Tensor h = softsign.apply(z);
 * }</pre>
 * Given f and f' as functions of a Tensor built from Tensor ops, f' is recorded, so it is differentiable to
 * any order:
 * <pre>{@code
 * Activation softplus = Activation.ofTensorOps("softplus", x -> x.exp().add(1).log(), x -> x.sigmoid());
 * }</pre>
 * {@link #checked(String, DoubleUnaryOperator, DoubleUnaryOperator)} is {@code of} that first compares f' with
 * central differences of f on a grid of points and refuses a wrong one, naming the point:
 * <pre>{@code
 * Activation.checked("softsign", x -> x / (1 + Math.abs(x)), x -> 1 / (1 + Math.abs(x)));
 * // IllegalArgumentException: Activation.checked: the derivative of softsign is wrong at x = -6.0: ...
 * }</pre>
 * An activation composed of existing ops needs neither: write it as a function. Swish with a learnable
 * β, {@code x·σ(βx)}, is just
 * <pre>{@code
 * Tensor beta = Tensor.scalar(1.0).requiresGrad(true);
 * UnaryOperator<Tensor> swish = x -> x.mul(x.mul(beta).sigmoid());   // gradients reach x and beta
 * }</pre>
 */
public final class Activation implements UnaryOperator<Tensor> {
    /** Where {@link #checked} compares f' with f by default: −6 to 6 in steps of 0.25, then ±10 and ±20. */
    private static final double[] GRID = grid();

    private final Unary.UnaryOp op;

    private Activation(Unary.UnaryOp op) {
        this.op = op;
    }

    /**
     * An activation from {@code f} and its derivative {@code derivative}, both element-wise functions of a
     * double. Differentiable once.
     */
    public static Activation of(String name, DoubleUnaryOperator f, DoubleUnaryOperator derivative) {
        requireName("Activation.of", name);
        Unary.UnaryOp slope = new Unary.UnaryOp(name + "'", (x, y) -> map(derivative, x, y),
                (x, y, gy) -> {
                    throw new IllegalStateException("backward: the activation " + name + " was given its"
                            + " derivative as a function of a double, so it has no second derivative; define it"
                            + " with Activation.ofTensorOps(name, f, derivative) to"
                            + " differentiate twice");
                });
        return new Activation(new Unary.UnaryOp(name, (x, y) -> map(f, x, y),
                (x, y, gy) -> gy.mul(slope.apply(x))));                 // gx = gy·f'(x)
    }

    /**
     * An activation from {@code f} and its derivative {@code derivative}, both written with Tensor ops
     * (element-wise: the result has the input's shape). Differentiable to any order, since f' is recorded.
     */
    public static Activation ofTensorOps(String name, UnaryOperator<Tensor> f, UnaryOperator<Tensor> derivative) {
        requireName("Activation.ofTensorOps", name);
        return new Activation(new Unary.UnaryOp(name, (x, y) -> evaluate(name, f, x, y),
                (x, y, gy) -> gy.mul(derivative.apply(x))));            // gx = gy·f'(x)
    }

    /**
     * {@link #of}, after checking {@code derivative} against central differences of {@code f} on a grid of
     * points: −6 to 6 in steps of 0.25, then ±10 and ±20. Points where f is not finite within eps are skipped
     * (outside its domain); at a kink, where the one-sided slopes of f differ, f' may be any value between them
     * (relu' at 0 may be 0 or 1).
     *
     * @throws IllegalArgumentException naming the first point where f' disagrees, the expected and the given value
     */
    public static Activation checked(String name, DoubleUnaryOperator f, DoubleUnaryOperator derivative) {
        return checked(name, f, derivative, GRID);
    }

    /**
     * {@link #checked(String, DoubleUnaryOperator, DoubleUnaryOperator)} on the given points, e.g. for an f
     * defined on x &gt; 0 only.
     *
     * @throws IllegalArgumentException naming the first point where f' disagrees, or when no point is in f's domain
     */
    public static Activation checked(String name, DoubleUnaryOperator f, DoubleUnaryOperator derivative,
                                     double... points) {
        requireName("Activation.checked", name);
        if (points == null || points.length == 0) {
            throw new IllegalArgumentException("Activation.checked: no points to check " + name + " at");
        }
        int checked = 0;
        for (double x : points) if (checkDerivativeAt(name, f, derivative, x)) checked++;
        if (checked == 0) {
            throw new IllegalArgumentException("Activation.checked: f of " + name + " is not finite near any of the"
                    + " points " + Arrays.toString(points) + "; pass points inside its domain");
        }
        return of(name, f, derivative);
    }

    /**
     * Compares f'(x) with f's central difference at x, or, at a kink, with the range of its one-sided slopes.
     * Returns false when f is not finite within eps of x, so x was not checked.
     */
    private static boolean checkDerivativeAt(String name, DoubleUnaryOperator f, DoubleUnaryOperator derivative,
                                             double x) {
        GradCheck.Options tolerance = GradCheck.Options.DEFAULT;
        double h = tolerance.eps();
        double here = f.applyAsDouble(x);
        double right = (f.applyAsDouble(x + h) - here) / h;
        double left = (here - f.applyAsDouble(x - h)) / h;
        if (!Double.isFinite(left) || !Double.isFinite(right)) return false;
        double central = (left + right) / 2;                     // (f(x + h) − f(x − h)) / 2h
        double allowed = tolerance.atol() + tolerance.rtol() * Math.abs(central);
        double given = derivative.applyAsDouble(x);
        if (Math.abs(right - left) > allowed) {                  // a kink: any slope between the one-sided ones
            if (!(given >= Math.min(left, right) - allowed && given <= Math.max(left, right) + allowed)) {
                throw new IllegalArgumentException("Activation.checked: the derivative of " + name + " is wrong at"
                        + " x = " + x + ", a kink of f: expected a value between the one-sided slopes "
                        + Math.round(left * 1e4) / 1e4 + " and " + Math.round(right * 1e4) / 1e4 + ", given " + given);
            }
        } else if (!(Math.abs(given - central) <= allowed)) {
            throw new IllegalArgumentException("Activation.checked: the derivative of " + name + " is wrong at x = "
                    + x + ": expected " + central + " (central difference of f), given " + given);
        }
        return true;
    }

    private static void requireName(String method, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(method + ": the name is empty; it names the op in errors and graphs");
        }
    }

    private static double[] grid() {
        double[] points = new double[49 + 4];
        for (int i = 0; i < 49; i++) points[i] = -6 + 0.25 * i;
        points[49] = -20;
        points[50] = -10;
        points[51] = 10;
        points[52] = 20;
        return points;
    }

    /** The activation's name, as graph exports and error messages show it. */
    public String name() {
        return op.name();
    }

    /** Applies the activation element-wise. */
    @Override
    public Tensor apply(Tensor x) {
        return op.apply(x);
    }

    @Override
    public String toString() {
        return "Activation(" + name() + ")";
    }

    private static void map(DoubleUnaryOperator f, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] = f.applyAsDouble(x[i]);
    }

    private static void evaluate(String name, UnaryOperator<Tensor> f, double[] x, double[] y) {
        Tensor result;
        try (var off = Autograd.noGrad()) {
            result = f.apply(new Tensor(x, new int[] {x.length}));
        }
        if (result.data.length != y.length) {
            throw new IllegalStateException(name + ": the function returned " + result.data.length
                    + " values for " + y.length + " inputs; an activation must be element-wise");
        }
        System.arraycopy(result.data, 0, y, 0, y.length);
    }
}
