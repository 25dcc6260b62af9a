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

    /** {@code x^p} for a constant exponent; a record, so that building one per call costs no string. */
    record Power(double exponent) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }

        Tensor apply(Tensor x) {
            double[] y = new double[x.data.length];
            ElementwiseKernels.pow(x.data, exponent, y);
            return Tensor.result(this, y, x.shape, x);
        }

        @Override
        public String name() {
            return "pow(" + format(exponent) + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            if (exponent == 0) return gy.mul(0);                            // gx = 0
            return gy.mul(inputs[0].pow(exponent - 1).mul(exponent));       // gx = gy·p·x^(p−1)
        }
    }

    /** {@code min(max(x, min), max)}. */
    record Clamp(double min, double max) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }

        Tensor apply(Tensor x) {
            double[] y = new double[x.data.length];
            ElementwiseKernels.clamp(x.data, min, max, y);
            return Tensor.result(this, y, x.shape, x);
        }

        @Override
        public String name() {
            return "clamp(" + format(min) + ", " + format(max) + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return gy.mul(insideRange(inputs[0], min, max));                // gx = gy·[min ≤ x ≤ max], as PyTorch
        }
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
