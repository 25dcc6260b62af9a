package dev.chainrule.nn;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;

/**
 * The normalisations behind {@link Functional#batchNorm}, {@link Functional#layerNorm} and
 * {@link Functional#groupNorm}, composed of Tensor ops so that they are differentiable to any order. Each one
 * views its input as {@code [outer, n, inner]} or {@code [rows, n]} and normalises over the statistics' axes.
 */
final class Normalizations {
    private Normalizations() {}

    static Tensor batchNorm(String op, Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                            boolean training, double momentum, double eps) {
        int[] shape = x.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": expects an input [N, C] or [N, C, *], got " + Arrays.toString(shape));
        }
        int samples = shape[0];
        int channels = shape[1];
        int positions = x.numel() / Math.max(1, samples * channels);
        checkPerChannel(op, "runningMean", runningMean, channels);
        checkPerChannel(op, "runningVar", runningVar, channels);
        checkPerChannel(op, "weight", weight, channels);
        checkPerChannel(op, "bias", bias, channels);
        if ((runningMean == null) != (runningVar == null)) {
            throw new IllegalArgumentException(op + ": runningMean and runningVar must both be given or both be null");
        }
        if (!training && runningMean == null) {
            throw new IllegalArgumentException(op + ": evaluation needs running statistics; pass training=true to"
                    + " normalise with the batch's own");
        }
        Tensor grid = x.reshape(samples, channels, positions);
        Tensor normalized;
        if (training) {
            long count = (long) samples * positions;
            if (count <= 1) {
                throw new IllegalArgumentException(op + ": expected more than 1 value per channel when training, got"
                        + " input of shape " + Arrays.toString(shape));
            }
            Tensor mean = grid.sum(2, true).sum(0, true).div(count);
            Tensor centered = grid.sub(mean);
            Tensor variance = centered.mul(centered).sum(2, true).sum(0, true).div(count);
            if (runningMean != null) updateRunning(runningMean, runningVar, mean, variance, momentum, count);
            normalized = centered.mul(variance.add(eps).pow(-0.5));
        } else {
            Tensor mean = runningMean.reshape(1, channels, 1);
            normalized = grid.sub(mean).mul(runningVar.reshape(1, channels, 1).add(eps).pow(-0.5));
        }
        return affine(normalized, weight, bias, new int[] {1, channels, 1}).reshape(shape);
    }

    /** {@code running ← (1 − m)·running + m·batch}; the variance enters unbiased, {@code σ²·n/(n − 1)}. */
    private static void updateRunning(Tensor runningMean, Tensor runningVar, Tensor mean, Tensor variance,
                                      double momentum, long count) {
        try (var off = Autograd.noGrad()) {
            Tensor batchMean = mean.detach().reshape(runningMean.shape());
            Tensor unbiased = variance.detach().reshape(runningVar.shape()).mul((double) count / (count - 1));
            runningMean.mulInPlace(1 - momentum).addInPlace(batchMean, momentum);
            runningVar.mulInPlace(1 - momentum).addInPlace(unbiased, momentum);
        }
    }

    static Tensor layerNorm(String op, Tensor x, int[] normalizedShape, Tensor weight, Tensor bias, double eps) {
        int[] shape = x.shape();
        int k = normalizedShape.length;
        boolean fits = k >= 1 && k <= shape.length
                && Arrays.equals(Arrays.copyOfRange(shape, shape.length - k, shape.length), normalizedShape);
        if (!fits) {
            throw new IllegalArgumentException(op + ": normalized shape " + Arrays.toString(normalizedShape)
                    + " does not match the trailing axes of the input " + Arrays.toString(shape));
        }
        checkShape(op, "weight", weight, normalizedShape);
        checkShape(op, "bias", bias, normalizedShape);
        int n = 1;
        for (int d : normalizedShape) n *= d;
        Tensor rows = x.reshape(-1, n);
        return affine(standardize(rows, 1, eps), weight == null ? null : weight.reshape(n),
                bias == null ? null : bias.reshape(n), new int[] {n}).reshape(shape);
    }

    static Tensor groupNorm(String op, Tensor x, int groups, Tensor weight, Tensor bias, double eps) {
        int[] shape = x.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": expects an input [N, C, *], got " + Arrays.toString(shape));
        }
        int channels = shape[1];
        if (groups < 1 || channels % groups != 0) {
            throw new IllegalArgumentException(op + ": " + groups + " groups must divide the " + channels
                    + " channels of the input " + Arrays.toString(shape));
        }
        checkPerChannel(op, "weight", weight, channels);
        checkPerChannel(op, "bias", bias, channels);
        int positions = x.numel() / Math.max(1, shape[0] * channels);
        Tensor normalized = standardize(x.reshape(shape[0], groups, -1), 2, eps);
        return affine(normalized.reshape(shape[0], channels, positions), weight, bias, new int[] {1, channels, 1})
                .reshape(shape);
    }

    /** {@code (x − mean) / √(var + eps)} along {@code axis}, with the biased variance. */
    private static Tensor standardize(Tensor x, int axis, double eps) {
        Tensor centered = x.sub(x.mean(axis, true));
        Tensor variance = centered.mul(centered).mean(axis, true);
        return centered.mul(variance.add(eps).pow(-0.5));
    }

    private static Tensor affine(Tensor x, Tensor weight, Tensor bias, int[] broadcastShape) {
        Tensor y = weight == null ? x : x.mul(weight.reshape(broadcastShape));
        return bias == null ? y : y.add(bias.reshape(broadcastShape));
    }

    private static void checkPerChannel(String op, String what, Tensor t, int channels) {
        checkShape(op, what, t, new int[] {channels});
    }

    private static void checkShape(String op, String what, Tensor t, int[] expected) {
        if (t != null && !Arrays.equals(t.shape(), expected)) {
            throw new IllegalArgumentException(op + ": " + what + " has shape " + Arrays.toString(t.shape())
                    + " but the input needs " + Arrays.toString(expected));
        }
    }
}
