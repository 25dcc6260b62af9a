package dev.chainrule.nn.norm;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Functional;
import dev.chainrule.nn.Module;
import java.util.Arrays;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share, PyTorch's {@code _BatchNorm}: per-channel affine
 * parameters {@code weight} (ones) and {@code bias} (zeros), the buffers {@code running_mean} (zeros),
 * {@code running_var} (ones) and {@code num_batches_tracked} (an integer count, saved as I64 like PyTorch's), and
 * the training/evaluation switch.
 *
 * <p>In training mode ({@link Module#train()}, the default) the input is normalised with the batch's mean and
 * biased variance per channel, and the running statistics move towards the batch's by {@code momentum}, the
 * variance entering unbiased ({@code σ²·n/(n − 1)}), as PyTorch; {@code num_batches_tracked} counts the updates. In
 * evaluation mode ({@link Module#eval()}) the running statistics normalise. Without running statistics
 * ({@code trackRunningStats} false) the batch's statistics are used in both modes.
 */
public abstract class BatchNormNd extends Module {
    /**
     * The optional arguments, PyTorch's defaults: {@code eps} 1e-5, {@code momentum} 0.1, {@code affine} true,
     * {@code trackRunningStats} true.
     *
     * <pre>{@code
     * new BatchNorm2d(64, BatchNorm2d.Options.of().withMomentum(0.01).withAffine(false))
     * }</pre>
     *
     * @param eps               added to the variance, positive
     * @param momentum          the weight of a new batch in the running statistics, in {@code [0, 1]}
     * @param affine            whether the layer learns {@code weight} and {@code bias}
     * @param trackRunningStats whether the layer keeps running statistics for evaluation
     */
    public record Options(double eps, double momentum, boolean affine, boolean trackRunningStats) {
        /** Validates the settings. */
        public Options {
            if (!(eps > 0) || Double.isInfinite(eps)) {
                throw new IllegalArgumentException("BatchNorm.Options: eps must be positive and finite, got " + eps);
            }
            if (!(momentum >= 0 && momentum <= 1)) {
                throw new IllegalArgumentException("BatchNorm.Options: momentum must be in [0, 1], got " + momentum);
            }
        }

        /** PyTorch's defaults. */
        public static Options of() {
            return new Options(1e-5, 0.1, true, true);
        }

        /** These options with {@code eps}. */
        public Options withEps(double eps) {
            return new Options(eps, momentum, affine, trackRunningStats);
        }

        /** These options with {@code momentum}. */
        public Options withMomentum(double momentum) {
            return new Options(eps, momentum, affine, trackRunningStats);
        }

        /** These options with or without the learned {@code weight} and {@code bias}. */
        public Options withAffine(boolean affine) {
            return new Options(eps, momentum, affine, trackRunningStats);
        }

        /** These options with or without running statistics. */
        public Options withTrackRunningStats(boolean trackRunningStats) {
            return new Options(eps, momentum, affine, trackRunningStats);
        }
    }

    private final int numFeatures;
    private final Options options;
    private final Tensor weight;
    private final Tensor bias;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final Tensor numBatchesTracked;

    /** Registers the parameters and buffers for {@code numFeatures} channels. */
    protected BatchNormNd(int numFeatures, Options options) {
        if (numFeatures <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": numFeatures must be positive, got "
                    + numFeatures);
        }
        this.numFeatures = numFeatures;
        this.options = options;
        this.weight = options.affine() ? registerParameter("weight", Tensor.ones(numFeatures)) : null;
        this.bias = options.affine() ? registerParameter("bias", Tensor.zeros(numFeatures)) : null;
        boolean track = options.trackRunningStats();
        this.runningMean = track ? registerBuffer("running_mean", Tensor.zeros(numFeatures)) : null;
        this.runningVar = track ? registerBuffer("running_var", Tensor.ones(numFeatures)) : null;
        this.numBatchesTracked = track ? registerBuffer("num_batches_tracked", Tensor.scalar(0), true) : null;
    }

    /** The input ranks this layer accepts, e.g. {@code {2, 3}} for [N, C] and [N, C, L]. */
    protected abstract int[] ranks();

    @Override
    public final Tensor forward(Tensor input) {
        checkInput(input);
        boolean useBatch = isTraining() || runningMean == null;
        Tensor output;
        try {
            // Running statistics, when kept, are updated in training and read in evaluation.
            output = Functional.batchNorm(input, runningMean, runningVar, weight, bias, useBatch, options.momentum(),
                    options.eps());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + ": " + e.getMessage(), e);
        }
        if (isTraining() && numBatchesTracked != null) {
            try (var off = Autograd.noGrad()) {
                numBatchesTracked.addInPlace(Tensor.scalar(1));
            }
        }
        return output;
    }

    private void checkInput(Tensor input) {
        int[] ranks = ranks();
        if (Arrays.stream(ranks).noneMatch(r -> r == input.dim()) || input.size(1) != numFeatures) {
            throw new IllegalArgumentException(describe() + ": input of shape " + Arrays.toString(input.shape())
                    + " does not fit; expected " + (ranks.length == 2 ? "[N, " + numFeatures + "] or [N, "
                    + numFeatures + ", L]" : "[N, " + numFeatures + ", H, W]"));
        }
    }

    /** The learned scale {@code [C]}, or null without {@code affine}. */
    public final Tensor weight() {
        return weight;
    }

    /** The learned shift {@code [C]}, or null without {@code affine}. */
    public final Tensor bias() {
        return bias;
    }

    /** The running mean {@code [C]} (a live buffer), or null without running statistics. */
    public final Tensor runningMean() {
        return runningMean;
    }

    /** The running (unbiased) variance {@code [C]} (a live buffer), or null without running statistics. */
    public final Tensor runningVar() {
        return runningVar;
    }

    /** The options this layer was built with. */
    public final Options options() {
        return options;
    }

    @Override
    protected String describe() {
        return getClass().getSimpleName() + "(" + numFeatures + ", eps=" + options.eps() + ", momentum="
                + options.momentum() + ", affine=" + options.affine() + ", trackRunningStats="
                + options.trackRunningStats() + ")";
    }
}
