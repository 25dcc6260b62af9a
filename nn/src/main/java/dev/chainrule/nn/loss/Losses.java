package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Functional;
import java.util.Arrays;

/**
 * Loss functions, composed from Tensor ops (so their gradients come from autograd and can be differentiated
 * again). Each takes an optional {@link Reduction}: {@code MEAN} (the default) and {@code SUM} give a 0-d tensor,
 * {@code NONE} the per-sample or per-element losses. Class indices come as an {@code int[]} or a 1-D tensor of whole
 * numbers, the convention of {@link dev.chainrule.autograd.Indices}. Bad shapes or class indices, probabilities outside
 * {@code [0, 1]} and empty batches throw {@link IllegalArgumentException} naming the function and the shapes or
 * values.
 *
 * <pre>{@code
 * Tensor logits = model.forward(x);                          // [N, C]
 * Tensor loss = Losses.crossEntropy(logits, new int[] {2, 0, 1});
 * loss.backward();
 * }</pre>
 */
public final class Losses {
    private Losses() {}

    /** Log terms are clamped to at least this, as PyTorch's binary cross-entropy does. */
    public static final double LOG_FLOOR = -100.0;

    // ---------------------------------------------------------------- cross-entropy

    /** {@link #crossEntropy(Tensor, int[], Reduction)} with the mean over the batch. */
    public static Tensor crossEntropy(Tensor logits, int[] classes) {
        return crossEntropy(logits, classes, Reduction.MEAN);
    }

    /**
     * Cross-entropy of raw scores against class indices: {@code lossᵢ = −logSoftmax(logits)[i, classᵢ]
     * = log Σ_c exp(logits[i, c]) − logits[i, classᵢ]}, computed through a stable log-softmax (finite for
     * logits of ±1000). Gradient with respect to the logits: {@code (softmax(logits) − onehot(classes)) / N}
     * for the mean.
     *
     * @param logits  scores of shape {@code [N, C]}
     * @param classes N class indices, each in {@code [0, C)}
     * @return a 0-d tensor, or {@code [N]} for {@link Reduction#NONE}
     */
    public static Tensor crossEntropy(Tensor logits, int[] classes, Reduction reduction) {
        return crossEntropy(logits, classes, null, 0.0, reduction);
    }

    /**
     * Cross-entropy against class indices with optional class weights and label smoothing, PyTorch's
     * {@code F.cross_entropy(logits, classes, weight, label_smoothing=ε)}. With {@code logP = logSoftmax(logits)},
     * C classes and weights w (all 1 when null):
     * <pre>
     *   nllᵢ    = −w[classᵢ]·logP[i, classᵢ]
     *   smoothᵢ = −Σ_c w[c]·logP[i, c]
     *   lossᵢ   = (1 − ε)·nllᵢ + (ε / C)·smoothᵢ
     * </pre>
     * {@code SUM} adds the lossᵢ; {@code MEAN} divides both sums by {@code Σᵢ w[classᵢ]} (N without weights), the
     * weighted mean PyTorch uses; {@code NONE} returns the lossᵢ.
     *
     * @param logits         scores of shape {@code [N, C]}
     * @param classes        N class indices, each in {@code [0, C)}
     * @param classWeights   C non-negative finite weights, or null for none
     * @param labelSmoothing ε in {@code [0, 1]}
     * @return a 0-d tensor, or {@code [N]} for {@link Reduction#NONE}
     * @throws IllegalArgumentException for bad shapes, class indices, weights or ε, naming them
     */
    public static Tensor crossEntropy(Tensor logits, int[] classes, Tensor classWeights, double labelSmoothing,
                                      Reduction reduction) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("crossEntropy: labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
        ClassTargets targets = ClassTargets.of("crossEntropy", "logits", logits, classes, classWeights);
        Tensor logP = logits.logSoftmax(1);
        Tensor nll = targets.reduce(targets.negativeLogLikelihoods(logP), reduction);
        if (labelSmoothing == 0) return nll;
        Tensor smooth = targets.reduce(targets.smoothingTerms(logP), reduction);
        return nll.mul(1 - labelSmoothing).add(smooth.mul(labelSmoothing / logits.size(1)));
    }

    // ---------------------------------------------------------------- negative log-likelihood

    /** {@link #nllLoss(Tensor, int[], Tensor, Reduction)} without class weights, averaged over the batch. */
    public static Tensor nllLoss(Tensor logProbabilities, int[] classes) {
        return nllLoss(logProbabilities, classes, null, Reduction.MEAN);
    }

