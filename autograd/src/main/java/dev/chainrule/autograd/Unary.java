package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.ElementwiseKernels;

/** Element-wise ops of one input. Rule arguments: x, y, gy; each rule returns gx. */
final class Unary {
    private Unary() {}

    /** Fills {@code y} from {@code x}, both of one length. */
    @FunctionalInterface
    interface Kernel {
        void apply(double[] x, double[] y);
    }

    /** The gradient of the input given the input, the output and the upstream gradient. */
    @FunctionalInterface
    interface Rule {
        Tensor gradient(Tensor x, Tensor y, Tensor gy);
    }

    /** An element-wise op of one input; its output has the input's shape. */
    record UnaryOp(String name, Kernel kernel, Rule rule) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            double[] y = new double[x.data.length];
            kernel.apply(x.data, y);
            return Tensor.result(this, y, x.shape, x);
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return rule.gradient(inputs[0], output, gy);
        }
    }

    static final UnaryOp NEG = new UnaryOp("neg", ElementwiseKernels::neg,
            (x, y, gy) -> gy.neg());                                        // gx = −gy
    static final UnaryOp EXP = new UnaryOp("exp", ElementwiseKernels::exp,
            (x, y, gy) -> gy.mul(y));                                       // gx = gy·eˣ = gy·y
    static final UnaryOp LOG = new UnaryOp("log", ElementwiseKernels::log,
            (x, y, gy) -> gy.div(x));                                       // gx = gy / x
    static final UnaryOp SQRT = new UnaryOp("sqrt", ElementwiseKernels::sqrt,
            (x, y, gy) -> gy.div(y.mul(2)));                                // gx = gy / (2√x)
    static final UnaryOp ABS = new UnaryOp("abs", ElementwiseKernels::abs,
            (x, y, gy) -> gy.mul(x.sign()));                                // gx = gy·sign(x); 0 at x = 0, as PyTorch
    static final UnaryOp TANH = new UnaryOp("tanh", ElementwiseKernels::tanh,
            (x, y, gy) -> gy.mul(y.mul(y).neg().add(1)));                   // gx = gy·(1 − y²)
    static final UnaryOp SIGMOID = new UnaryOp("sigmoid", ElementwiseKernels::sigmoid,
            (x, y, gy) -> gy.mul(y.mul(y.neg().add(1))));                   // gx = gy·y·(1 − y)
    static final UnaryOp RELU = new UnaryOp("relu", ElementwiseKernels::relu,
            (x, y, gy) -> gy.mul(x.gt(0)));                                 // gx = gy·[x > 0]; 0 at x = 0, as PyTorch

    /** {@code x^p} for a constant exponent. */
    static UnaryOp pow(double p) {
        if (p == 0) {
            return new UnaryOp("pow(0)", (x, y) -> java.util.Arrays.fill(y, 1.0),
                    (x, y, gy) -> gy.mul(0));                               // gx = 0
        }
        return new UnaryOp("pow(" + format(p) + ")", (x, y) -> ElementwiseKernels.pow(x, p, y),
                (x, y, gy) -> gy.mul(x.pow(p - 1).mul(p)));                 // gx = gy·p·x^(p−1)
    }

    /** {@code min(max(x, min), max)}. */
    static UnaryOp clamp(double min, double max) {
        return new UnaryOp("clamp(" + format(min) + ", " + format(max) + ")",
                (x, y) -> ElementwiseKernels.clamp(x, min, max, y),
                (x, y, gy) -> gy.mul(insideRange(x, min, max)));            // gx = gy·[min ≤ x ≤ max], as PyTorch
    }

    private static Tensor insideRange(Tensor x, double min, double max) {
        double[] mask = new double[x.data.length];
        ElementwiseKernels.insideRange(x.data, min, max, mask);
        return new Tensor(mask, x.shape);
    }

    /** A constant result that records nothing, for functions whose derivative is zero almost everywhere. */
    static Tensor constant(Kernel kernel, Tensor x) {
        double[] y = new double[x.data.length];
        kernel.apply(x.data, y);
        return new Tensor(y, x.shape);
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
