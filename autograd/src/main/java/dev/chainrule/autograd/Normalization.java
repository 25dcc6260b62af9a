package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.ReductionKernels;

/**
 * Softmax and log-softmax along an axis as single ops: one stable pass forward (the maximum subtracted) and a
 * short rule backward, instead of the six ops of their composition.
 */
final class Normalization {
    private Normalization() {}

    /** {@code y = exp(x) / Σ exp(x)} along the axis. */
    record Softmax(int axis) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }

        Tensor apply(Tensor x) {
            return Tensor.result(this, compute(x, axis, false), x.shape, x);
        }

        @Override
        public String name() {
            return "softmax(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor y, Tensor gy) {
            Tensor yg = y.mul(gy);
            return yg.sub(y.mul(yg.sum(axis, true)));                       // gx = y·(gy − Σ y·gy)
        }
    }

    /** {@code y = x − log Σ exp(x)} along the axis. */
    record LogSoftmax(int axis) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }

        Tensor apply(Tensor x) {
            return Tensor.result(this, compute(x, axis, true), x.shape, x);
        }

        @Override
        public String name() {
            return "logSoftmax(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor y, Tensor gy) {
            return gy.sub(y.exp().mul(gy.sum(axis, true)));                 // gx = gy − softmax(x)·Σ gy
        }
    }

    private static double[] compute(Tensor x, int axis, boolean log) {
        double[] y = new double[x.data.length];
        int[] shape = x.shape;
        ReductionKernels.softmax(x.data, Shapes.outer(shape, axis), shape[axis], Shapes.inner(shape, axis), log, y);
        return y;
    }
}