    /**
     * {@link #nllLoss(Tensor, int[], Tensor, Reduction)} with the class indices as a 1-D tensor of whole numbers
     * (the convention of {@link dev.chainrule.autograd.Indices}), without class weights, averaged over the batch.
     */
    public static Tensor nllLoss(Tensor logProbabilities, Tensor classes) {
        return nllLoss(logProbabilities, classes, Reduction.MEAN);
    }

    /** {@link #nllLoss(Tensor, Tensor)} with the given reduction. */
    public static Tensor nllLoss(Tensor logProbabilities, Tensor classes, Reduction reduction) {
        return nllLoss(logProbabilities,
                ClassTargets.classIndices("nllLoss", "log-probabilities", logProbabilities, classes), null, reduction);
    }

    /** {@link #nllLoss(Tensor, int[], Tensor, Reduction)} without class weights. */
    public static Tensor nllLoss(Tensor logProbabilities, int[] classes, Reduction reduction) {
        return nllLoss(logProbabilities, classes, null, reduction);
    }

    /**
     * Negative log-likelihood of log-probabilities (the output of a {@code LogSoftmax} layer), PyTorch's
     * {@code F.nll_loss}: {@code lossᵢ = −w[classᵢ]·logP[i, classᵢ]}. {@code MEAN} divides the sum by
     * {@code Σᵢ w[classᵢ]} (N without weights). {@code nllLoss(logits.logSoftmax(1), classes)} equals
     * {@code crossEntropy(logits, classes)}. Derivative: {@code −w[classᵢ]} at each picked entry (over the
     * weight sum for the mean), 0 elsewhere.
     *
     * @param logProbabilities log-probabilities of shape {@code [N, C]}
     * @param classes          N class indices, each in {@code [0, C)}
     * @param classWeights     C non-negative finite weights, or null for none
     * @return a 0-d tensor, or {@code [N]} for {@link Reduction#NONE}
     * @throws IllegalArgumentException for bad shapes, class indices or weights, naming them
     */
    public static Tensor nllLoss(Tensor logProbabilities, int[] classes, Tensor classWeights, Reduction reduction) {
        ClassTargets targets = ClassTargets.of("nllLoss", "log-probabilities", logProbabilities, classes, classWeights);
        return targets.reduce(targets.negativeLogLikelihoods(logProbabilities), reduction);
    }

    /** {@link #crossEntropy(Tensor, Tensor, Reduction)} with the mean over the batch. */
    public static Tensor crossEntropy(Tensor logits, Tensor targets) {
        return crossEntropy(logits, targets, Reduction.MEAN);
    }

