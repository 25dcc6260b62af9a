package dev.chainrule.nn.init;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import java.util.Arrays;
import java.util.Random;

/**
 * Parameter initialisation, in place and without recording a graph. Every random draw comes from the
 * {@link Random} passed in, one draw per element in row-major order, so the same seed gives bit-identical
 * values.
 *
 * <p>Fans follow PyTorch's weight layout {@code [out, in]} (see {@code Linear}): for a 2-D tensor
 * {@code fanIn = shape[1]} and {@code fanOut = shape[0]}; for more dimensions both are multiplied by the
 * product of the trailing dimensions (the receptive field), as in PyTorch.
 *
 * <pre>{@code
 * Tensor w = Tensor.zeros(500, 1024).requiresGrad(true);   // a 1024 → 500 layer's weight
 * Init.xavierUniform(w, new Random(42));     // U(−a, a), a = √(6 / (1024 + 500))
 * }</pre>
 */
public final class Init {
    private Init() {}

    /** The gain PyTorch recommends for ReLU layers: √2. */
    public static final double RELU_GAIN = Math.sqrt(2.0);

    /** Fills with {@code value}. Modified in place. Returns the tensor. */
    public static Tensor constant(Tensor tensor, double value) {
        try (var off = Autograd.noGrad()) {
            return tensor.fill(value);
        }
    }

    /** Fills with zeros. Modified in place. Returns the tensor. */
    public static Tensor zeros(Tensor tensor) {
        return constant(tensor, 0.0);
    }

    /** Fills with ones. Modified in place. Returns the tensor. */
    public static Tensor ones(Tensor tensor) {
        return constant(tensor, 1.0);
    }

    /** Fills with draws from {@code U(low, high)}: {@code low + (high − low)·random.nextDouble()}. Modified in place. */
    public static Tensor uniform(Tensor tensor, double low, double high, Random random) {
        if (!(low <= high)) {
            throw new IllegalArgumentException("uniform: low " + low + " is greater than high " + high);
        }
        double[] values = new double[tensor.numel()];
        for (int i = 0; i < values.length; i++) values[i] = low + (high - low) * random.nextDouble();
        return copyInto(tensor, values);
    }

    /** Fills with draws from {@code N(mean, std²)}: {@code mean + std·random.nextGaussian()}. Modified in place. */
    public static Tensor normal(Tensor tensor, double mean, double std, Random random) {
        if (!(std >= 0)) throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
        double[] values = new double[tensor.numel()];
        for (int i = 0; i < values.length; i++) values[i] = mean + std * random.nextGaussian();
        return copyInto(tensor, values);
    }

    /** Xavier/Glorot uniform with gain 1: {@code U(−a, a)}, {@code a = √(6 / (fanIn + fanOut))}. Modified in place. */
    public static Tensor xavierUniform(Tensor tensor, Random random) {
        return xavierUniform(tensor, 1.0, random);
    }

    /** Xavier/Glorot uniform: {@code U(−a, a)}, {@code a = gain·√(6 / (fanIn + fanOut))}. Modified in place. */
    public static Tensor xavierUniform(Tensor tensor, double gain, Random random) {
        int[] fans = fans("xavierUniform", tensor);
        double bound = gain * Math.sqrt(6.0 / (fans[0] + fans[1]));
        return uniform(tensor, -bound, bound, random);
    }

    /** Xavier/Glorot normal with gain 1: {@code N(0, σ²)}, {@code σ = √(2 / (fanIn + fanOut))}. Modified in place. */
    public static Tensor xavierNormal(Tensor tensor, Random random) {
        return xavierNormal(tensor, 1.0, random);
    }

    /** Xavier/Glorot normal: {@code N(0, σ²)}, {@code σ = gain·√(2 / (fanIn + fanOut))}. Modified in place. */
    public static Tensor xavierNormal(Tensor tensor, double gain, Random random) {
        int[] fans = fans("xavierNormal", tensor);
        return normal(tensor, 0.0, gain * Math.sqrt(2.0 / (fans[0] + fans[1])), random);
    }

    /** Kaiming/He uniform for ReLU (gain √2, fan-in mode): {@code U(−a, a)}, {@code a = √(6 / fanIn)}. Modified in place. */
    public static Tensor kaimingUniform(Tensor tensor, Random random) {
        return kaimingUniform(tensor, RELU_GAIN, random);
    }

    /** Kaiming/He uniform, fan-in mode: {@code U(−a, a)}, {@code a = gain·√(3 / fanIn)}. Modified in place. */
    public static Tensor kaimingUniform(Tensor tensor, double gain, Random random) {
        int fanIn = fans("kaimingUniform", tensor)[0];
        double bound = gain * Math.sqrt(3.0 / fanIn);
        return uniform(tensor, -bound, bound, random);
    }

    /** Kaiming/He normal for ReLU (gain √2, fan-in mode): {@code N(0, σ²)}, {@code σ = √(2 / fanIn)}. Modified in place. */
    public static Tensor kaimingNormal(Tensor tensor, Random random) {
        return kaimingNormal(tensor, RELU_GAIN, random);
    }

    /** Kaiming/He normal, fan-in mode: {@code N(0, σ²)}, {@code σ = gain / √fanIn}. Modified in place. */
    public static Tensor kaimingNormal(Tensor tensor, double gain, Random random) {
        int fanIn = fans("kaimingNormal", tensor)[0];
        return normal(tensor, 0.0, gain / Math.sqrt(fanIn), random);
    }

    /**
     * PyTorch's default for linear and convolution layers ({@code reset_parameters}): the weight Kaiming-uniform with
     * {@code a = √5}, which is {@code U(−b, b)} with {@code b = 1/√fanIn}, then the bias (when not null) from the same
     * {@code U(−b, b)}, weight first. Modified in place.
     */
    public static void layerDefault(Tensor weight, Tensor bias, Random random) {
        double bound = 1.0 / Math.sqrt(fans("layerDefault", weight)[0]);
        uniform(weight, -bound, bound, random);
        if (bias != null) uniform(bias, -bound, bound, random);
    }

    /**
     * {@code [fanIn, fanOut]} of a weight laid out {@code [out, in, k...]}: {@code shape[1]·k} and
     * {@code shape[0]·k}, where k is the product of the dimensions after the second (PyTorch's rule).
     *
     * @throws IllegalArgumentException for a tensor of fewer than 2 dimensions or with an empty fan
     */
    public static int[] fans(Tensor tensor) {
        return fans("fans", tensor);
    }

    private static int[] fans(String op, Tensor tensor) {
        int[] shape = tensor.shape();
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": fan in and fan out need a tensor of at least 2 dimensions [out, in],"
                    + " got " + Arrays.toString(shape));
        }
        int receptive = 1;
        for (int d = 2; d < shape.length; d++) receptive *= shape[d];
        int[] fans = {shape[1] * receptive, shape[0] * receptive};
        if (fans[0] == 0 || fans[1] == 0) {
            throw new IllegalArgumentException(op + ": the tensor of shape " + Arrays.toString(shape) + " has an empty fan");
        }
        return fans;
    }

    private static Tensor copyInto(Tensor tensor, double[] values) {
        try (var off = Autograd.noGrad()) {
            return tensor.copyFrom(Tensor.of(values, tensor.shape()));
        }
    }
}
