package dev.chainrule.autograd;

import static dev.chainrule.autograd.internal.kernels.ActivationKernels.SELU_ALPHA;
import static dev.chainrule.autograd.internal.kernels.ActivationKernels.SELU_SCALE;

import dev.chainrule.autograd.internal.kernels.ActivationKernels;
import dev.chainrule.autograd.internal.kernels.ElementwiseKernels;
import dev.chainrule.autograd.internal.kernels.Parallel;

/** Element-wise ops of one input. Rule arguments: x, y, gy; each rule returns gx. */
final class Unary {
    private Unary() {}

    /** Fills {@code y} from {@code x}, both of one length. */
    @FunctionalInterface
    interface Kernel {
        void apply(double[] x, double[] y);
    }

    /** Fills {@code y[from, to)} from {@code x[from, to)}: a kernel whose work can be split. */
    @FunctionalInterface
    interface RangeKernel {
        void apply(double[] x, double[] y, int from, int to);
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
            return Tensor.result(this, compute(kernel, x), x.shape, x);
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return rule.gradient(inputs[0], output, gy);
        }
    }

    /**
     * An element-wise op with parameters (an exponent, bounds, a slope): a record of them, so that building one
     * per call costs no string, whose {@link #name()} shows them, e.g. {@code clamp(-1, 1)}.
     */
    interface Parameterized extends Op {
        /** Fills {@code y} from {@code x}, both of one length. */
        void kernel(double[] x, double[] y);

        /** The gradient of the input given the input, the output and the upstream gradient. */
        Tensor gradient(Tensor x, Tensor y, Tensor gy);

        @Override
        default Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }

        default Tensor apply(Tensor x) {
            return Tensor.result(this, compute(this::kernel, x), x.shape, x);
        }

        @Override
        default Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return gradient(inputs[0], output, gy);
        }
    }

    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;
    private static final double SQRT_1_2 = 0.7071067811865476;
    private static final double ONE_OVER_SQRT_2PI = 0.3989422804014327;

    static final UnaryOp NEG = new UnaryOp("neg", split(ElementwiseKernels::neg),
            (x, y, gy) -> gy.neg());                                        // gx = −gy
    static final UnaryOp EXP = new UnaryOp("exp", split(ElementwiseKernels::exp),
            (x, y, gy) -> gy.mul(y));                                       // gx = gy·eˣ = gy·y
    static final UnaryOp LOG = new UnaryOp("log", split(ElementwiseKernels::log),
            (x, y, gy) -> gy.div(x));                                       // gx = gy / x
    static final UnaryOp SQRT = new UnaryOp("sqrt", split(ElementwiseKernels::sqrt),
            (x, y, gy) -> gy.div(y.mul(2)));                                // gx = gy / (2√x)
    static final UnaryOp ABS = new UnaryOp("abs", split(ElementwiseKernels::abs),
            (x, y, gy) -> gy.mul(x.sign()));                                // gx = gy·sign(x); 0 at x = 0, as PyTorch
    static final UnaryOp TANH = new UnaryOp("tanh", split(ElementwiseKernels::tanh),
            (x, y, gy) -> Binary.TANH_GRADIENT.apply(gy, y));               // gx = gy·(1 − y²)
    static final UnaryOp SIGMOID = new UnaryOp("sigmoid", split(ElementwiseKernels::sigmoid),
            (x, y, gy) -> Binary.SIGMOID_GRADIENT.apply(gy, y));            // gx = gy·y·(1 − y)
    static final UnaryOp RELU = new UnaryOp("relu", split(ElementwiseKernels::relu),
            (x, y, gy) -> Binary.PASS_WHERE_POSITIVE.apply(gy, x));         // gx = gy·[x > 0]; 0 at x = 0, as PyTorch
    static final UnaryOp SIN = new UnaryOp("sin", split(ElementwiseKernels::sin),
            (x, y, gy) -> gy.mul(x.cos()));                                 // gx = gy·cos x
    static final UnaryOp COS = new UnaryOp("cos", split(ElementwiseKernels::cos),
            (x, y, gy) -> gy.mul(x.sin()).neg());                           // gx = −gy·sin x
    static final UnaryOp LOG1P = new UnaryOp("log1p", split(ElementwiseKernels::log1p),
            (x, y, gy) -> gy.div(x.add(1)));                                // gx = gy / (1 + x)
    static final UnaryOp EXPM1 = new UnaryOp("expm1", split(ElementwiseKernels::expm1),
            (x, y, gy) -> gy.mul(x.exp()));                                 // gx = gy·eˣ (y + 1 loses eˣ for x ≪ 0)
    static final UnaryOp ERF = new UnaryOp("erf", split(ElementwiseKernels::erf),
            (x, y, gy) -> gy.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI)));  // gx = gy·(2/√π)·e^(−x²)
    static final UnaryOp ERFC = new UnaryOp("erfc", split(ElementwiseKernels::erfc),
            (x, y, gy) -> gy.mul(x.mul(x).neg().exp().mul(-TWO_OVER_SQRT_PI))); // gx = −gy·(2/√π)·e^(−x²)
    static final UnaryOp SELU = new UnaryOp("selu", split(ActivationKernels::selu),
            (x, y, gy) -> gy.mul(eluSlope(x, SELU_ALPHA, SELU_SCALE)));     // gx = gy·λ·(x > 0 ? 1 : α·eˣ); λα at 0
    static final UnaryOp GELU = new UnaryOp("gelu", split(ActivationKernels::gelu),
            (x, y, gy) -> gy.mul(normalCdf(x).add(x.mul(normalPdf(x)))));   // gx = gy·(Φ(x) + x·φ(x))
    static final UnaryOp GELU_TANH = new UnaryOp("geluTanh", split(ActivationKernels::geluTanh),
            (x, y, gy) -> gy.mul(geluTanhSlope(x)));                        // gx = gy·(s + 2x·s·(1 − s)·u')
    static final UnaryOp SILU = new UnaryOp("silu", split(ActivationKernels::silu),
            (x, y, gy) -> {
                Tensor complement = x.neg().sigmoid();                      // 1 − σ(x) = σ(−x), no cancellation
                return gy.mul(x.sigmoid().mul(x.mul(complement).add(1)));   // gx = gy·σ(x)·(1 + x·(1 − σ(x)))
            });
    static final UnaryOp MISH = new UnaryOp("mish", split(ActivationKernels::mish),
            (x, y, gy) -> gy.mul(Unary.MISH_SLOPE.apply(x)));               // gx = gy·(t + x·σ(x)·(1 − t²)), t = tanh(softplus x)
    /**
     * mish's derivative {@code t + x·σ(x)·(1 − t²)} in one pass (one exponential; see ActivationKernels), its own op
     * so that mish's rule stays differentiable: its rule is mish's second derivative, composed.
     */
    static final UnaryOp MISH_SLOPE = new UnaryOp("mishSlope", split(ActivationKernels::mishSlope),
            (x, y, gy) -> {
                Tensor s = x.sigmoid();
                Tensor t = x.softplus().tanh();
                Tensor w = t.mul(t).neg().add(1);
                Tensor bracket = x.mul(s.neg().add(1)).sub(x.mul(s).mul(t).mul(2)).add(2);
                return gy.mul(s.mul(w).mul(bracket));                       // gx = gy·σw·(2 + x(1 − σ) − 2xσt), w = 1 − t²
            });
    static final UnaryOp SOFTSIGN = new UnaryOp("softsign", split(ActivationKernels::softsign),
            (x, y, gy) -> gy.div(x.abs().add(1).pow(2)));                   // gx = gy / (1 + |x|)²

    /** The standard normal CDF {@code Φ(x) = ½·(1 + erf(x/√2)) = ½·erfc(−x/√2)}, the latter accurate for x ≪ 0. */
    private static Tensor normalCdf(Tensor x) {
        return x.mul(-SQRT_1_2).erfc().mul(0.5);
    }

    /** The standard normal density {@code φ(x) = e^(−x²/2)/√(2π)}. */
    private static Tensor normalPdf(Tensor x) {
        return x.mul(x).mul(-0.5).exp().mul(ONE_OVER_SQRT_2PI);
    }

    /**
     * The derivative of {@code x·σ(2u)} (equal to ½x(1 + tanh u)), u = √(2/π)(x + 0.044715x³):
     * {@code s + 2x·s·(1 − s)·u'} with s = σ(2u), 1 − s = σ(−2u) and u' = √(2/π)(1 + 3·0.044715x²). This is
     * PyTorch's {@code gelu_backward} for approximate='tanh', ½(1 + tanh u) + ½x(1 − tanh²u)u', with
     * ½(1 + tanh u) = s, but without the cancellation in 1 − tanh²u where |u| is large.
     */
    private static Tensor geluTanhSlope(Tensor x) {
        double k = ActivationKernels.GELU_TANH_CUBIC;
        double c = ActivationKernels.SQRT_2_OVER_PI;
        Tensor twoU = x.pow(3).mul(k).add(x).mul(2 * c);
        Tensor s = twoU.sigmoid();
        Tensor uSlope = x.mul(x).mul(3 * k * c).add(c);
        return s.add(x.mul(2).mul(s).mul(twoU.neg().sigmoid()).mul(uSlope));
    }

    /**
     * The slope of {@code scale·elu(x, α)} as PyTorch's {@code elu_backward} computes it, {@code x <= 0 ?
     * scale·α·eˣ : scale}: so scale·α at 0 (and scale at NaN). The exponent is min(x, 0), so that the branch not
     * taken stays finite and its recorded gradient (0 there) never meets 0·∞.
     */
    private static Tensor eluSlope(Tensor x, double alpha, double scale) {
        Tensor negative = x.clamp(Double.NEGATIVE_INFINITY, 0).exp().mul(scale * alpha);
        return Tensor.where(x.le(0), negative, Tensor.scalar(scale));
    }

    /** {@code x^p} for a constant exponent. */
    record Power(double exponent) implements Parameterized {
        @Override
        public String name() {
            return "pow(" + format(exponent) + ")";
        }

        @Override
        public void kernel(double[] x, double[] y) {
            ElementwiseKernels.pow(x, exponent, y);
        }

        @Override
        public Tensor gradient(Tensor x, Tensor y, Tensor gy) {
            if (exponent == 0) return gy.mul(0);                            // gx = 0
            return gy.mul(x.pow(exponent - 1).mul(exponent));               // gx = gy·p·x^(p−1)
        }
    }

    /** {@code min(max(x, min), max)}. */
    record Clamp(double min, double max) implements Parameterized {
        @Override
        public String name() {
            return "clamp(" + format(min) + ", " + format(max) + ")";
        }

        @Override
        public void kernel(double[] x, double[] y) {
            ElementwiseKernels.clamp(x, min, max, y);
        }

        @Override
        public Tensor gradient(Tensor x, Tensor y, Tensor gy) {
            Tensor derivative = constant((in, out) -> ElementwiseKernels.insideRange(in, min, max, out), x);
            return gy.mul(derivative);                                      // gx = gy·[min ≤ x ≤ max], as PyTorch
        }
    }

    /** {@code min(max(x, min), max)} with PyTorch's hardtanh slope: 1 strictly inside (min, max), 0 on the bounds. */
    record HardTanh(double min, double max) implements Parameterized {
        @Override
        public String name() {
            return "hardTanh(" + format(min) + ", " + format(max) + ")";
        }

        @Override
        public void kernel(double[] x, double[] y) {
            ElementwiseKernels.clamp(x, min, max, y);
        }

        @Override
        public Tensor gradient(Tensor x, Tensor y, Tensor gy) {
            Tensor derivative = constant((in, out) -> ActivationKernels.hardTanhSlope(in, min, max, out), x);
            return gy.mul(derivative);                                      // gx = gy·[min < x < max], as PyTorch
        }
    }

    /** {@code (1/β)·ln(1 + e^(βx))}. */
    record Softplus(double beta) implements Parameterized {
        @Override
        public String name() {
            return "softplus(" + format(beta) + ")";
        }

        @Override
        public void kernel(double[] x, double[] y) {
            ActivationKernels.softplus(x, beta, y);
        }

        @Override
        public Tensor gradient(Tensor x, Tensor y, Tensor gy) {
            return gy.mul(x.mul(beta).sigmoid());                           // gx = gy·σ(βx)
        }
    }

    /** {@code x} for x &gt; 0, else {@code α·(eˣ − 1)}. */
    record Elu(double alpha) implements Parameterized {
        @Override
        public String name() {
            return "elu(" + format(alpha) + ")";
        }

        @Override
        public void kernel(double[] x, double[] y) {
            ActivationKernels.elu(x, alpha, 1, y);
        }

        @Override
        public Tensor gradient(Tensor x, Tensor y, Tensor gy) {
            return gy.mul(eluSlope(x, alpha, 1));                           // gx = gy·(x > 0 ? 1 : α·eˣ); α at 0
        }
    }

    /** {@code x} for x &gt; 0, else {@code slope·x}. */
    record LeakyRelu(double slope) implements Parameterized {
        @Override
        public String name() {
            return "leakyRelu(" + format(slope) + ")";
        }

        @Override
        public void kernel(double[] x, double[] y) {
            ActivationKernels.leakyRelu(x, slope, y);
        }

        @Override
        public Tensor gradient(Tensor x, Tensor y, Tensor gy) {
            Tensor derivative = Tensor.where(x.gt(0), Tensor.scalar(1), Tensor.scalar(slope));
            return gy.mul(derivative);                                      // gx = gy·(x > 0 ? 1 : slope); slope at 0
        }
    }

    /** −1, 0 or 1 by sign, for {@link Tensor#sign()}. */
    static final Kernel SIGN = split(ElementwiseKernels::sign);

    /** A constant result that records nothing, for functions whose derivative is zero almost everywhere. */
    static Tensor constant(Kernel kernel, Tensor x) {
        return new Tensor(compute(kernel, x), x.shape);
    }

    private static double[] compute(Kernel kernel, Tensor x) {
        double[] y = new double[x.data.length];
        kernel.apply(x.data, y);
        return y;
    }

    /** {@code kernel} over whole arrays, split over the threads from {@link Parallel#ELEMENTWISE_SPLIT} elements. */
    private static Kernel split(RangeKernel kernel) {
        return (x, y) -> Parallel.forElements(x.length, (from, to) -> kernel.apply(x, y, from, to));
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
