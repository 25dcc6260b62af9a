package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.Broadcasting;
import dev.chainrule.autograd.internal.kernels.ReductionKernels;

/** Sums, extremes and their adjoints, broadcasting (expand) and its adjoint (sumTo). */
final class Reductions {
    private Reductions() {}

    /** The sum of all elements, a 0-d tensor. */
    record SumAll() implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            return Tensor.result(this, new double[] {ReductionKernels.sum(x.data)}, Shapes.SCALAR, x);
        }

        @Override
        public String name() {
            return "sum";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return gy.expand(inputs[0].shape);                              // gx = gy broadcast to x's shape
        }
    }

    /** The sum along one axis. */
    record Sum(int axis, boolean keepDim) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            int[] shape = x.shape;
            double[] out = new double[Shapes.numel("sum", Shapes.reduce(shape, axis, true))];
            ReductionKernels.sum(x.data, Shapes.outer(shape, axis), shape[axis], Shapes.inner(shape, axis), out);
            return Tensor.result(this, out, Shapes.reduce(shape, axis, keepDim), x);
        }

        @Override
        public String name() {
            return "sum(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            Tensor kept = keepDim ? gy : gy.unsqueeze(axis);
            return kept.expand(inputs[0].shape);                            // gx = gy repeated along the axis
        }
    }

    /** The maximum ({@code sign = 1}) or minimum ({@code sign = -1}) along one axis. */
    record Extreme(int axis, boolean keepDim, int sign) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            int[] shape = x.shape;
            if (shape[axis] == 0) {
                throw new IllegalArgumentException(name() + ": axis " + axis + " of shape " + Shapes.format(shape)
                        + " is empty");
            }
            int[] index = argExtreme(x);
            double[] out = new double[index.length];
            ReductionKernels.pick(x.data, Shapes.outer(shape, axis), shape[axis], Shapes.inner(shape, axis), index, out);
            return Tensor.result(this, out, Shapes.reduce(shape, axis, keepDim), x);
        }

        int[] argExtreme(Tensor x) {
            int[] shape = x.shape;
            int[] index = new int[Shapes.outer(shape, axis) * Shapes.inner(shape, axis)];
            ReductionKernels.argExtreme(x.data, Shapes.outer(shape, axis), shape[axis], Shapes.inner(shape, axis),
                    sign, index);
            return index;
        }

        @Override
        public String name() {
            return (sign > 0 ? "max" : "min") + "(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            Tensor x = inputs[0];
            int[] shape = x.shape;
            double[] mask = new double[x.data.length];
            ReductionKernels.oneHot(Shapes.outer(shape, axis), shape[axis], Shapes.inner(shape, axis),
                    argExtreme(x), mask);
            Tensor kept = keepDim ? gy : gy.unsqueeze(axis);
            return kept.mul(new Tensor(mask, shape));                       // gx = gy at the arg-extreme, 0 elsewhere
        }
    }

    /**
     * Indices of the maxima ({@code sign = 1}) or minima ({@code sign = -1}) along {@code axis}, as a constant
     * tensor of integer values: arg-reductions record nothing.
     */
    static Tensor argExtreme(String op, Tensor x, int axis, boolean keepDim, int sign) {
        int at = Shapes.axis(op, axis, x.shape.length);
        if (x.shape[at] == 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of shape " + Shapes.format(x.shape)
                    + " is empty, so it has no " + (sign > 0 ? "maximum" : "minimum"));
        }
        int[] index = new Extreme(at, keepDim, sign).argExtreme(x);
        double[] values = new double[index.length];
        for (int i = 0; i < index.length; i++) values[i] = index[i];
        return new Tensor(values, Shapes.reduce(x.shape, at, keepDim));
    }

    /** The flat (row-major) index of the largest or smallest element, a 0-d tensor. */
    static Tensor argExtreme(String op, Tensor x, int sign) {
        if (x.data.length == 0) {
            throw new IllegalArgumentException(op + ": the tensor of shape " + Shapes.format(x.shape)
                    + " is empty, so it has no " + (sign > 0 ? "maximum" : "minimum"));
        }
        return argExtreme(op, x.flatten(), 0, false, sign);
    }

    /** {@code y = log Σ exp(x)} along one axis, computed stably. */
    record LogSumExp(int axis, boolean keepDim) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            int[] shape = x.shape;
            double[] out = new double[Shapes.numel("logsumexp", Shapes.reduce(shape, axis, true))];
            ReductionKernels.logSumExp(x.data, Shapes.outer(shape, axis), shape[axis], Shapes.inner(shape, axis), out);
            return Tensor.result(this, out, Shapes.reduce(shape, axis, keepDim), x);
        }

        @Override
        public String name() {
            return "logsumexp(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor y, Tensor gy) {
            Tensor keptY = keepDim ? y : y.unsqueeze(axis);
            Tensor keptG = keepDim ? gy : gy.unsqueeze(axis);
            return keptG.mul(inputs[0].sub(keptY).exp());                   // gx = gy·exp(x − y) = gy·softmax(x)
        }
    }

    /** The running sum along one axis, from the front or, when {@code reverse}, from the back. */
    record CumSum(int axis, boolean reverse) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            int[] shape = x.shape;
            double[] out = new double[x.data.length];
            ReductionKernels.cumsum(x.data, Shapes.outer(shape, axis), shape[axis], Shapes.inner(shape, axis), reverse,
                    out);
            return Tensor.result(this, out, shape, x);
        }

        @Override
        public String name() {
            return (reverse ? "reverseCumsum" : "cumsum") + "(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return new CumSum(axis, !reverse).apply(gy);                    // gxⱼ = Σ_{k ≥ j} gyₖ
        }
    }

    /** The p-norm along one axis, {@code (Σ |x|^p)^(1/p)}, for p ≥ 1 or p = ∞ ({@code max |x|}). */
    record Norm(double p, int axis, boolean keepDim) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            int[] shape = x.shape;
            double[] out = new double[Shapes.numel("norm", Shapes.reduce(shape, axis, true))];
            ReductionKernels.norm(x.data, Shapes.outer(shape, axis), shape[axis], Shapes.inner(shape, axis), p, out);
            return Tensor.result(this, out, Shapes.reduce(shape, axis, keepDim), x);
        }

        @Override
        public String name() {
            return "norm(p=" + (p == Double.POSITIVE_INFINITY ? "inf" : Unary.format(p)) + ", axis=" + axis + ")";
        }

        /**
         * Where y = 0 every x on the line is 0, and the gradient is 0 there, as PyTorch's (for p = 2 the subgradient
         * of least norm): dividing by 1 instead of y keeps that 0 and every derivative of it finite.
         */
        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor y, Tensor gy) {
            Tensor x = inputs[0];
            Tensor keptY = keepDim ? y : y.unsqueeze(axis);
            Tensor keptG = keepDim ? gy : gy.unsqueeze(axis);
            if (p == 1) return keptG.mul(x.sign());                         // gx = gy·sign(x)
            if (p == Double.POSITIVE_INFINITY) {
                Tensor atMax = x.abs().eq(keptY);                           // gx = gy·sign(x)·[|x| = y] / #ties:
                return keptG.mul(x.sign()).mul(atMax).div(atMax.sum(axis, true)); // ties share evenly, as PyTorch
            }
            Tensor safeY = Tensor.where(keptY.eq(0), Tensor.scalar(1), keptY);
            if (p == 2) return keptG.mul(x).div(safeY);                     // gx = gy·x / y
            Tensor signedPower = x.sign().mul(x.abs().pow(p - 1));
            return keptG.mul(signedPower).div(safeY.pow(p - 1));            // gx = gy·sign(x)·|x|^(p−1) / y^(p−1)
        }
    }

    /**
     * The variance along one axis, {@code Σ (x − mean)² / (n − correction)} with correction 1 when unbiased:
     * a composition, so it is differentiable to any order. {@code op} names the caller in errors (var or std).
     */
    static Tensor variance(String op, Tensor x, int axis, boolean unbiased, boolean keepDim) {
        int at = Shapes.axis(op, axis, x.shape.length);
        int n = x.shape[at];
        if (n - (unbiased ? 1 : 0) <= 0) {
            throw new IllegalArgumentException(op + ": axis " + axis + " of shape " + Shapes.format(x.shape) + " has "
                    + n + " value" + (n == 1 ? "" : "s") + "; " + (unbiased ? "the unbiased variance needs at least 2"
                    : "the variance needs at least 1"));
        }
        Tensor centered = x.sub(x.mean(at, true));
        return centered.mul(centered).sum(at, keepDim).div(n - (unbiased ? 1 : 0));
    }

    /** Broadcasts to a larger shape by NumPy's rules. */
    record Expand(int[] shape) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            if (!Shapes.broadcastsTo(x.shape, shape)) {
                throw new IllegalArgumentException("expand: shape " + Shapes.format(x.shape)
                        + " cannot be broadcast to " + Shapes.format(shape));
            }
            if (java.util.Arrays.equals(x.shape, shape)) return x;
            double[] out = new double[Shapes.numel("expand", shape)];
            Broadcasting.expand(x.data, x.shape, shape, out);
            return Tensor.result(this, out, shape, x);
        }

        @Override
        public String name() {
            return "expand(" + Shapes.format(shape) + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return gy.sumTo(inputs[0].shape);                               // gx = gy summed over broadcast dims
        }
    }

    /** Sums over the dimensions along which {@code shape} would broadcast to the input's shape. */
    record SumTo(int[] shape) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            if (!Shapes.broadcastsTo(shape, x.shape)) {
                throw new IllegalArgumentException("sumTo: shape " + Shapes.format(shape)
                        + " does not broadcast to " + Shapes.format(x.shape) + ", so " + Shapes.format(x.shape)
                        + " cannot be summed to it");
            }
            if (java.util.Arrays.equals(x.shape, shape)) return x;
            double[] out = new double[Shapes.numel("sumTo", shape)];
            Broadcasting.sumTo(x.data, x.shape, shape, out);
            return Tensor.result(this, out, shape, x);
        }

        @Override
        public String name() {
            return "sumTo(" + Shapes.format(shape) + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return gy.expand(inputs[0].shape);                              // gx = gy broadcast back
        }
    }
}
