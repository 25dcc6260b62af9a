package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.Broadcasting;
import dev.chainrule.autograd.internal.kernels.MatMulKernels;

/**
 * Matrix products of operands of rank 2 or more, with NumPy's broadcasting over the leading (batch)
 * dimensions. {@code op(A)} is A or, when {@code transA}, A with its last two dimensions swapped; the kernel
 * reads a transposed operand in place, so the backward rules below transpose nothing.
 */
final class MatMul {
    private MatMul() {}

    private static final MatMulOp[] OPS = {
        new MatMulOp(false, false), new MatMulOp(false, true), new MatMulOp(true, false), new MatMulOp(true, true)};

    static Tensor product(Tensor a, boolean transA, Tensor b, boolean transB) {
        return OPS[(transA ? 2 : 0) + (transB ? 1 : 0)].apply(a, b);
    }

    /** {@code y = op(A)·op(B)}. */
    record MatMulOp(boolean transA, boolean transB) implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0], inputs[1]);
        }
        Tensor apply(Tensor a, Tensor b) {
            int ra = a.shape.length;
            int rb = b.shape.length;
            int m = transA ? a.shape[ra - 1] : a.shape[ra - 2];
            int k = transA ? a.shape[ra - 2] : a.shape[ra - 1];
            int kb = transB ? b.shape[rb - 1] : b.shape[rb - 2];
            int n = transB ? b.shape[rb - 2] : b.shape[rb - 1];
            if (k != kb) {
                throw new IllegalArgumentException("matmul: cannot multiply " + Shapes.format(a.shape) + " by "
                        + Shapes.format(b.shape) + ": inner dimensions " + k + " and " + kb + " differ");
            }
            int[] aBatch = java.util.Arrays.copyOf(a.shape, ra - 2);
            int[] bBatch = java.util.Arrays.copyOf(b.shape, rb - 2);
            int[] batch = batchShape(a.shape, aBatch, b.shape, bBatch);
            int[] shape = java.util.Arrays.copyOf(batch, batch.length + 2);
            shape[batch.length] = m;
            shape[batch.length + 1] = n;
            double[] out = new double[Shapes.numel("matmul", shape)];
            if (bBatch.length == 0 && !transA) {
                int rows = Shapes.numel("matmul", batch) * m;           // batch of A folded into its rows
                MatMulKernels.matmulInto(a.data, 0, false, b.data, 0, transB, out, 0, rows, k, n);
            } else {
                batched(a.data, aBatch, b.data, bBatch, out, batch, m, k, n);
            }
            return Tensor.result(this, out, shape, a, b);
        }

        private static int[] batchShape(int[] aShape, int[] aBatch, int[] bShape, int[] bBatch) {
            try {
                return Shapes.broadcast("matmul", aBatch, bBatch);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("matmul: cannot multiply " + Shapes.format(aShape) + " by "
                        + Shapes.format(bShape) + ": batch dimensions " + Shapes.format(aBatch) + " and "
                        + Shapes.format(bBatch) + " cannot be broadcast", e);
            }
        }

        private void batched(double[] a, int[] aBatch, double[] b, int[] bBatch, double[] out, int[] batch,
                             int m, int k, int n) {
            int count = Shapes.numel("matmul", batch);
            int[] aStrides = Broadcasting.strides(aBatch, batch);
            int[] bStrides = Broadcasting.strides(bBatch, batch);
            int[] counter = new int[batch.length];
            for (int i = 0; i < count; i++) {
                int aIndex = 0;
                int bIndex = 0;
                for (int d = 0; d < batch.length; d++) {
                    aIndex += counter[d] * aStrides[d];
                    bIndex += counter[d] * bStrides[d];
                }
                MatMulKernels.matmulInto(a, aIndex * m * k, transA, b, bIndex * k * n, transB, out, i * m * n, m, k,
                        n);
                for (int d = batch.length - 1; d >= 0 && ++counter[d] == batch[d]; d--) counter[d] = 0;
            }
        }

        @Override
        public String name() {
            return transA || transB ? "matmul(transA=" + transA + ", transB=" + transB + ")" : "matmul";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            Tensor a = inputs[0];
            Tensor b = inputs[1];
            if (input == 0) {
                return transA ? product(b, transB, gy, true)                // gA = (gy·op(B)ᵀ)ᵀ = op(B)·gyᵀ
                              : product(gy, false, b, !transB);             // gA = gy·op(B)ᵀ
            }
            return transB ? product(gy, true, a, transA)                    // gB = (op(A)ᵀ·gy)ᵀ = gyᵀ·op(A)
                          : product(a, !transA, gy, false);                 // gB = op(A)ᵀ·gy
        }
    }

    /** The one {@link LinearOp}. */
    static final LinearOp LINEAR = new LinearOp();

    /**
     * PyTorch's {@code F.linear} as one op, {@code y = x·Wᵀ + b} for x of shape {@code [..., k]} (its leading
     * dimensions folded into rows), W {@code [n, k]} and b {@code [n]}: the kernel starts each row of the result
     * from the bias (a packed product adds its first block of k to the bias as it stores it), so the sum costs
     * neither a second pass nor a second array. Callers have checked the shapes.
     */
    record LinearOp() implements Op {

        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0], inputs[1], inputs[2]);
        }

        Tensor apply(Tensor x, Tensor weight, Tensor bias) {
            int n = weight.shape[0];
            int k = weight.shape[1];
            int[] shape = x.shape.clone();
            shape[shape.length - 1] = n;
            double[] out = new double[Shapes.numel("linear", shape)];
            MatMulKernels.matmulOnto(bias.data, x.data, 0, false, weight.data, 0, true, out, 0, rows(x), k, n);
            return Tensor.result(this, out, shape, x, weight, bias);
        }

        @Override
        public String name() {
            return "linear";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            Tensor x = inputs[0];
            Tensor weight = inputs[1];
            int n = weight.shape[0];
            int rows = rows(x);
            return switch (input) {
                case 0 -> gy.matmul(weight);                                                 // gx = gy·W
                case 1 -> product(gy.reshape(rows, n), true, x.reshape(rows, weight.shape[1]), false);  // gW = gyᵀ·x
                default -> gy.sumTo(n);                                                      // gb = Σ over rows of gy
            };
        }

        /** The rows x folds into: the product of all but its last dimension. */
        private static int rows(Tensor x) {
            return Shapes.numel("linear", java.util.Arrays.copyOf(x.shape, x.shape.length - 1));
        }
    }
}