    /**
     * Cross-entropy against targets given as a tensor, told apart by shape as PyTorch does: {@code [N]} holds class
     * indices (whole numbers in {@code [0, C)}, the convention of {@link dev.chainrule.autograd.Indices}), and is
     * {@link #crossEntropy(Tensor, int[], Reduction)}; {@code [N, C]} holds target distributions (soft labels),
     * {@code lossᵢ = −Σ_c targets[i, c]·logSoftmax(logits)[i, c]}, through a stable log-softmax, whose mean divides
     * by N (the batch), as PyTorch does for probability targets.
     *
     * @param logits  scores of shape {@code [N, C]}
     * @param targets class indices {@code [N]}, or probabilities of the logits' shape, each row usually summing to 1
     * @return a 0-d tensor, or {@code [N]} for {@link Reduction#NONE}
     */
    public static Tensor crossEntropy(Tensor logits, Tensor targets, Reduction reduction) {
        if (targets.dim() == 1) {
            return crossEntropy(logits, ClassTargets.classIndices("crossEntropy", "logits", logits, targets), reduction);
        }
        Tensor probabilities = targets;
        int[] shape = logits.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException("crossEntropy: logits must be 2-D [N, C], got shape " + Arrays.toString(shape));
        }
        requireSameShape("crossEntropy", "logits", logits, "probability targets", probabilities);
        requireRows("crossEntropy", "logits", logits);
        return reduction.apply(probabilities.mul(logits.logSoftmax(1)).sum(1).neg());
    }

    // ---------------------------------------------------------------- binary cross-entropy

    /** {@link #binaryCrossEntropy(Tensor, Tensor, Reduction)} with the mean over all elements. */
    public static Tensor binaryCrossEntropy(Tensor probabilities, Tensor targets) {
        return binaryCrossEntropy(probabilities, targets, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy of probabilities: {@code loss = −(t·log p + (1 − t)·log(1 − p))} element-wise, each
     * log clamped to at least {@value #LOG_FLOOR} as in PyTorch, so p = 0 or 1 gives a finite loss (and zero
     * gradient through a clamped log). Derivatives: {@code (p − t) / (p(1 − p))} for p and
     * {@code log(1 − p) − log p} for t. Prefer {@link #binaryCrossEntropyWithLogits} after a sigmoid.
     *
     * @param probabilities values in [0, 1], any shape
     * @param targets       the same shape, 0/1 or soft values in [0, 1]
     * @throws IllegalArgumentException when the shapes differ, there are no elements, or a probability is outside
     *                                  [0, 1] or NaN (as PyTorch throws), naming the first such value and its
     *                                  row-major index
     */
    public static Tensor binaryCrossEntropy(Tensor probabilities, Tensor targets, Reduction reduction) {
        requireSameShape("binaryCrossEntropy", "probabilities", probabilities, "targets", targets);
        requireElements("binaryCrossEntropy", "probabilities", probabilities);
        requireProbabilities("binaryCrossEntropy", probabilities);
        Tensor logP = clampedLog(probabilities);
        Tensor logNotP = clampedLog(probabilities.neg().add(1));
        Tensor losses = targets.mul(logP).add(targets.neg().add(1).mul(logNotP)).neg();
        return reduction.apply(losses);
    }

    /**
     * {@code max(log x, −100)}, with a zero gradient where the floor applies. The input is first raised to the
     * smallest normal double, so that a probability of exactly 0 gives −100 and a zero (not NaN) gradient.
     */
    private static Tensor clampedLog(Tensor x) {
        return x.clamp(Double.MIN_NORMAL, Double.POSITIVE_INFINITY).log().clamp(LOG_FLOOR, Double.POSITIVE_INFINITY);
    }

    /** {@link #binaryCrossEntropyWithLogits(Tensor, Tensor, Reduction)} with the mean over all elements. */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets) {
        return binaryCrossEntropyWithLogits(logits, targets, Reduction.MEAN);
    }

    /**
     * Binary cross-entropy of raw scores, {@code −(t·log σ(x) + (1 − t)·log(1 − σ(x)))}, evaluated stably as
     * {@code softplus(x) − x·t = max(x, 0) − x·t + log(1 + e^(−|x|))}: finite for logits of ±1000. Derivatives:
     * {@code σ(x) − t} for x and {@code −x} for t.
     *
     * @param logits  raw scores, any shape
     * @param targets the same shape, 0/1 or soft values in [0, 1]
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor targets, Reduction reduction) {
        requireSameShape("binaryCrossEntropyWithLogits", "logits", logits, "targets", targets);
        return reduction.apply(Functional.softplus(logits).sub(logits.mul(targets)));
    }

    // ---------------------------------------------------------------- regression

    /** {@link #mse(Tensor, Tensor, Reduction)} with the mean over all elements. */
    public static Tensor mse(Tensor predictions, Tensor targets) {
        return mse(predictions, targets, Reduction.MEAN);
    }

    /**
     * Mean squared error: {@code (a − b)²} element-wise, then reduced. Derivatives: {@code 2(a − b)} and
     * {@code −2(a − b)}, divided by the element count for the mean.
     *
     * @param predictions any shape
     * @param targets     the same shape (no broadcasting, which usually hides a bug)
     */
    public static Tensor mse(Tensor predictions, Tensor targets, Reduction reduction) {
        requireSameShape("mse", "predictions", predictions, "targets", targets);
        requireElements("mse", "predictions", predictions);
        Tensor difference = predictions.sub(targets);
        return reduction.apply(difference.mul(difference));
    }

    /** A loss of no samples is undefined (the mean divides by 0); reject it for every reduction. */
    private static void requireRows(String op, String name, Tensor x) {
        if (x.size(0) == 0) {
            throw new IllegalArgumentException(op + ": the batch is empty (" + name + " of shape "
                    + Arrays.toString(x.shape()) + "); a loss needs at least one sample");
        }
    }

    private static void requireElements(String op, String name, Tensor x) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException(op + ": the batch is empty (" + name + " of shape "
                    + Arrays.toString(x.shape()) + "); a loss needs at least one element");
        }
    }

    private static void requireProbabilities(String op, Tensor probabilities) {
        double[] values = probabilities.toArray();
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException(op + ": probabilities must be in [0, 1], got " + values[i]
                        + " at index " + i + " (row-major, shape " + Arrays.toString(probabilities.shape())
                        + "); apply sigmoid first or use binaryCrossEntropyWithLogits");
            }
        }
    }

    private static void requireSameShape(String op, String firstName, Tensor first, String secondName, Tensor second) {
        if (!Arrays.equals(first.shape(), second.shape())) {
            throw new IllegalArgumentException(op + ": " + firstName + " of shape " + Arrays.toString(first.shape())
                    + " and " + secondName + " of shape " + Arrays.toString(second.shape()) + " must have the same shape");
        }
    }
}
