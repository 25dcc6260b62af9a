package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.LayoutKernels;

/** Ops that rearrange elements without arithmetic: reshape, transpose, permute and constant padding. */
final class Views {
    private Views() {}

    /** A row-major reshape. The result shares the input's storage and version counter. */
    record Reshape(int[] shape) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            return Tensor.result(this, x, shape);
        }

        @Override
        public String name() {
            return "reshape(" + Shapes.format(shape) + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return gy.reshape(inputs[0].shape);                             // gx = gy in x's shape
        }
    }

    /** Swaps two dimensions. */
    record Transpose(int d0, int d1) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            int[] shape = x.shape.clone();
            shape[d0] = x.shape[d1];
            shape[d1] = x.shape[d0];
            if (d0 == d1 || x.shape[d0] == 1 && x.shape[d1] == 1) return Tensor.result(this, x, shape);
            double[] out = new double[x.data.length];
            LayoutKernels.transpose(x.data, x.shape, d0, d1, out);
            return Tensor.result(this, out, shape, x);
        }

        @Override
        public String name() {
            return "transpose(" + d0 + ", " + d1 + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return gy.transpose(d0, d1);                                    // gx = gyᵀ
        }
    }

    /** Reorders all dimensions: the output's dimension d is the input's {@code dims[d]}. */
    record Permute(int[] dims) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            int[] shape = new int[dims.length];
            for (int d = 0; d < dims.length; d++) shape[d] = x.shape[dims[d]];
            double[] out = new double[x.data.length];
            if (out.length > 0) LayoutKernels.permute(x.data, x.shape, dims, out);
            return Tensor.result(this, out, shape, x);
        }

        @Override
        public String name() {
            return "permute(" + java.util.Arrays.toString(dims) + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            int[] inverse = new int[dims.length];
            for (int d = 0; d < dims.length; d++) inverse[dims[d]] = d;
            return new Permute(inverse).apply(gy);                          // gx = gy permuted back
        }
    }

    /** Constant padding: {@code before[d]} and {@code after[d]} cells of {@code value} around each dimension d. */
    record Pad(int[] before, int[] after, double value) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }
        Tensor apply(Tensor x) {
            if (x.shape.length == 0) return Tensor.result(this, x.data.clone(), x.shape, x);   // no axis to pad
            int[] shape = x.shape.clone();
            for (int d = 0; d < shape.length; d++) shape[d] += before[d] + after[d];
            double[] out = new double[Shapes.numel("pad", shape)];
            LayoutKernels.pad(x.data, x.shape, before, after, value, out);
            return Tensor.result(this, out, shape, x);
        }

        @Override
        public String name() {
            return "pad(" + java.util.Arrays.toString(before) + ", " + java.util.Arrays.toString(after) + ", value="
                    + value + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            Tensor gx = gy;                                                 // gx = gy without the padding
            int[] shape = inputs[0].shape;
            for (int d = 0; d < shape.length; d++) {
                if (before[d] != 0 || after[d] != 0) gx = gx.slice(d, before[d], before[d] + shape[d]);
            }
            return gx;
        }
    }

    /**
     * PyTorch's {@code repeat}: the tensor tiled {@code repeats[d]} times along each dimension d, after leading
     * size-1 dimensions are added to reach {@code repeats.length}. A composition, {@code reshape} to
     * {@code [1, s₀, 1, s₁, ...]}, {@code expand} to {@code [r₀, s₀, r₁, s₁, ...]} and {@code reshape} to
     * {@code [r₀s₀, r₁s₁, ...]}, so its gradient is expand's: each input entry gets the sum over its copies.
     */
    static Tensor repeat(Tensor x, int[] repeats) {
        if (repeats.length < x.shape.length) {
            throw new IllegalArgumentException("repeat: counts " + java.util.Arrays.toString(repeats)
                    + " for a tensor of shape " + Shapes.format(x.shape) + "; needs at least one count per dimension ("
                    + x.shape.length + ")");
        }
        int lead = repeats.length - x.shape.length;
        int[] spread = new int[2 * repeats.length];
        int[] tiled = new int[2 * repeats.length];
        int[] result = new int[repeats.length];
        for (int d = 0; d < repeats.length; d++) {
            if (repeats[d] < 0) {
                throw new IllegalArgumentException("repeat: counts must be non-negative, got "
                        + java.util.Arrays.toString(repeats));
            }
            int size = d < lead ? 1 : x.shape[d - lead];
            spread[2 * d] = 1;
            spread[2 * d + 1] = size;
            tiled[2 * d] = repeats[d];
            tiled[2 * d + 1] = size;
            result[d] = repeats[d] * size;
        }
        return x.reshape(spread).expand(tiled).reshape(result);
    }

    /** Resolves one -1 in a requested shape and checks the element count. */
    static int[] resolve(int[] from, int[] requested) {
        int known = 1;
        int inferred = -1;
        for (int d = 0; d < requested.length; d++) {
            if (requested[d] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape: only one dimension can be -1, got "
                            + Shapes.format(requested));
                }
                inferred = d;
            } else if (requested[d] < 0) {
                throw new IllegalArgumentException("reshape: invalid dimension " + requested[d] + " in "
                        + Shapes.format(requested));
            } else {
                known *= requested[d];
            }
        }
        int count = Shapes.numel("reshape", from);
        int[] shape = requested.clone();
        if (inferred >= 0) {
            if (known == 0 || count % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.format(from) + " ("
                        + count + " elements) to " + Shapes.format(requested));
            }
            shape[inferred] = count / known;
        } else if (known != count) {
            throw new IllegalArgumentException("reshape: cannot reshape " + Shapes.format(from) + " (" + count
                    + " elements) to " + Shapes.format(requested) + " (" + known + " elements)");
        }
        return shape;
    }
}
