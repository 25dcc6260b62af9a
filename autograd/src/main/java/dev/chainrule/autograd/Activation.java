package dev.chainrule.autograd;

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
 * An activation composed of existing ops needs neither: write it as a function. Swish with a learnable
 * β, {@code x·σ(βx)}, is just
 * <pre>{@code
 * Tensor beta = Tensor.scalar(1.0).requiresGrad(true);
 * UnaryOperator<Tensor> swish = x -> x.mul(x.mul(beta).sigmoid());   // gradients reach x and beta
 * }</pre>
 */
public final class Activation implements UnaryOperator<Tensor> {
    private final Unary.UnaryOp op;

    private Activation(Unary.UnaryOp op) {
        this.op = op;
    }

    /**
     * An activation from {@code f} and its derivative {@code derivative}, both element-wise functions of a
     * double. Differentiable once.
     */
    public static Activation of(String name, DoubleUnaryOperator f, DoubleUnaryOperator derivative) {
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
        return new Activation(new Unary.UnaryOp(name, (x, y) -> evaluate(name, f, x, y),
                (x, y, gy) -> gy.mul(derivative.apply(x))));            // gx = gy·f'(x)
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
