package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.NormalizationKernels;
import dev.chainrule.autograd.internal.kernels.ReductionKernels;
import java.util.Arrays;

/**
 * Normalisations as functions, like PyTorch's {@code torch.nn.functional}: {@code batchNorm}, {@code layerNorm} and
 * {@code groupNorm}; and, behind {@link Tensor#softmax} and {@link Tensor#logSoftmax}, the softmax pair.
 *
 * <pre>{@code
 * Tensor y = Normalization.layerNorm(x, new int[] {64}, weight, bias, 1e-5);      // x of shape [..., 64]
 * }</pre>
 *
 * <p>The three normalisations share one fused pair of ops, {@code standardize} (each channel of {@code x} viewed as
 * {@code [outer, channels, inner]} shifted and scaled by its own mean and biased variance) and its gradient: three
 * passes forward and four backward, instead of the dozen of their compositions. The gradient's own rules are Tensor
 * ops, so gradients of any order work.
 */
public final class Normalization {
    private Normalization() {}

    /**
     * Batch normalisation, PyTorch's {@code F.batch_norm}: for input {@code [N, C]} or {@code [N, C, *]}, each
     * channel c becomes {@code (x − μ_c) / √(σ²_c + eps) · weight_c + bias_c}. In training, μ and σ² are the batch
     * statistics over every axis but the channel axis (σ² biased), and when running statistics are given they are
     * updated in place: {@code running ← (1 − momentum)·running + momentum·batch}, the variance entering unbiased
     * ({@code σ²·n/(n − 1)}), as PyTorch. Otherwise the running statistics normalise. Derivative (training):
     * {@code gx = r·(g − E[g] − y·E[g·y])} with {@code g = gy·weight}, {@code r = (σ² + eps)^(−1/2)} and E the
     * channel's mean.
     *
     * @param runningMean {@code [C]}, or null (then training must be on)
     * @param runningVar  {@code [C]}, or null with runningMean
     * @param weight      {@code [C]}, or null for 1
     * @param bias        {@code [C]}, or null for 0
     * @throws IllegalArgumentException when the input is not at least 2-D, a statistic or affine tensor is not
     *                                  {@code [C]}, or training sees one value per channel
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, double momentum, double eps) {
        String op = "batchNorm";
        int[] shape = x.shape;
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": expects an input [N, C] or [N, C, *], got " + Shapes.format(shape));
        }
        int samples = shape[0];
        int channels = shape[1];
        int positions = samples * channels == 0 ? 0 : x.data.length / (samples * channels);
        for (Tensor t : new Tensor[] {runningMean, runningVar, weight, bias}) checkShape(op, t, new int[] {channels});
        checkEps(op, eps);
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException(op + ": runningMean and runningVar must both be given or both be null");
        }
        int[] perChannel = new int[shape.length];
        Arrays.fill(perChannel, 1);
        perChannel[1] = channels;
        if (!training) {
            if (runningMean == null) {
                throw new IllegalArgumentException(op + ": evaluation needs running statistics; pass training=true to"
                        + " normalise with the batch's own");
            }
            Tensor scale = runningVar.add(eps).pow(-0.5);                       // y = x·scale + shift
            if (weight != null) scale = scale.mul(weight);
            Tensor shift = runningMean.mul(scale).neg();
            if (bias != null) shift = shift.add(bias);
            return x.mul(scale.reshape(perChannel)).add(shift.reshape(perChannel));
        }
        long count = (long) samples * positions;
        if (count <= 1) {
            throw new IllegalArgumentException(op + ": expected more than 1 value per channel when training, got input"
                    + " of shape " + Shapes.format(shape));
        }
        double[] mean = new double[channels];
        double[] variance = new double[channels];
        Tensor y = new Standardize(samples, channels, positions, eps).apply(x, mean, variance);
        if (runningMean != null) updateRunning(runningMean, runningVar, mean, variance, momentum, count);
        return affine(y, weight, bias, perChannel);
    }

    /** {@code running ← (1 − m)·running + m·batch}; the variance enters unbiased, {@code σ²·n/(n − 1)}. */
    private static void updateRunning(Tensor runningMean, Tensor runningVar, double[] mean, double[] variance,
                                      double momentum, long count) {
        double[] unbiased = new double[variance.length];
        for (int c = 0; c < variance.length; c++) unbiased[c] = variance[c] * count / (count - 1);
        try (var off = Autograd.noGrad()) {
            runningMean.mulInPlace(1 - momentum).addInPlace(new Tensor(mean, runningMean.shape), momentum);
            runningVar.mulInPlace(1 - momentum).addInPlace(new Tensor(unbiased, runningVar.shape), momentum);
        }
    }

