package dev.chainrule.autograd.internal.kernels;

/**
 * Loops over a broadcast result: NumPy's rules with operands aligned at the trailing dimension and size-1 or
 * missing dimensions read with stride 0, so no operand is ever copied to the result's shape.
 */
public final class Broadcasting {
    private Broadcasting() {}

    /**
     * Strides with which an operand of {@code shape} is read while walking {@code target} in row-major order:
     * the operand's own row-major strides, 0 on dimensions it broadcasts (size 1 or missing).
     */
    public static int[] strides(int[] shape, int[] target) {
        int[] result = new int[target.length];
        int stride = 1;
        for (int d = shape.length - 1, t = target.length - 1; d >= 0; d--, t--) {
            result[t] = shape[d] == 1 && target[t] != 1 ? 0 : stride;
            stride *= shape[d];
        }
        return result;
    }

    /** Applies {@code kernel} over the broadcast of {@code a} and {@code b} into {@code out} of {@code outShape}. */
    public static void binary(BinaryKernels.Segment kernel, double[] a, int[] aShape, double[] b, int[] bShape,
                              double[] out, int[] outShape) {
        int n = out.length;
        if (n == 0) return;
        if (a.length == n && b.length == n) {
            Parallel.forElements(n, (from, to) -> kernel.apply(a, from, 1, b, from, 1, out, from, to - from));
            return;
        }
        if (b.length == 1 && a.length == n) {
            Parallel.forElements(n, (from, to) -> kernel.apply(a, from, 1, b, 0, 0, out, from, to - from));
            return;
        }
        if (a.length == 1 && b.length == n) {
            Parallel.forElements(n, (from, to) -> kernel.apply(a, 0, 0, b, from, 1, out, from, to - from));
            return;
        }
        int rank = outShape.length;
        int[] aStrides = strides(aShape, outShape);
        int[] bStrides = strides(bShape, outShape);
        int inner = outShape[rank - 1];
        int segments = n / inner;
        if (n >= Parallel.ELEMENTWISE_SPLIT) {
            Parallel.forRange(segments,
                    (from, to) -> segments(kernel, a, aStrides, b, bStrides, out, outShape, from, to));
        } else {
            segments(kernel, a, aStrides, b, bStrides, out, outShape, 0, segments);
        }
    }

    /** The kernel over the result's rows {@code [from, to)} along its last dimension. */
    private static void segments(BinaryKernels.Segment kernel, double[] a, int[] aStrides, double[] b, int[] bStrides,
                                 double[] out, int[] outShape, int from, int to) {
        int rank = outShape.length;
        int inner = outShape[rank - 1];
        int aInner = aStrides[rank - 1];
        int bInner = bStrides[rank - 1];
        int[] counter = new int[rank];
        int aOff = 0;
        int bOff = 0;
        for (int d = rank - 2, rest = from; d >= 0; d--) {
            counter[d] = rest % outShape[d];
            rest /= outShape[d];
            aOff += counter[d] * aStrides[d];
            bOff += counter[d] * bStrides[d];
        }
        for (int segment = from; segment < to; segment++) {
            kernel.apply(a, aOff, aInner, b, bOff, bInner, out, segment * inner, inner);
            for (int d = rank - 2; d >= 0; d--) {
                counter[d]++;
                aOff += aStrides[d];
                bOff += bStrides[d];
                if (counter[d] < outShape[d]) break;
                aOff -= aStrides[d] * outShape[d];
                bOff -= bStrides[d] * outShape[d];
                counter[d] = 0;
            }
        }
    }

    /** Copies {@code src} of {@code srcShape} broadcast to {@code target} into {@code out}. */
    public static void expand(double[] src, int[] srcShape, int[] target, double[] out) {
        if (src.length == out.length) {
            System.arraycopy(src, 0, out, 0, out.length);
            return;
        }
        if (out.length == 0) return;
        Runs runs = Runs.of(strides(srcShape, target), target);
        int[] counter = new int[runs.shape.length];
        int srcOff = 0;
        for (int at = 0; at < out.length; at += runs.inner) {
            if (runs.innerStride == 0) {
                java.util.Arrays.fill(out, at, at + runs.inner, src[srcOff]);
            } else {
                System.arraycopy(src, srcOff, out, at, runs.inner);
            }
            srcOff = advance(counter, runs.shape, runs.strides, srcOff);
        }
    }

    /**
     * Sums {@code src} of {@code srcShape} down to {@code target}, a shape that broadcasts to {@code srcShape}:
     * the adjoint of {@link #expand}. {@code out} must hold zeros.
     */
    public static void sumTo(double[] src, int[] srcShape, int[] target, double[] out) {
        if (src.length == out.length) {
            System.arraycopy(src, 0, out, 0, out.length);
            return;
        }
        if (out.length == 1) {
            double sum = 0;
            for (double v : src) sum += v;
            out[0] = sum;
            return;
        }
        Runs runs = Runs.of(strides(target, srcShape), srcShape);
        int[] counter = new int[runs.shape.length];
        int outOff = 0;
        for (int at = 0; at < src.length; at += runs.inner) {
            if (runs.innerStride == 0) {
                double sum = 0;
                for (int i = 0; i < runs.inner; i++) sum += src[at + i];
                out[outOff] += sum;
            } else {
                for (int i = 0; i < runs.inner; i++) out[outOff + i] += src[at + i];
            }
            outOff = advance(counter, runs.shape, runs.strides, outOff);
        }
    }

    /**
     * A walk over a row-major {@code shape} read with {@code strides} (each 0 or the operand's own row-major
     * stride), cut into runs: adjacent dimensions both broadcast, or both read contiguously, are merged, and the
     * last merged dimension becomes the run ({@code inner} elements read with stride 0 or 1). The remaining outer
     * dimensions are stepped with {@link #advance}, their last one set to 1.
     */
    private record Runs(int[] shape, int[] strides, int inner, int innerStride) {
        static Runs of(int[] strides, int[] shape) {
            int rank = shape.length;
            int[] mergedShape = new int[rank];
            int[] mergedStrides = new int[rank];
            int m = -1;
            for (int d = 0; d < rank; d++) {
                if (shape[d] == 1) continue;
                boolean joins = m >= 0 && (mergedStrides[m] == 0 && strides[d] == 0
                        || mergedStrides[m] != 0 && mergedStrides[m] == strides[d] * shape[d]);
                if (joins) {
                    mergedShape[m] *= shape[d];
                    mergedStrides[m] = strides[d];
                } else {
                    m++;
                    mergedShape[m] = shape[d];
                    mergedStrides[m] = strides[d];
                }
            }
            if (m < 0) return new Runs(new int[] {1}, new int[] {0}, 1, 1);
            int[] outerShape = java.util.Arrays.copyOf(mergedShape, m + 1);
            int[] outerStrides = java.util.Arrays.copyOf(mergedStrides, m + 1);
            int inner = outerShape[m];
            int innerStride = outerStrides[m] == 0 ? 0 : 1;
            outerShape[m] = 1;
            return new Runs(outerShape, outerStrides, inner, innerStride);
        }
    }

    /** Steps a row-major {@code counter} over {@code shape} and returns the offset moved by {@code strides}. */
    static int advance(int[] counter, int[] shape, int[] strides, int offset) {
        for (int d = shape.length - 1; d >= 0; d--) {
            counter[d]++;
            offset += strides[d];
            if (counter[d] < shape[d]) return offset;
            offset -= strides[d] * shape[d];
            counter[d] = 0;
        }
        return offset;
    }
}
