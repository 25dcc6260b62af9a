package dev.chainrule.nn.norm;

/**
 * Batch normalisation over input {@code [N, C, H, W]}, PyTorch's {@code nn.BatchNorm2d}: per channel c,
 * {@code y = (x − μ_c) / √(σ²_c + eps) · weight_c + bias_c}, with batch statistics in training and running ones in
 * evaluation; see {@link BatchNormNd} for the modes and buffers, and
 * {@link dev.chainrule.nn.Functional#batchNorm} for the function.
 *
 * <pre>{@code
 * new BatchNorm2d(64).forward(Tensor.randn(new Random(0), 16, 64, 8, 8)).shape();   // [16, 64, 8, 8]
 * }</pre>
 */
public final class BatchNorm2d extends BatchNormNd {
    /** Batch normalisation of {@code numFeatures} channels with PyTorch's defaults. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, Options.of());
    }

    /**
     * Batch normalisation of {@code numFeatures} channels with {@code options}.
     *
     * @throws IllegalArgumentException when numFeatures is not positive
     */
    public BatchNorm2d(int numFeatures, Options options) {
        super(numFeatures, options);
    }

    @Override
    protected int[] ranks() {
        return new int[] {4};
    }
}