    /**
     * Layer normalisation, PyTorch's {@code F.layer_norm}: every sample is normalised over its trailing
     * {@code normalizedShape} axes, {@code (x − μ) / √(σ² + eps) · weight + bias} with the biased variance.
     *
     * @param weight {@code normalizedShape}, or null for 1
     * @param bias   {@code normalizedShape}, or null for 0
     * @throws IllegalArgumentException when the input's trailing axes are not {@code normalizedShape}
     */
    public static Tensor layerNorm(Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        String op = "layerNorm";
        int[] shape = x.shape;
        int k = normalizedShape.length;
        boolean fits = k >= 1 && k <= shape.length
                && Arrays.equals(Arrays.copyOfRange(shape, shape.length - k, shape.length), normalizedShape);
        if (!fits) {
            throw new IllegalArgumentException(op + ": normalized shape " + Arrays.toString(normalizedShape)
                    + " does not match the trailing axes of the input " + Shapes.format(shape));
        }
        checkShape(op, weight, normalizedShape);
        checkShape(op, bias, normalizedShape);
        checkEps(op, eps);
        int features = Shapes.numel(op, normalizedShape);
        int rows = features == 0 ? 0 : x.data.length / features;
        Tensor y = new Standardize(1, rows, features, eps).apply(x, new double[rows], new double[rows]);
        return affine(y, weight, bias, normalizedShape);
    }

