package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.Broadcasting;
import dev.chainrule.autograd.internal.kernels.LayoutKernels;

/** Slicing, concatenation, index gathers with their scatter-add adjoints, and where. */
final class Indexing {
    private Indexing() {}

    /** Entries {@code [start, end)} along an axis. */
    record Slice(int axis, int start, int end) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            int[] shape = Shapes.withDim(x.shape, axis, end - start);
            double[] out = new double[Shapes.numel("slice", shape)];
            LayoutKernels.copyAxisRange(x.data, Shapes.outer(x.shape, axis), x.shape[axis], Shapes.inner(x.shape, axis),
                    start, end - start, out, end - start, 0);
            return Tensor.result(this, out, shape, x);
        }

        @Override
        public String name() {
            return "slice(axis=" + axis + ", " + start + ":" + end + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            int[] shape = inputs[0].shape;                                  // gx = gy padded with zeros along the axis
            Tensor before = Tensor.zeros(Shapes.withDim(shape, axis, start));
            Tensor after = Tensor.zeros(Shapes.withDim(shape, axis, shape[axis] - end));
            return Tensor.concat(axis, before, gy, after);
        }
    }

    /** Joins tensors along an existing axis. */
    record Concat(int axis) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs.clone());
        }
        Tensor apply(Tensor... xs) {
            int[] shape = xs[0].shape.clone();
            int total = 0;
            for (Tensor x : xs) total += x.shape[axis];
            shape[axis] = total;
            double[] out = new double[Shapes.numel("concat", shape)];
            int offset = 0;
            for (Tensor x : xs) {
                int n = x.shape[axis];
                LayoutKernels.copyAxisRange(x.data, Shapes.outer(x.shape, axis), n, Shapes.inner(x.shape, axis),
                        0, n, out, total, offset);
                offset += n;
            }
            return Tensor.result(this, out, shape, xs);
        }

        @Override
        public String name() {
            return "concat(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            int offset = 0;
            for (int i = 0; i < input; i++) offset += inputs[i].shape[axis];
            return gy.slice(axis, offset, offset + inputs[input].shape[axis]); // gxᵢ = gy's slice where xᵢ went
        }
    }

    /** Picks whole entries along an axis by index; indices may repeat. */
    record IndexSelect(int axis, int[] index) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            int[] shape = Shapes.withDim(x.shape, axis, index.length);
            double[] out = new double[Shapes.numel("indexSelect", shape)];
            LayoutKernels.indexSelect(x.data, Shapes.outer(x.shape, axis), x.shape[axis], Shapes.inner(x.shape, axis),
                    index, out);
            return Tensor.result(this, out, shape, x);
        }

        @Override
        public String name() {
            return "indexSelect(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return new IndexAdd(axis, index, inputs[0].shape[axis]).apply(gy); // gx = gy scatter-added; repeats sum
        }
    }

    /** The adjoint of {@link IndexSelect}: adds entries into a zero tensor of axis size {@code size}. */
    record IndexAdd(int axis, int[] index, int size) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor g) {
            int[] shape = Shapes.withDim(g.shape, axis, size);
            double[] out = new double[Shapes.numel("indexAdd", shape)];
            LayoutKernels.indexAdd(g.data, Shapes.outer(g.shape, axis), size, Shapes.inner(g.shape, axis), index, out);
            return Tensor.result(this, out, shape, g);
        }

        @Override
        public String name() {
            return "indexAdd(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return gy.indexSelect(axis, index);                             // gg = gy picked at the indices
        }
    }

    /** NumPy's take_along_axis: {@code out[.., j, ..] = x[.., index[.., j, ..], ..]} along the axis. */
    record Gather(int axis, int[] index, int[] indexShape) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            double[] out = new double[index.length];
            LayoutKernels.gather(x.data, Shapes.outer(x.shape, axis), x.shape[axis], Shapes.inner(x.shape, axis),
                    index, indexShape[axis], out);
            return Tensor.result(this, out, indexShape, x);
        }

        @Override
        public String name() {
            return "gather(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return new ScatterAdd(axis, index, inputs[0].shape[axis]).apply(gy); // gx = gy scatter-added back
        }
    }

    /** The adjoint of {@link Gather}: adds each entry at its index into a zero tensor of axis size {@code size}. */
    record ScatterAdd(int axis, int[] index, int size) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor g) {
            int[] shape = Shapes.withDim(g.shape, axis, size);
            double[] out = new double[Shapes.numel("scatterAdd", shape)];
            LayoutKernels.scatterAdd(g.data, Shapes.outer(g.shape, axis), size, Shapes.inner(g.shape, axis),
                    index, g.shape[axis], out);
            return Tensor.result(this, out, shape, g);
        }

        @Override
        public String name() {
            return "scatterAdd(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return new Gather(axis, index, inputs[0].shape).apply(gy);      // gg = gy gathered at the indices
        }
    }

    /** {@code condition ? a : b} element-wise, all three broadcast together; inputs are (condition, a, b). */
    record Where() implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0], inputs[1], inputs[2]);
        }
        Tensor apply(Tensor condition, Tensor a, Tensor b) {
            int[] shape = Shapes.broadcast("where", Shapes.broadcast("where", condition.shape, a.shape), b.shape);
            int n = Shapes.numel("where", shape);
            double[] out = new double[n];
            LayoutKernels.select(expanded(condition, shape, n), expanded(a, shape, n), expanded(b, shape, n), out);
            return Tensor.result(this, out, shape, condition, a, b);
        }

        private static double[] expanded(Tensor x, int[] shape, int n) {
            if (x.data.length == n) return x.data;
            double[] out = new double[n];
            Broadcasting.expand(x.data, x.shape, shape, out);
            return out;
        }

        @Override
        public String name() {
            return "where";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            Tensor zero = Tensor.scalar(0);
            return switch (input) {
                case 1 -> Tensor.where(inputs[0], gy, zero);                // ga = gy where the condition holds
                case 2 -> Tensor.where(inputs[0], zero, gy);                // gb = gy where it does not
                default -> gy.mul(0);                                       // the condition is piecewise constant
            };
        }
    }
}
