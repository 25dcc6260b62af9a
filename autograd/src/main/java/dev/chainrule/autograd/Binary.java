package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.BinaryKernels;
import dev.chainrule.autograd.internal.kernels.Broadcasting;

/**
 * Element-wise ops of two inputs with NumPy broadcasting. Rule arguments: a, b, y, gy; each rule is written as
 * if the shapes matched, and the engine sums its result back over broadcast dimensions.
 */
final class Binary {
    private Binary() {}

    /** The gradient of one input given both inputs, the output and the upstream gradient. */
    @FunctionalInterface
    interface Rule {
        Tensor gradient(Tensor a, Tensor b, Tensor y, Tensor gy);
    }

    /** An element-wise op of two broadcasting inputs. */
    record BinaryOp(String name, BinaryKernels.Segment kernel, Rule ruleA, Rule ruleB) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0], inputs[1]);
        }
        Tensor apply(Tensor a, Tensor b) {
            return Tensor.result(this, compute(name, kernel, a, b), Shapes.broadcast(name, a.shape, b.shape), a, b);
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            Rule rule = input == 0 ? ruleA : ruleB;
            return rule.gradient(inputs[0], inputs[1], output, gy);
        }
    }

    static final BinaryOp ADD = new BinaryOp("add", BinaryKernels::add,
            (a, b, y, gy) -> gy,                                            // ga = gy
            (a, b, y, gy) -> gy);                                           // gb = gy
    static final BinaryOp SUB = new BinaryOp("sub", BinaryKernels::sub,
            (a, b, y, gy) -> gy,                                            // ga = gy
            (a, b, y, gy) -> gy.neg());                                     // gb = −gy
    static final BinaryOp MUL = new BinaryOp("mul", BinaryKernels::mul,
            (a, b, y, gy) -> gy.mul(b),                                     // ga = gy·b
            (a, b, y, gy) -> gy.mul(a));                                    // gb = gy·a
    static final BinaryOp DIV = new BinaryOp("div", BinaryKernels::div,
            (a, b, y, gy) -> gy.div(b),                                     // ga = gy / b
            (a, b, y, gy) -> gy.mul(y).div(b).neg());                       // gb = −gy·a/b² = −gy·y/b
    static final BinaryOp POW = new BinaryOp("pow", BinaryKernels::pow,
            (a, b, y, gy) -> Tensor.where(b.eq(0), Tensor.scalar(0),        // ga = gy·b·a^(b−1); 0 where b = 0,
                    gy.mul(b).mul(a.pow(b.sub(1)))),                        // as PyTorch (no 0·∞ at a = 0)
            (a, b, y, gy) -> gy.mul(y).mul(logOrZeroAtZero(a)));            // gb = gy·aᵇ·ln a; 0 at a = 0, as PyTorch

    static final BinaryOp MAXIMUM = new BinaryOp("maximum", BinaryKernels::maximum,
            (a, b, y, gy) -> gy.mul(winsOrTies(a, b)),                      // ga = gy·([a > b] + ½[a = b])
            (a, b, y, gy) -> gy.mul(winsOrTies(b, a)));                     // gb = gy·([b > a] + ½[a = b])
    static final BinaryOp MINIMUM = new BinaryOp("minimum", BinaryKernels::minimum,
            (a, b, y, gy) -> gy.mul(winsOrTies(b, a)),                      // ga = gy·([a < b] + ½[a = b])
            (a, b, y, gy) -> gy.mul(winsOrTies(a, b)));                     // gb = gy·([b < a] + ½[a = b])

    /** {@code [x > other] + ½·[x = other]}: a tie splits the gradient evenly, as PyTorch's maximum and minimum. */
    private static Tensor winsOrTies(Tensor x, Tensor other) {
        return x.gt(other).add(x.eq(other).mul(0.5));
    }

    /**
     * relu's gradient in one pass, {@code y = a·[b > 0]} (a the upstream gradient, b relu's input): the same values as
     * {@code a.mul(b.gt(0))} without the mask tensor. Linear in a; b only selects, so its derivative is 0.
     */
    static final BinaryOp PASS_WHERE_POSITIVE = new BinaryOp("passWherePositive", BinaryKernels::passWherePositive,
            (a, b, y, gy) -> Binary.PASS_WHERE_POSITIVE.apply(gy, b),       // ga = gy·[b > 0]
            (a, b, y, gy) -> gy.mul(0));                                    // gb = 0: b is piecewise constant here

    /**
     * sigmoid's gradient in one pass, {@code y = a·b·(1 − b)} (a the upstream gradient, b sigmoid's output): the same
     * bits as {@code a.mul(b.mul(b.neg().add(1)))} with one result instead of four, as PyTorch's
     * {@code sigmoid_backward}. Its own rules keep higher orders exact.
     */
    static final BinaryOp SIGMOID_GRADIENT = new BinaryOp("sigmoidGradient", BinaryKernels::sigmoidGradient,
            (a, b, y, gy) -> Binary.SIGMOID_GRADIENT.apply(gy, b),          // ga = gy·b·(1 − b)
            (a, b, y, gy) -> gy.mul(a).mul(b.mul(-2).add(1)));              // gb = gy·a·(1 − 2b)

    /**
     * tanh's gradient in one pass, {@code y = a·(1 − b²)} (a the upstream gradient, b tanh's output): the same bits
     * as {@code a.mul(b.mul(b).neg().add(1))} with one result instead of four, as PyTorch's {@code tanh_backward}.
     */
    static final BinaryOp TANH_GRADIENT = new BinaryOp("tanhGradient", BinaryKernels::tanhGradient,
            (a, b, y, gy) -> Binary.TANH_GRADIENT.apply(gy, b),             // ga = gy·(1 − b²)
            (a, b, y, gy) -> gy.mul(a).mul(b).mul(-2));                     // gb = −2·gy·a·b

    /** ln a, with 0 where a = 0 (the limit of aᵇ·ln a for b > 0); a constant when it must be patched. */
    private static Tensor logOrZeroAtZero(Tensor a) {
        for (double v : a.data) {
            if (v == 0) {
                Tensor zero = a.eq(0);
                Tensor safe = Tensor.where(zero, Tensor.scalar(1), a);   // log(1) = 0 keeps both branches finite
                return Tensor.where(zero, Tensor.scalar(0), safe.log());
            }
        }
        return a.log();
    }

    /** Comparison results are 0/1 constants: they record nothing, since their derivative is 0 almost everywhere. */
    static Tensor compare(String name, BinaryKernels.Segment kernel, Tensor a, Tensor b) {
        return new Tensor(compute(name, kernel, a, b), Shapes.broadcast(name, a.shape, b.shape));
    }

    private static double[] compute(String name, BinaryKernels.Segment kernel, Tensor a, Tensor b) {
        int[] shape = Shapes.broadcast(name, a.shape, b.shape);
        double[] out = new double[Shapes.numel(name, shape)];
        Broadcasting.binary(kernel, a.data, a.shape, b.data, b.shape, out, shape);
        return out;
    }
}