    /**
     * Group normalisation, PyTorch's {@code F.group_norm}: the channels of input {@code [N, C, *]} are split into
     * {@code groups} groups, each normalised over its channels and positions per sample (biased variance), then
     * {@code · weight_c + bias_c} per channel.
     *
     * @throws IllegalArgumentException when groups does not divide C, or weight/bias are not {@code [C]}
     */
    public static Tensor groupNorm(Tensor x, int groups, Tensor weight, Tensor bias, double eps) {
        String op = "groupNorm";
        int[] shape = x.shape;
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": expects an input [N, C, *], got " + Shapes.format(shape));
        }
        int channels = shape[1];
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException(op + ": " + groups + " groups must divide the " + channels
                    + " channels of the input " + Shapes.format(shape));
        }
        checkShape(op, weight, new int[] {channels});
        checkShape(op, bias, new int[] {channels});
        checkEps(op, eps);
        int units = shape[0] * groups;
        int perGroup = units == 0 ? 0 : x.data.length / units;
        Tensor y = new Standardize(1, units, perGroup, eps).apply(x, new double[units], new double[units]);
        int[] perChannel = new int[shape.length];
        Arrays.fill(perChannel, 1);
        perChannel[1] = channels;
        return affine(y, weight, bias, perChannel);
    }

    private static Tensor affine(Tensor y, Tensor weight, Tensor bias, int[] broadcastShape) {
        Tensor scaled = weight == null ? y : y.mul(weight.reshape(broadcastShape));
        return bias == null ? scaled : scaled.add(bias.reshape(broadcastShape));
    }

    private static void checkShape(String op, Tensor t, int[] expected) {
        if (t != null && !Arrays.equals(t.shape, expected)) {
            throw new IllegalArgumentException(op + ": a statistic or affine parameter has shape " + Shapes.format(t.shape)
                    + " but the input needs " + Arrays.toString(expected));
        }
    }

    private static void checkEps(String op, double eps) {
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException(op + ": eps must be positive and finite, got " + eps);
        }
    }

    /**
     * {@code y = (x − μ_c)·r_c} on {@code x} viewed as {@code [outer, channels, inner]}, with μ and the biased σ² of
     * each channel and {@code r = (σ² + eps)^(−1/2)}; any shape of that many elements.
     */
    record Standardize(int outer, int channels, int inner, double eps) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0], new double[channels], new double[channels]);
        }

        /** The result, with each channel's mean and biased variance written into {@code mean} and {@code variance}. */
        Tensor apply(Tensor x, double[] mean, double[] variance) {
            double[] y = new double[x.data.length];
            NormalizationKernels.standardize(x.data, outer, channels, inner, eps, y, mean, variance);
            return Tensor.result(this, y, x.shape, x);
        }

        @Override
        public String name() {
            return "standardize(" + channels + " channels, eps=" + eps + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            return new StandardizeBackward(this).apply(gy, inputs[0]);     // gx = r·(gy − E[gy] − y·E[gy·y])
        }
    }

    /**
     * The gradient of {@link Standardize}, {@code gx = r·P(gy)} with the projection {@code P(g) = g − E[g] − y·E[g·y]}
     * per channel; inputs (gy, x).
     */
    record StandardizeBackward(Standardize forward) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0], inputs[1]);
        }

        Tensor apply(Tensor gy, Tensor x) {
            double[] gx = new double[x.data.length];
            NormalizationKernels.standardizeBackward(gy.data, x.data, forward.outer(), forward.channels(),
                    forward.inner(), forward.eps(), gx);
            return Tensor.result(this, gx, x.shape, gy, x);
        }

        @Override
        public String name() {
            return "standardizeBackward(" + forward.channels() + " channels, eps=" + forward.eps() + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor gx, Tensor gg) {
            Tensor gy = inputs[0];
            Tensor x = inputs[1];
            Tensor other = apply(gg, x);                                    // r·P(gg): P is self-adjoint
            if (input == 0) return other;                                   // g(gy) = r·P(gg)
            Tensor y = forward.apply(x, new double[forward.channels()], new double[forward.channels()]);
            Tensor r = channelMean(centeredSquare(x)).add(forward.eps()).pow(-0.5);
            Tensor sum = view(y).mul(channelMean(gg.mul(gx))).add(view(gx).mul(channelMean(gg.mul(y))))
                    .add(view(other).mul(channelMean(gy.mul(y))));
            return sum.mul(r).neg().reshape(x.shape);     // g(x) = −r·(y·E[gg·gx] + gx·E[gg·y] + r·P(gg)·E[gy·y])
        }

        private Tensor view(Tensor t) {
            return t.reshape(forward.outer(), forward.channels(), forward.inner());
        }

        /** Each channel's mean, shape {@code [1, channels, 1]}. */
        private Tensor channelMean(Tensor t) {
            return view(t).sum(2, true).sum(0, true).div((double) forward.outer() * forward.inner());
        }

        private Tensor centeredSquare(Tensor x) {
            Tensor centered = view(x).sub(channelMean(x));
            return centered.mul(centered);
        }
    }

    /** {@code y = exp(x) / Σ exp(x)} along the axis. */
    record Softmax(int axis) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }

        Tensor apply(Tensor x) {
            return Tensor.result(this, softmax(x, axis, false), x.shape, x);
        }

        @Override
        public String name() {
            return "softmax(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor y, Tensor gy) {
            return softmaxGradient(y, gy, axis);                            // gx = y·(gy − Σ y·gy)
        }
    }

    /**
     * {@code y = softmax(x)} along the axis over the positions where the mask is false; masked positions are exactly
     * 0, a slice masked everywhere is all 0. {@code masked} has x's shape.
     */
    record MaskedSoftmax(int axis, boolean[] masked) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }

        Tensor apply(Tensor x) {
            double[] y = new double[x.data.length];
            int[] shape = x.shape;
            ReductionKernels.maskedSoftmax(x.data, masked, Shapes.outer(shape, axis), shape[axis],
                    Shapes.inner(shape, axis), y);
            return Tensor.result(this, y, shape, x);
        }

        @Override
        public String name() {
            return "maskedSoftmax(axis=" + axis + ")";
        }

        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor y, Tensor gy) {
            return softmaxGradient(y, gy, axis);          // gx = y·(gy − Σ y·gy), which is 0 where y is masked to 0
        }
    }

    /** {@code y = x − log Σ exp(x)} along the axis. */
    record LogSoftmax(int axis) implements Op {
        @Override
        public Tensor forward(Tensor[] inputs) {
            return apply(inputs[0]);
        }

        Tensor apply(Tensor x) {
            return Tensor.result(this, softmax(x, axis, true), x.shape, x);
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

    /** Softmax's gradient from its output: {@code y·(gy − Σ y·gy)} along the axis, in Tensor ops. */
    private static Tensor softmaxGradient(Tensor y, Tensor gy, int axis) {
        Tensor yg = y.mul(gy);
        return yg.sub(y.mul(yg.sum(axis, true)));
    }

    private static double[] softmax(Tensor x, int axis, boolean log) {
        double[] y = new double[x.data.length];
        int[] shape = x.shape;
        ReductionKernels.softmax(x.data, Shapes.outer(shape, axis), shape[axis], Shapes.inner(shape, axis), log, y);
        return y;
    }
}
