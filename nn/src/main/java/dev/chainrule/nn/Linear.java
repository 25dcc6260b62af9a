package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.init.Init;
import java.util.Random;

/**
 * A fully connected layer: {@code y = x·Wᵀ + b}, PyTorch's {@code nn.Linear}.
 *
 * <p>Shapes: input {@code [..., in]}, weight {@code W} of shape {@code [out, in]}, bias {@code b} of shape
 * {@code [out]}, output {@code [..., out]}. The weight is stored {@code [out, in]} like PyTorch's, so
 * checkpoints interoperate without transposing. The tutorial writes a layer as {@code z = σ(xW)} with its
 * {@code W} of shape {@code [in, out]} (inputs × hidden units): that {@code W} is this layer's weight
 * transposed, and its bias-free units are {@code new Linear(in, out, false, random)}. The product reads the
 * weight transposed in place ({@link Tensor#matmulTransposed}), so nothing is copied.
 *
 * <p>Init ({@link #resetParameters(Random)}): the weight is Xavier/Glorot uniform,
 * {@code U(−a, a)} with {@code a = √(6 / (in + out))}, drawn from the given {@code Random} in row-major order;
 * the bias is zero. The same seed gives bit-identical parameters.
 *
 * <pre>{@code
 * Linear layer = new Linear(1024, 500, true, new Random(42));
 * layer.forward(Tensor.zeros(32, 1024)).shape();   // [32, 500]
 * layer.numParameters();                           // 1024·500 + 500 = 512,500
 * }</pre>
 */
public final class Linear extends Module {
    private final int in;
    private final int out;
    private final Tensor weight;
    private final Tensor bias;

    /**
     * A layer with a bias whose weight is drawn from {@code new Random(0)}: reproducible, but every such layer of
     * one shape starts equal. Pass a {@code Random} to give layers different draws.
     */
    public Linear(int in, int out) {
        this(in, out, true, new Random(0));
    }

    /** A layer with a bias, initialised from {@code random}. */
    public Linear(int in, int out, Random random) {
        this(in, out, true, random);
    }

    /** A layer with a bias, initialised from {@code new Random(seed)}. */
    public Linear(int in, int out, long seed) {
        this(in, out, true, new Random(seed));
    }

    /**
     * A layer with or without a bias, initialised from {@code random}.
     *
     * @throws IllegalArgumentException when a size is not positive
     */
    public Linear(int in, int out, boolean bias, Random random) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear: sizes must be positive, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = registerParameter("weight", Tensor.zeros(out, in));
        this.bias = bias ? registerParameter("bias", Tensor.zeros(out)) : null;
        resetParameters(random);
    }

    /** Re-draws the weight (Xavier uniform) from {@code random} and zeroes the bias. Modified in place. */
    public void resetParameters(Random random) {
        Init.xavierUniform(weight, random);
        if (bias != null) Init.zeros(bias);
    }

    @Override
    public Tensor forward(Tensor input) {
        return Functional.linear(input, weight, bias);
    }

    /** The weight, of shape {@code [out, in]} (the live parameter). */
    public Tensor weight() {
        return weight;
    }

    /** The bias, of shape {@code [out]}, or null when the layer has none. */
    public Tensor bias() {
        return bias;
    }

    /** The number of input features. */
    public int inFeatures() {
        return in;
    }

    /** The number of output features. */
    public int outFeatures() {
        return out;
    }

    @Override
    protected String describe() {
        return "Linear(in=" + in + ", out=" + out + ", bias=" + (bias != null) + ")";
    }
}
