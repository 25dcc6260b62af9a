package dev.chainrule.nn.loss;

import dev.chainrule.autograd.Indices;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;

/**
 * The validated class-index targets of a classification loss over scores {@code [N, C]}, with optional class
 * weights: the per-sample terms and PyTorch's weighted mean shared by {@code nllLoss} and {@code crossEntropy}.
 */
final class ClassTargets {
    private final int rows;
    private final Tensor index;
    private final Tensor classWeights;
    private final Tensor sampleWeights;
    private final double sampleWeightSum;
    private final String op;

    private ClassTargets(String op, int[] classes, Tensor classWeights) {
        this.op = op;
        this.rows = classes.length;
        double[] indexValues = new double[rows];
        double[] picked = new double[rows];
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            indexValues[i] = classes[i];
            if (classWeights != null) {
                picked[i] = classWeights.get(classes[i]);
                sum += picked[i];
            }
        }
        this.index = Tensor.of(indexValues, rows, 1);
        this.classWeights = classWeights;
        this.sampleWeights = classWeights == null ? null : Tensor.of(picked);
        this.sampleWeightSum = classWeights == null ? rows : sum;
    }

    /**
     * Validates {@code scores} ({@code [N, C]}, N &gt; 0), the N class indices (each in {@code [0, C)}) and the
     * class weights (null, or C finite values ≥ 0).
     *
     * @throws IllegalArgumentException naming {@code op} and the offending shape, index or weight
     */
    static ClassTargets of(String op, String name, Tensor scores, int[] classes, Tensor classWeights) {
        int[] shape = scores.shape();
        if (shape.length != 2) {
            throw new IllegalArgumentException(op + ": " + name + " must be 2-D [N, C], got shape " + Arrays.toString(shape));
        }
        if (shape[0] == 0) {
            throw new IllegalArgumentException(op + ": the batch is empty (" + name + " of shape " + Arrays.toString(shape)
                    + "); a loss needs at least one sample");
        }
        if (classes.length != shape[0]) {
            throw new IllegalArgumentException(op + ": " + classes.length + " class indices for " + name + " of shape "
                    + Arrays.toString(shape) + "; need one per row (" + shape[0] + ")");
        }
        Indices.of(op, classes, shape[1], classesOf(name, shape));
        if (classWeights != null) requireWeights(op, classWeights, shape[1]);
        return new ClassTargets(op, classes, classWeights);
    }

    /**
     * Class-index targets given as a tensor: N whole numbers in {@code [0, C)}, the convention of {@link Indices}.
     *
     * @throws IllegalArgumentException when the targets are not 1-D or the scores not 2-D, or naming the first index
     *                                  that is not a whole number in range and its position
     */
    static int[] classIndices(String op, String name, Tensor scores, Tensor targets) {
        if (targets.dim() != 1 || scores.dim() != 2) {
            throw new IllegalArgumentException(op + ": class-index targets must be 1-D [N] for " + name + " [N, C], got "
                    + "shapes " + Arrays.toString(targets.shape()) + " and " + Arrays.toString(scores.shape()));
        }
        return Indices.of(op, targets, scores.size(1), classesOf(name, scores.shape()));
    }

    private static String classesOf(String name, int[] shape) {
        return "the classes of " + name + " of shape " + Arrays.toString(shape);
    }

    private static void requireWeights(String op, Tensor weights, int classCount) {
        if (weights.dim() != 1 || weights.size(0) != classCount) {
            throw new IllegalArgumentException(op + ": class weights of shape " + Arrays.toString(weights.shape())
                    + " do not fit " + classCount + " classes; expected [" + classCount + "]");
        }
        double[] values = weights.toArray();
        for (int c = 0; c < values.length; c++) {
            if (!(values[c] >= 0 && values[c] < Double.POSITIVE_INFINITY)) {
                throw new IllegalArgumentException(op + ": class weight " + values[c] + " of class " + c
                        + " must be finite and non-negative");
            }
        }
    }

    /** {@code −w[classᵢ]·logP[i, classᵢ]} per sample, shape {@code [N]}. */
    Tensor negativeLogLikelihoods(Tensor logP) {
        Tensor picked = logP.gather(1, index).reshape(rows).neg();
        return sampleWeights == null ? picked : picked.mul(sampleWeights);
    }

    /** {@code −Σ_c w[c]·logP[i, c]} per sample, shape {@code [N]}: label smoothing's uniform-target term. */
    Tensor smoothingTerms(Tensor logP) {
        return (classWeights == null ? logP : logP.mul(classWeights)).sum(1).neg();
    }

    /**
     * Reduces per-sample losses; with class weights, {@code MEAN} is PyTorch's weighted mean
     * {@code Σᵢ lossᵢ / Σᵢ w[classᵢ]}.
     *
     * @throws IllegalArgumentException for a weighted mean whose weights sum to 0 (it would be 0/0)
     */
    Tensor reduce(Tensor losses, Reduction reduction) {
        if (reduction != Reduction.MEAN || sampleWeights == null) return reduction.apply(losses);
        if (sampleWeightSum == 0) {
            throw new IllegalArgumentException(op + ": the class weights of this batch's targets sum to 0, so the"
                    + " weighted mean is undefined; use Reduction.SUM or give those classes weight");
        }
        return losses.sum().div(sampleWeightSum);
    }
}
