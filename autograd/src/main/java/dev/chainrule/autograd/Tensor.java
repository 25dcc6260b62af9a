package dev.chainrule.autograd;

import dev.chainrule.autograd.internal.kernels.BinaryKernels;
import dev.chainrule.autograd.internal.kernels.Broadcasting;
import dev.chainrule.autograd.internal.kernels.Parallel;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * An n-dimensional array of doubles (row-major, float64) that remembers how it was computed.
 *
 * <p>Every op on tensors that require grad records itself in a graph (define-by-run); {@link #backward()}
 * walks that graph in reverse, applying the chain rule and summing contributions where one value feeds
 * several ops, and fills {@link #grad()} of every leaf that asked for it:
 * <pre>{@code
 * Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
 * Tensor w = Tensor.of(new double[] {0.5, -1, 2}).requiresGrad(true);
 * Tensor y = x.mul(w).sum().tanh();     // y = tanh(Σ xᵢwᵢ), a 0-d tensor
 * y.backward();
 * x.grad();                             // dy/dx = (1 − y²)·w
 * }</pre>
 *
 * <p>Shapes: a tensor of rank 0 (shape {@code []}) is a scalar; full reductions and losses return one. Binary
 * ops broadcast by NumPy's rules (shapes aligned at the trailing dimension, size-1 dimensions stretched) and
 * the gradient of a broadcast input is summed back to that input's shape. Axes may be negative, counting
 * from the end. Bad arguments throw {@link IllegalArgumentException} naming the op and the shapes or values.
 *
 * <p>Index arguments ({@link #indexSelect}, {@link #gather}, {@link #scatterAdd}, and in {@code nn} embeddings and
 * class-index losses) follow one convention, described in {@link Indices}: an {@code int[]} or a tensor of whole
 * numbers, each in {@code [0, size)}; {@link #sort} and {@link #topk} return indices in that form.
 *
 * <p>NaN propagates as in PyTorch: an output that depends on a NaN input is NaN ({@code relu}, {@code max},
 * {@code clamp}, {@code maximum} and {@code norm} included), with PyTorch's exceptions: {@code pow(0)} is 1,
 * {@code where} and {@code maskedFill} pass only the selected values, and {@link #sort}/{@link #topk} order NaN
 * above every number.
 *
 * <p>Values never change after creation except through the methods whose Javadoc says "Modified", which
 * optimizers use; they bump a version counter so that a backward that needs the old values fails instead of
 * returning a wrong gradient. Tensors are not thread-safe; graph recording is per thread.
 */
public final class Tensor {
    final double[] data;
    final int[] shape;
    Node node;
    private boolean requiresGrad;
    private Tensor grad;
    private final Version version;
    private List<java.util.function.UnaryOperator<Tensor>> hooks;

    private static final java.util.concurrent.atomic.AtomicLong STORAGES = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Facts about one storage (data array), shared by the tensors that view it: the number of in-place
     * modifications, when it was created, and how often the backward pass now running handed it on as a
     * gradient (see Note [Adopting a gradient] in {@link Engine}).
     */
    private static final class Version {
        final long birth = STORAGES.incrementAndGet();
        int value;
        Object deliveredIn;
        int deliveries;
    }

    /** Wraps {@code data} without copying; callers hand over ownership. */
    Tensor(double[] data, int[] shape) {
        this(data, shape, new Version());
    }

    private Tensor(double[] data, int[] shape, Version version) {
        this.data = data;
        this.shape = shape;
        this.version = version;
    }

    // ---------------------------------------------------------------- creation

    /** A 1-D tensor holding a copy of {@code data}. */
    public static Tensor of(double[] data) {
        return new Tensor(data.clone(), new int[] {data.length});
    }

    /**
     * A tensor holding a copy of {@code data} in the given shape (row-major). An empty shape makes a 0-d tensor
     * and needs exactly one value.
     *
     * @throws IllegalArgumentException when the data does not fill the shape exactly
     */
    public static Tensor of(double[] data, int... shape) {
        int[] s = shape.clone();
        int n = Shapes.numel("Tensor.of", s);
        if (n != data.length) {
            throw new IllegalArgumentException("Tensor.of: " + data.length + " values do not fill shape "
                    + Shapes.format(s) + " (" + n + " elements)");
        }
        return new Tensor(data.clone(), s);
    }

    /** A 2-D tensor from rows of equal length. */
    public static Tensor of(double[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        double[] data = new double[Shapes.numel("Tensor.of", new int[] {rows.length, cols})];
        for (int r = 0; r < rows.length; r++) {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("Tensor.of: row " + r + " has " + rows[r].length
                        + " values but row 0 has " + cols);
            }
            System.arraycopy(rows[r], 0, data, r * cols, cols);
        }
        return new Tensor(data, new int[] {rows.length, cols});
    }

    /** A 0-d tensor (shape {@code []}) holding {@code value}. */
    public static Tensor scalar(double value) {
        return new Tensor(new double[] {value}, Shapes.SCALAR);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return full(0.0, shape);
    }

    /** A tensor of ones. */
    public static Tensor ones(int... shape) {
        return full(1.0, shape);
    }

    /** A tensor with every element equal to {@code value}. */
    public static Tensor full(double value, int... shape) {
        int[] s = shape.clone();
        double[] data = new double[Shapes.numel("full", s)];
        if (value != 0) Arrays.fill(data, value);
        return new Tensor(data, s);
    }

    /** The 1-D tensor {@code [0, 1, ..., n − 1]}. */
    public static Tensor arange(int n) {
        return arange(0, n, 1);
    }

    /** The 1-D tensor {@code [start, start + step, ...]} of values below {@code end} (above, for a negative step). */
    public static Tensor arange(double start, double end, double step) {
        if (step == 0 || Double.isNaN(step) || !Double.isFinite(start) || !Double.isFinite(end)) {
            throw new IllegalArgumentException("arange: invalid range start=" + start + ", end=" + end
                    + ", step=" + step);
        }
        long n = Math.max(0, (long) Math.ceil((end - start) / step));
        double[] data = new double[Shapes.numel("arange", new int[] {(int) Math.min(n, Integer.MAX_VALUE)})];
        for (int i = 0; i < data.length; i++) data[i] = start + i * step;
        return new Tensor(data, new int[] {data.length});
    }

    /** The {@code n × n} identity matrix. */
    public static Tensor eye(int n) {
        Tensor result = zeros(n, n);
        for (int i = 0; i < n; i++) result.data[i * n + i] = 1;
        return result;
    }

    /** Uniform values in [0, 1) drawn from {@code random}. */
    public static Tensor rand(Random random, int... shape) {
        Tensor result = zeros(shape);
        for (int i = 0; i < result.data.length; i++) result.data[i] = random.nextDouble();
        return result;
    }

    /**
     * Uniform values in [0, 1) drawn from the global generator (see {@link #manualSeed}); for a reproducible draw
     * of your own pass a {@code Random}: {@code Tensor.rand(new Random(0), 3, 4)}.
     */
    public static Tensor rand(int... shape) {
        return rand(GlobalGenerator.get(), shape);
    }

    /** Standard normal values drawn from {@code random}. */
    public static Tensor randn(Random random, int... shape) {
        Tensor result = zeros(shape);
        for (int i = 0; i < result.data.length; i++) result.data[i] = random.nextGaussian();
        return result;
    }

    /**
     * Standard normal values drawn from the global generator, like {@code torch.randn(5, 4, 6)}: every argument is
     * a dimension. For a reproducible draw of your own pass a {@code Random}: {@code Tensor.randn(new Random(0), 3, 4)}.
     */
    public static Tensor randn(int... shape) {
        return randn(GlobalGenerator.get(), shape);
    }

    /**
     * Seeds the global generator that {@link #rand(int...)} and {@link #randn(int...)} draw from, like
     * {@code torch.manual_seed}: after it the same sequence of calls gives the same values.
     */
    public static void manualSeed(long seed) {
        GlobalGenerator.seed(seed);
    }

    // ---------------------------------------------------------------- reading

    /** The shape, as a new array ({@code []} for a scalar). */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions (0 for a scalar). */
    public int dim() {
        return shape.length;
    }

    /** The size of dimension {@code axis}, which may be negative. */
    public int size(int axis) {
        return shape[Shapes.axis("size", axis, shape.length)];
    }

    /** The number of elements. */
    public int numel() {
        return data.length;
    }

    /** The value of a one-element tensor. */
    public double item() {
        if (data.length != 1) {
            throw new IllegalArgumentException("item: needs a tensor with one element, got shape " + Shapes.format(shape));
        }
        return data[0];
    }

    /** A copy of the values, flat and row-major. */
    public double[] toArray() {
        return data.clone();
    }

    /** The element at {@code index} (one index per dimension; negative ones count from the end). */
    public double get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("get: " + index.length + " indices for a tensor of shape "
                    + Shapes.format(shape));
        }
        int offset = 0;
        for (int d = 0; d < shape.length; d++) {
            int i = index[d];
            if (i < -shape[d] || i >= shape[d]) {
                throw new IllegalArgumentException("get: index " + i + " is out of range for dimension " + d
                        + " of shape " + Shapes.format(shape));
            }
            offset = offset * shape[d] + (i < 0 ? i + shape[d] : i);
        }
        return data[offset];
    }

    /** Shape and values like NumPy prints them, abbreviated with "..." when there are more than 1000. */
    @Override
    public String toString() {
        return TensorFormat.format(this);
    }

    // ---------------------------------------------------------------- autograd state

    /**
     * Marks this leaf as one whose gradient {@link #backward()} should compute. Returns this tensor.
     *
     * @throws IllegalStateException on a tensor computed by a recorded op (only leaves can be marked)
     */
    public Tensor requiresGrad(boolean requiresGrad) {
        if (node != null) {
            throw new IllegalStateException("requiresGrad: only leaf tensors can be marked; this one was computed by "
                    + node.op.name() + ". Use detach() to make a leaf from it");
        }
        this.requiresGrad = requiresGrad;
        return this;
    }

    /** Whether gradients flow to this tensor: a marked leaf, or the result of a recorded op. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Whether this tensor was not computed by a recorded op. */
    public boolean isLeaf() {
        return node == null;
    }

    /** The gradient accumulated by backward passes, or null before any. */
    public Tensor grad() {
        return grad;
    }

    /** Clears the accumulated gradient (sets it to null). */
    public void zeroGrad() {
        grad = null;
    }

    /** A leaf sharing this tensor's values, cut from the graph and not requiring grad. */
    public Tensor detach() {
        return new Tensor(data, shape, version);
    }

    /**
     * Registers a hook that sees the gradient flowing into this tensor during each backward pass (the total
     * over all paths) and may replace it by returning another tensor of the same shape, or return
     * {@code null} to keep it. Hooks run in registration order. On a leaf, the hook's result is what
     * {@link #grad()} accumulates; on an intermediate result, it is what flows on to the inputs.
     *
     * <pre>{@code
     * Tensor.HookHandle clip = weight.registerHook(g -> g.clamp(-1, 1));
     * loss.backward();
     * clip.remove();
     * }</pre>
     */
    public HookHandle registerHook(java.util.function.UnaryOperator<Tensor> hook) {
        if (!requiresGrad) {
            throw new IllegalStateException("registerHook: the tensor of shape " + Shapes.format(shape)
                    + " does not require grad, so no gradient flows into it");
        }
        if (hooks == null) hooks = new java.util.ArrayList<>();
        hooks.add(hook);
        return () -> hooks.remove(hook);
    }

    /** A registered hook; {@link #remove()} unregisters it. */
    @FunctionalInterface
    public interface HookHandle {
        /** Unregisters the hook; later backward passes no longer call it. */
        void remove();
    }

    Tensor applyHooks(Tensor gradient) {
        if (hooks == null) return gradient;
        Tensor g = gradient;
        for (var hook : List.copyOf(hooks)) {
            Tensor replaced = hook.apply(g);
            if (replaced == null) continue;
            if (!Arrays.equals(replaced.shape, shape)) {
                throw new IllegalStateException("hook: returned a gradient of shape " + Shapes.format(replaced.shape)
                        + " for a tensor of shape " + Shapes.format(shape));
            }
            g = replaced;
        }
        return g;
    }

    /** A clock that counts storages created so far; a storage created later has a larger birth. */
    static long storageClock() {
        return STORAGES.get();
    }

    /** Counts one hand-over of this tensor's storage as a gradient in backward pass {@code pass}. */
    void noteDelivery(Object pass) {
        if (version.deliveredIn != pass) {
            version.deliveredIn = pass;
            version.deliveries = 0;
        }
        version.deliveries++;
    }

    /** Whether this is a plain value whose storage pass {@code pass} created after {@code start} and handed on once. */
    boolean isExclusiveTo(Object pass, long start) {
        return node == null && version.birth > start && version.deliveredIn == pass && version.deliveries == 1;
    }

    boolean hasHooks() {
        return hooks != null && !hooks.isEmpty();
    }

    /** Version of this tensor's storage: the number of in-place modifications so far. */
    int version() {
        return version.value;
    }

    /** Backward from a one-element tensor (a loss): fills {@link #grad()} of every leaf that requires grad. */
    public void backward() {
        backward(null, false);
    }

    /** Backward with the upstream gradient {@code gradOutput} (this tensor's shape). */
    public void backward(Tensor gradOutput) {
        backward(gradOutput, false);
    }

    /**
     * Backward with the upstream gradient {@code gradOutput} (null means ones for a one-element tensor).
     * Gradients add to what leaves already hold, until {@link #zeroGrad()}. The graph is freed as it is walked
     * unless {@code retainGraph}, so a second backward through it throws {@link IllegalStateException}.
     */
    public void backward(Tensor gradOutput, boolean retainGraph) {
        Tensor[] roots = {this};
        Tensor[] seeds = Autograd.seeds("backward", roots, gradOutput == null ? null : Arrays.asList(gradOutput));
        Engine.Result result = Engine.run(roots, seeds, retainGraph, false, new Tensor[0]);
        for (Tensor leaf : result.leaves()) {
            Tensor g = result.gradients().get(leaf);
            leaf.accumulateGrad(g, result.adoptable(g));
        }
    }

    /** Adds {@code g} to {@link #grad()}: adopts it when no one else can see it, else copies it first. */
    private void accumulateGrad(Tensor g, boolean adoptable) {
        if (grad == null) {
            grad = adoptable ? g : new Tensor(g.data.clone(), shape);
        } else {
            double[] target = grad.data;
            for (int i = 0; i < target.length; i++) target[i] += g.data[i];
            grad.version.value++;                         // an in-place change, visible to version checks
        }
    }

    // ---------------------------------------------------------------- recording

    /** An op's result: records {@code op} when recording is on and an input requires grad. */
    static Tensor result(Op op, double[] data, int[] shape, Tensor... inputs) {
        return attach(op, new Tensor(data, shape), inputs);
    }

    /** An op's result that shares {@code input}'s storage in another shape (a view). */
    static Tensor result(Op op, Tensor input, int[] shape) {
        return attach(op, new Tensor(input.data, shape, input.version), input);
    }

    private static Tensor attach(Op op, Tensor result, Tensor... inputs) {
        if (!GradMode.isEnabled()) return result;
        for (Tensor input : inputs) {
            if (input.requiresGrad) {
                result.requiresGrad = true;
                result.node = new Node(op, inputs, result);
                return result;
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- element-wise ops

    /** {@code this + other}, broadcasting. Derivative: 1 for both. */
    public Tensor add(Tensor other) {
        return Binary.ADD.apply(this, other);
    }

    /** {@code this + value}. */
    public Tensor add(double value) {
        return add(scalar(value));
    }

    /** {@code this − other}, broadcasting. Derivative: 1 and −1. */
    public Tensor sub(Tensor other) {
        return Binary.SUB.apply(this, other);
    }

    /** {@code this − value}. */
    public Tensor sub(double value) {
        return sub(scalar(value));
    }

    /** {@code this · other} element-wise, broadcasting. Derivative: other and this. */
    public Tensor mul(Tensor other) {
        return Binary.MUL.apply(this, other);
    }

    /** {@code this · value}. */
    public Tensor mul(double value) {
        return mul(scalar(value));
    }

    /** {@code this / other} element-wise, broadcasting. Derivative: 1/other and −this/other². */
    public Tensor div(Tensor other) {
        return Binary.DIV.apply(this, other);
    }

    /** {@code this / value}. */
    public Tensor div(double value) {
        return div(scalar(value));
    }

    /** {@code this^exponent} element-wise, broadcasting; the base must be positive where the exponent is not an integer. */
    public Tensor pow(Tensor exponent) {
        return Binary.POW.apply(this, exponent);
    }

    /** {@code this^p}. Derivative: p·this^(p−1); 0 when p = 0. */
    public Tensor pow(double p) {
        return new Unary.Power(p).apply(this);
    }

    /** {@code −this}. */
    public Tensor neg() {
        return Unary.NEG.apply(this);
    }

    /** {@code eˣ}. */
    public Tensor exp() {
        return Unary.EXP.apply(this);
    }

    /** Natural logarithm; −∞ at 0 and NaN below. Derivative: 1/x. */
    public Tensor log() {
        return Unary.LOG.apply(this);
    }

    /** Square root; NaN below 0. Derivative: 1/(2√x). */
    public Tensor sqrt() {
        return Unary.SQRT.apply(this);
    }

    /** {@code |x|}. Derivative: sign(x), 0 at 0 as in PyTorch. */
    public Tensor abs() {
        return Unary.ABS.apply(this);
    }

    /** −1, 0 or 1 by sign: a constant that records nothing (its derivative is 0 almost everywhere). */
    public Tensor sign() {
        return Unary.constant(Unary.SIGN, this);
    }

    /** Hyperbolic tangent. Derivative: 1 − tanh². */
    public Tensor tanh() {
        return Unary.TANH.apply(this);
    }

    /** The logistic function 1/(1 + e⁻ˣ), computed without overflow. Derivative: σ(1 − σ). */
    public Tensor sigmoid() {
        return Unary.SIGMOID.apply(this);
    }

    /** {@code max(x, 0)}. Derivative: 1 where x &gt; 0, else 0 (0 at 0, as in PyTorch). */
    public Tensor relu() {
        return Unary.RELU.apply(this);
    }

    /** Limits values to {@code [min, max]}. Derivative: 1 where min ≤ x ≤ max, else 0. */
    public Tensor clamp(double min, double max) {
        if (!(min <= max)) throw new IllegalArgumentException("clamp: min " + min + " is greater than max " + max);
        return new Unary.Clamp(min, max).apply(this);
    }

    /** Sine (radians). Derivative: cos x. */
    public Tensor sin() {
        return Unary.SIN.apply(this);
    }

    /** Cosine (radians). Derivative: −sin x. */
    public Tensor cos() {
        return Unary.COS.apply(this);
    }

    /**
     * {@code ln(1 + x)}, accurate where x is tiny (where {@code add(1).log()} loses its digits); −∞ at −1 and NaN
     * below. Derivative: 1/(1 + x).
     */
    public Tensor log1p() {
        return Unary.LOG1P.apply(this);
    }

    /** {@code eˣ − 1}, accurate where x is tiny (where {@code exp().sub(1)} loses its digits). Derivative: eˣ. */
    public Tensor expm1() {
        return Unary.EXPM1.apply(this);
    }

    /**
     * The error function {@code erf(x) = (2/√π)·∫₀ˣ e^(−t²) dt}, within 1 ulp (FDLIBM's method); ±1 at ±∞.
     * Derivative: {@code (2/√π)·e^(−x²)}.
     */
    public Tensor erf() {
        return Unary.ERF.apply(this);
    }

    /**
     * The complementary error function {@code erfc(x) = 1 − erf(x)}, without the cancellation of
     * {@code erf().neg().add(1)} for large x (erfc(10) ≈ 2.1e-45, not 0); within 3 ulp. Derivative:
     * {@code −(2/√π)·e^(−x²)}.
     */
    public Tensor erfc() {
        return Unary.ERFC.apply(this);
    }

    // ---------------------------------------------------------------- activations

    /** {@link #softplus(double)} with β = 1: {@code ln(1 + eˣ)}. Derivative: σ(x). */
    public Tensor softplus() {
        return softplus(1);
    }

    /**
     * {@code (1/β)·ln(1 + e^(βx))}, a smooth relu, computed as {@code max(x, 0) + ln(1 + e^(−β|x|))/β} so that it
     * is accurate and finite for every finite x: softplus(1000) = 1000, softplus(−1000) = 0 (e^(−1000) underflows).
     * PyTorch returns x itself where βx &gt; 20 (its {@code threshold}); this computes the exact value there too,
     * which differs from x by less than e^(−20)/β. Derivative: σ(βx).
     *
     * @throws IllegalArgumentException when beta is not positive and finite
     */
    public Tensor softplus(double beta) {
        if (!(beta > 0 && beta < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("softplus: beta must be positive and finite, got " + beta);
        }
        return new Unary.Softplus(beta).apply(this);
    }

    /** {@link #elu(double)} with α = 1. */
    public Tensor elu() {
        return elu(1);
    }

    /**
     * ELU (Clevert, Unterthiner and Hochreiter, 2016): {@code x} for x &gt; 0, {@code α·(eˣ − 1)} for x ≤ 0.
     * Derivative: 1 for x &gt; 0, {@code α·eˣ} for x ≤ 0, so α at 0, as PyTorch's {@code elu_backward}.
     *
     * @throws IllegalArgumentException when alpha is not finite
     */
    public Tensor elu(double alpha) {
        if (!Double.isFinite(alpha)) throw new IllegalArgumentException("elu: alpha must be finite, got " + alpha);
        return new Unary.Elu(alpha).apply(this);
    }

    /**
     * SELU, the self-normalising ELU: {@code λ·x} for x &gt; 0, {@code λ·α·(eˣ − 1)} for x ≤ 0, with
     * λ = 1.0507009873554804934193349852946 and α = 1.6732632423543772848170429916717, the constants of Klambauer
     * et al., "Self-Normalizing Neural Networks" (2017), as PyTorch's {@code torch.nn.SELU} documents them.
     * Derivative: λ for x &gt; 0, {@code λ·α·eˣ} for x ≤ 0 (λα at 0, as PyTorch).
     */
    public Tensor selu() {
        return Unary.SELU.apply(this);
    }

    /** {@link #leakyRelu(double)} with PyTorch's default slope, 0.01. */
    public Tensor leakyRelu() {
        return leakyRelu(0.01);
    }

    /**
     * {@code x} for x &gt; 0, {@code slope·x} otherwise. Derivative: 1 for x &gt; 0, slope for x ≤ 0 (slope at 0,
     * as PyTorch's {@code leaky_relu_backward}).
     *
     * @throws IllegalArgumentException when slope is not finite
     */
    public Tensor leakyRelu(double slope) {
        if (!Double.isFinite(slope)) {
            throw new IllegalArgumentException("leakyRelu: slope must be finite, got " + slope);
        }
        return new Unary.LeakyRelu(slope).apply(this);
    }

    /**
     * GELU, exact (Hendrycks and Gimpel, "Gaussian Error Linear Units", 2016): {@code x·Φ(x) =
     * ½·x·(1 + erf(x/√2))}, Φ the standard normal CDF, computed as {@code ½·x·erfc(−x/√2)} so that it keeps its
     * digits for negative x. PyTorch's {@code gelu} with approximate='none'. Derivative: {@code Φ(x) + x·φ(x)},
     * φ the standard normal density.
     */
    public Tensor gelu() {
        return Unary.GELU.apply(this);
    }

    /**
     * GELU's tanh approximation, {@code ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}, with the constants of
     * Hendrycks and Gimpel, "Gaussian Error Linear Units" (2016), as PyTorch's {@code torch.nn.GELU} documents them
     * for approximate='tanh'. Computed as its equal {@code x·σ(2u)}, u the tanh's argument, which does not cancel
     * for negative x. Derivative: {@code ½(1 + tanh u) + ½x(1 − tanh²u)·√(2/π)(1 + 3·0.044715·x²)}.
     */
    public Tensor geluTanh() {
        return Unary.GELU_TANH.apply(this);
    }

    /**
     * SiLU (Elfwing, Uchibe and Doya, 2018; swish with β = 1): {@code x·σ(x)}. Derivative:
     * {@code σ(x)·(1 + x·(1 − σ(x)))}.
     */
    public Tensor silu() {
        return Unary.SILU.apply(this);
    }

    /**
     * Mish (Misra, "Mish: A Self Regularized Non-Monotonic Activation Function", 2019):
     * {@code x·tanh(softplus(x))}. Derivative: {@code t + x·σ(x)·(1 − t²)} with {@code t = tanh(softplus(x))}.
     */
    public Tensor mish() {
        return Unary.MISH.apply(this);
    }

    /** {@code x/(1 + |x|)}. Derivative: {@code 1/(1 + |x|)²}. */
    public Tensor softsign() {
        return Unary.SOFTSIGN.apply(this);
    }

    /** {@link #hardTanh(double, double)} on {@code [−1, 1]}. */
    public Tensor hardTanh() {
        return hardTanh(-1, 1);
    }

    /**
     * Limits values to {@code [min, max]} like {@link #clamp}, with PyTorch's {@code hardtanh} derivative: 1
     * strictly inside (min, max) and 0 on the bounds and outside (clamp's is 1 on the bounds too).
     *
     * @throws IllegalArgumentException unless min ≤ max (so when either is NaN)
     */
    public Tensor hardTanh(double min, double max) {
        if (!(min <= max)) {
            throw new IllegalArgumentException("hardTanh: needs min ≤ max, got min " + min + " and max " + max);
        }
        return new Unary.HardTanh(min, max).apply(this);
    }

    /**
     * The larger of this and {@code other} element-wise (broadcasting), PyTorch's {@code torch.maximum}; NaN where
     * either is NaN. Derivative: the gradient goes to the larger input, split evenly at a tie.
     *
     * @throws IllegalArgumentException when the shapes do not broadcast
     */
    public Tensor maximum(Tensor other) {
        return Binary.MAXIMUM.apply(this, other);
    }

    /**
     * The smaller of this and {@code other} element-wise (broadcasting), PyTorch's {@code torch.minimum}; NaN where
     * either is NaN. Derivative: the gradient goes to the smaller input, split evenly at a tie.
     *
     * @throws IllegalArgumentException when the shapes do not broadcast
     */
    public Tensor minimum(Tensor other) {
        return Binary.MINIMUM.apply(this, other);
    }

    // ---------------------------------------------------------------- comparisons (constants, no gradient)

    /** 1 where {@code this > other} (broadcasting), else 0. Records nothing. */
    public Tensor gt(Tensor other) {
        return Binary.compare("gt", BinaryKernels::greater, this, other);
    }

    /** 1 where {@code this > value}, else 0. */
    public Tensor gt(double value) {
        return gt(scalar(value));
    }

    /** 1 where {@code this >= other}, else 0. */
    public Tensor ge(Tensor other) {
        return Binary.compare("ge", BinaryKernels::greaterOrEqual, this, other);
    }

    /** 1 where {@code this >= value}, else 0. */
    public Tensor ge(double value) {
        return ge(scalar(value));
    }

    /** 1 where {@code this < other}, else 0. */
    public Tensor lt(Tensor other) {
        return Binary.compare("lt", BinaryKernels::less, this, other);
    }

    /** 1 where {@code this < value}, else 0. */
    public Tensor lt(double value) {
        return lt(scalar(value));
    }

    /** 1 where {@code this <= other}, else 0. */
    public Tensor le(Tensor other) {
        return Binary.compare("le", BinaryKernels::lessOrEqual, this, other);
    }

    /** 1 where {@code this <= value}, else 0. */
    public Tensor le(double value) {
        return le(scalar(value));
    }

    /** 1 where {@code this == other}, else 0. */
    public Tensor eq(Tensor other) {
        return Binary.compare("eq", BinaryKernels::equal, this, other);
    }

    /** 1 where {@code this == value}, else 0. */
    public Tensor eq(double value) {
        return eq(scalar(value));
    }

    /**
     * {@code condition ≠ 0 ? a : b} element-wise, all three broadcast together. The gradient flows to
     * {@code a} where the condition holds and to {@code b} elsewhere.
     */
    public static Tensor where(Tensor condition, Tensor a, Tensor b) {
        return new Indexing.Where().apply(condition, a, b);
    }

    // ---------------------------------------------------------------- linear algebra

    /**
     * Matrix product with NumPy's rules: 2-D·2-D {@code [m, k]·[k, n] → [m, n]}; a 1-D left operand is a row
     * ({@code [k]·[k, n] → [n]}), a 1-D right operand a column ({@code [m, k]·[k] → [m]}), two 1-D operands give
     * their dot product; operands of rank 3 or more are stacks of matrices whose leading (batch) dimensions
     * broadcast. Derivative: {@code gA = gy·Bᵀ}, {@code gB = Aᵀ·gy}.
     *
     * @throws IllegalArgumentException when inner dimensions differ, batch dimensions don't broadcast, or an
     *                                  operand is 0-d
     */
    public Tensor matmul(Tensor other) {
        if (shape.length == 0 || other.shape.length == 0) {
            throw new IllegalArgumentException("matmul: cannot multiply " + Shapes.format(shape) + " by "
                    + Shapes.format(other.shape) + ": both operands need at least one dimension");
        }
        int k = shape[shape.length - 1];
        int kOther = other.shape.length == 1 ? other.shape[0] : other.shape[other.shape.length - 2];
        if (k != kOther) {
            throw new IllegalArgumentException("matmul: cannot multiply " + Shapes.format(shape) + " by "
                    + Shapes.format(other.shape) + ": inner dimensions " + k + " and " + kOther + " differ");
        }
        Tensor a = shape.length == 1 ? reshape(1, k) : this;
        Tensor b = other.shape.length == 1 ? other.reshape(kOther, 1) : other;
        Tensor product = MatMul.product(a, false, b, false);
        if (shape.length == 1 && other.shape.length == 1) return product.reshape();
        if (other.shape.length == 1) return product.squeeze(-1);
        if (shape.length == 1) return product.squeeze(-2);
        return product;
    }

    /**
     * {@code this·otherᵀ}, with {@code other} read transposed in place: the same values as
     * {@code matmul(other.transpose(-2, -1))} without building the transpose. This is PyTorch's
     * {@code F.linear} product, {@code x·Wᵀ} for a weight stored {@code [out, in]}: {@code [..., k]·[n, k]ᵀ →
     * [..., n]}; a 1-D left operand is a row. Derivative: {@code gA = gy·B}, {@code gB = gyᵀ·A}.
     *
     * @throws IllegalArgumentException when {@code other} has fewer than 2 dimensions, this is 0-d, or the last
     *                                  dimensions differ
     */
    public Tensor matmulTransposed(Tensor other) {
        if (shape.length == 0 || other.shape.length < 2) {
            throw new IllegalArgumentException("matmulTransposed: cannot multiply " + Shapes.format(shape)
                    + " by the transpose of " + Shapes.format(other.shape)
                    + ": needs a left operand of at least 1 dimension and a right one of at least 2");
        }
        Tensor product = MatMul.product(shape.length == 1 ? reshape(1, shape[0]) : this, false, other, true);
        return shape.length == 1 ? product.squeeze(-2) : product;
    }

    /**
     * {@code this·weightᵀ + bias}, PyTorch's {@code F.linear}: {@code [..., k]·[n, k]ᵀ + [n] → [..., n]}, the
     * same as {@code matmulTransposed(weight).add(bias)} in one op, whose kernel starts each row of the result
     * from the bias (no second pass, no second array). Derivative: {@code gx = gy·W}, {@code gW = gyᵀ·x},
     * {@code gb = Σ gy} over all but the last dimension.
     *
     * @throws IllegalArgumentException when the weight is not 2-D, this is 0-d or its last dimension is not the
     *                                  weight's second, or the bias is not 1-D of the weight's first dimension
     */
    public Tensor matmulTransposed(Tensor weight, Tensor bias) {
        if (shape.length == 0 || weight.shape.length != 2 || shape[shape.length - 1] != weight.shape[1]) {
            throw new IllegalArgumentException("linear: cannot multiply " + Shapes.format(shape)
                    + " by the transpose of " + Shapes.format(weight.shape)
                    + ": needs an input [..., k] of at least 1 dimension and a 2-D weight [n, k]");
        }
        if (bias.shape.length != 1 || bias.shape[0] != weight.shape[0]) {
            throw new IllegalArgumentException("linear: bias of shape " + Shapes.format(bias.shape)
                    + " does not fit the weight of shape " + Shapes.format(weight.shape) + "; expected ["
                    + weight.shape[0] + "]");
        }
        return MatMul.LINEAR.apply(this, weight, bias);
    }

    /** Swaps dimensions {@code axis0} and {@code axis1}. */
    public Tensor transpose(int axis0, int axis1) {
        int d0 = Shapes.axis("transpose", axis0, shape.length);
        int d1 = Shapes.axis("transpose", axis1, shape.length);
        return new Views.Transpose(Math.min(d0, d1), Math.max(d0, d1)).apply(this);
    }

    /** The transpose of a 2-D tensor. */
    public Tensor t() {
        if (shape.length != 2) {
            throw new IllegalArgumentException("t: needs a 2-D tensor, got shape " + Shapes.format(shape)
                    + "; use transpose(axis0, axis1)");
        }
        return transpose(0, 1);
    }

    // ---------------------------------------------------------------- shapes

    /** The same values in another shape (row-major); one dimension may be -1 to be inferred. Shares storage. */
    public Tensor reshape(int... newShape) {
        int[] resolved = Views.resolve(shape, newShape);
        if (Arrays.equals(resolved, shape)) return this;
        return new Views.Reshape(resolved).apply(this);
    }

    /** All values as a 1-D tensor. */
    public Tensor flatten() {
        return reshape(-1);
    }

    /** Merges dimensions {@code startAxis..endAxis} (inclusive) into one. */
    public Tensor flatten(int startAxis, int endAxis) {
        if (shape.length == 0) return reshape(1);
        int start = Shapes.axis("flatten", startAxis, shape.length);
        int end = Shapes.axis("flatten", endAxis, shape.length);
        if (start > end) {
            throw new IllegalArgumentException("flatten: start axis " + startAxis + " comes after end axis " + endAxis);
        }
        int[] result = new int[shape.length - (end - start)];
        int r = 0;
        for (int d = 0; d < start; d++) result[r++] = shape[d];
        int merged = 1;
        for (int d = start; d <= end; d++) merged *= shape[d];
        result[r++] = merged;
        for (int d = end + 1; d < shape.length; d++) result[r++] = shape[d];
        return reshape(result);
    }

    /** Inserts a dimension of size 1 at {@code axis} (in {@code [-dim-1, dim]}). */
    public Tensor unsqueeze(int axis) {
        int at = Shapes.axis("unsqueeze", axis, shape.length + 1);
        int[] result = new int[shape.length + 1];
        for (int d = 0, r = 0; r < result.length; r++) result[r] = r == at ? 1 : shape[d++];
        return reshape(result);
    }

    /** Removes dimension {@code axis}, which must have size 1. */
    public Tensor squeeze(int axis) {
        int at = Shapes.axis("squeeze", axis, shape.length);
        if (shape[at] != 1) {
            throw new IllegalArgumentException("squeeze: dimension " + axis + " of shape " + Shapes.format(shape)
                    + " has size " + shape[at] + ", not 1");
        }
        return reshape(Shapes.reduce(shape, at, false));
    }

    /**
     * The dimensions reordered: the result's dimension d is this tensor's {@code dims[d]}, PyTorch's
     * {@code permute}; {@code dims} is a permutation of {@code 0..dim−1} (negative axes count from the end).
     * Derivative: {@code gy} permuted back.
     *
     * @throws IllegalArgumentException when {@code dims} is not a permutation of this tensor's axes
     */
    public Tensor permute(int... dims) {
        if (dims.length != shape.length) {
            throw new IllegalArgumentException("permute: " + Arrays.toString(dims) + " has " + dims.length
                    + " axes but the tensor of shape " + Shapes.format(shape) + " has " + shape.length);
        }
        int[] resolved = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        boolean identity = true;
        for (int d = 0; d < dims.length; d++) {
            resolved[d] = Shapes.axis("permute", dims[d], shape.length);
            if (seen[resolved[d]]) {
                throw new IllegalArgumentException("permute: axis " + dims[d] + " appears twice in "
                        + Arrays.toString(dims));
            }
            seen[resolved[d]] = true;
            identity &= resolved[d] == d;
        }
        return identity ? this : new Views.Permute(resolved).apply(this);
    }

    /**
     * Constant padding, PyTorch's {@code F.pad(x, pad, value=value)}: {@code pad} lists {@code (before, after)}
     * pairs from the last dimension backwards ({@code {left, right}} pads the last axis, {@code {left, right, top,
     * bottom}} the last two), each non-negative. Derivative: {@code gy} with the padding cut off.
     *
     * @throws IllegalArgumentException when {@code pad} has an odd length, more pairs than dimensions, or a
     *                                  negative entry
     */
    public Tensor pad(int[] pad, double value) {
        if (pad.length % 2 != 0 || pad.length / 2 > shape.length) {
            throw new IllegalArgumentException("pad: needs (before, after) pairs for at most " + shape.length
                    + " dimensions of shape " + Shapes.format(shape) + ", got " + Arrays.toString(pad));
        }
        int[] before = new int[shape.length];
        int[] after = new int[shape.length];
        for (int i = 0; i < pad.length; i++) {
            if (pad[i] < 0) {
                throw new IllegalArgumentException("pad: padding must be non-negative, got " + Arrays.toString(pad)
                        + "; use slice to crop");
            }
            int axis = shape.length - 1 - i / 2;
            if (i % 2 == 0) before[axis] = pad[i];
            else after[axis] = pad[i];
        }
        return new Views.Pad(before, after, value).apply(this);
    }

    /** Zero padding; see {@link #pad(int[], double)}. */
    public Tensor pad(int... pad) {
        return pad(pad, 0.0);
    }

    /**
     * {@code value} where {@code mask} is non-zero and this tensor's values elsewhere, PyTorch's
     * {@code masked_fill}; the mask broadcasts to this tensor's shape. Derivative: {@code gy} where the mask is 0,
     * 0 where it was filled.
     *
     * @throws IllegalArgumentException when the mask does not broadcast to this tensor's shape
     */
    public Tensor maskedFill(Tensor mask, double value) {
        if (!Shapes.broadcastsTo(mask.shape, shape)) {
            throw new IllegalArgumentException("maskedFill: mask of shape " + Shapes.format(mask.shape)
                    + " does not broadcast to the tensor's shape " + Shapes.format(shape));
        }
        return where(mask, scalar(value), this);
    }

    /**
     * The lower triangle of the last two axes, PyTorch's {@code tril}: entries {@code [i, j]} with
     * {@code j − i ≤ diagonal} are kept, the others set to 0 ({@code diagonal} 0 is the main diagonal, positive above
     * it). Derivative: {@code gy} where kept, 0 elsewhere.
     *
     * @throws IllegalArgumentException when the tensor has fewer than 2 dimensions
     */
    public Tensor tril(int diagonal) {
        return maskedFill(triangleMask("tril", diagonal, false), 0);
    }

    /** {@link #tril(int)} with the main diagonal: {@code tril(0)}. */
    public Tensor tril() {
        return tril(0);
    }

    /**
     * The upper triangle of the last two axes, PyTorch's {@code triu}: entries {@code [i, j]} with
     * {@code j − i ≥ diagonal} are kept, the others set to 0. Derivative: {@code gy} where kept, 0 elsewhere.
     *
     * @throws IllegalArgumentException when the tensor has fewer than 2 dimensions
     */
    public Tensor triu(int diagonal) {
        return maskedFill(triangleMask("triu", diagonal, true), 0);
    }

    /** {@link #triu(int)} with the main diagonal: {@code triu(0)}. */
    public Tensor triu() {
        return triu(0);
    }

    /** 1 where {@code tril}/{@code triu} zero the last two axes: {@code [rows, cols]}, broadcast over the rest. */
    private Tensor triangleMask(String op, int diagonal, boolean upper) {
        if (shape.length < 2) {
            throw new IllegalArgumentException(op + ": needs at least 2 dimensions, got shape " + Shapes.format(shape));
        }
        int rows = shape[shape.length - 2];
        int cols = shape[shape.length - 1];
        double[] zeroed = new double[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                boolean kept = upper ? j - i >= diagonal : j - i <= diagonal;
                zeroed[i * cols + j] = kept ? 0 : 1;
            }
        }
        return new Tensor(zeroed, new int[] {rows, cols});
    }

    /**
     * The entries in reverse order along {@code axis}, PyTorch's {@code flip} for one axis. Derivative: {@code gy}
     * flipped back.
     */
    public Tensor flip(int axis) {
        int at = Shapes.axis("flip", axis, shape.length);
        int[] reversed = new int[shape[at]];
        for (int i = 0; i < reversed.length; i++) reversed[i] = reversed.length - 1 - i;
        return indexSelect(at, reversed);
    }

    /**
     * The tensor tiled {@code repeats[d]} times along each dimension d, PyTorch's {@code repeat}: {@code [2, 3]}
     * repeated {@code (2, 1)} is {@code [4, 3]}, the rows twice over. With more counts than dimensions, size-1
     * dimensions are added in front first ({@code [3]} repeated {@code (2, 2)} is {@code [2, 6]}). Derivative: each
     * entry's gradient is the sum of {@code gy} over its copies.
     *
     * @throws IllegalArgumentException when there are fewer counts than dimensions or a count is negative
     */
    public Tensor repeat(int... repeats) {
        return Views.repeat(this, repeats.clone());
    }

    /** Broadcasts to {@code newShape} by NumPy's rules. Derivative: the gradient summed back. */
    public Tensor expand(int... newShape) {
        return new Reductions.Expand(newShape.clone()).apply(this);
    }

    /** Sums over broadcast dimensions down to {@code target}, a shape that broadcasts to this one. */
    public Tensor sumTo(int... target) {
        return new Reductions.SumTo(target.clone()).apply(this);
    }

    // ---------------------------------------------------------------- reductions

    /** The sum of all elements, a 0-d tensor. */
    public Tensor sum() {
        return new Reductions.SumAll().apply(this);
    }

    /** The sum along {@code axis}, which is removed. */
    public Tensor sum(int axis) {
        return sum(axis, false);
    }

    /** The sum along {@code axis}, which is kept with size 1 when {@code keepDim}. */
    public Tensor sum(int axis, boolean keepDim) {
        return new Reductions.Sum(Shapes.axis("sum", axis, shape.length), keepDim).apply(this);
    }

    /** The mean of all elements, a 0-d tensor. */
    public Tensor mean() {
        if (data.length == 0) throw new IllegalArgumentException("mean: the tensor of shape " + Shapes.format(shape) + " is empty");
        return sum().div(data.length);
    }

    /** The mean along {@code axis}, which is removed. */
    public Tensor mean(int axis) {
        return mean(axis, false);
    }

    /** The mean along {@code axis}, which is kept with size 1 when {@code keepDim}. */
    public Tensor mean(int axis, boolean keepDim) {
        int at = Shapes.axis("mean", axis, shape.length);
        if (shape[at] == 0) throw new IllegalArgumentException("mean: axis " + axis + " of shape " + Shapes.format(shape) + " is empty");
        return sum(at, keepDim).div(shape[at]);
    }

    /** The maximum along {@code axis}; the gradient goes to the arg-max (the first, on ties). */
    public Tensor max(int axis, boolean keepDim) {
        return new Reductions.Extreme(Shapes.axis("max", axis, shape.length), keepDim, 1).apply(this);
    }

    /** The maximum along {@code axis}, which is removed. */
    public Tensor max(int axis) {
        return max(axis, false);
    }

    /** The largest element, a 0-d tensor. */
    public Tensor max() {
        return flatten().max(0);
    }

    /** The minimum along {@code axis}; the gradient goes to the arg-min (the first, on ties). */
    public Tensor min(int axis, boolean keepDim) {
        return new Reductions.Extreme(Shapes.axis("min", axis, shape.length), keepDim, -1).apply(this);
    }

    /** The minimum along {@code axis}, which is removed. */
    public Tensor min(int axis) {
        return min(axis, false);
    }

    /** The smallest element, a 0-d tensor. */
    public Tensor min() {
        return flatten().min(0);
    }

    /**
     * The index of the maximum along {@code axis}, which is kept with size 1 when {@code keepDim}, as a tensor of
     * integer values; the first one wins a tie and NaN counts as the maximum, as in PyTorch. A constant: records
     * nothing (its derivative is 0 almost everywhere).
     *
     * @throws IllegalArgumentException when the axis is out of range or has size 0
     */
    public Tensor argmax(int axis, boolean keepDim) {
        return Reductions.argExtreme("argmax", this, axis, keepDim, 1);
    }

    /** {@link #argmax(int, boolean)} with the axis removed. */
    public Tensor argmax(int axis) {
        return argmax(axis, false);
    }

    /** The flat (row-major) index of the largest element, a 0-d tensor; see {@link #argmax(int, boolean)}. */
    public Tensor argmax() {
        return Reductions.argExtreme("argmax", this, 1);
    }

    /**
     * The index of the minimum along {@code axis}, which is kept with size 1 when {@code keepDim}, as a tensor of
     * integer values; the first one wins a tie and NaN counts as the minimum, as in PyTorch. A constant: records
     * nothing.
     *
     * @throws IllegalArgumentException when the axis is out of range or has size 0
     */
    public Tensor argmin(int axis, boolean keepDim) {
        return Reductions.argExtreme("argmin", this, axis, keepDim, -1);
    }

    /** {@link #argmin(int, boolean)} with the axis removed. */
    public Tensor argmin(int axis) {
        return argmin(axis, false);
    }

    /** The flat (row-major) index of the smallest element, a 0-d tensor; see {@link #argmin(int, boolean)}. */
    public Tensor argmin() {
        return Reductions.argExtreme("argmin", this, -1);
    }

    /**
     * The p-norm along {@code axis}, PyTorch's {@code norm(p, dim, keepdim)}: {@code (Σ |x|^p)^(1/p)}, so
     * {@code Σ |x|} for p = 1, {@code √Σ x²} for p = 2, and {@code max |x|} for {@code p = Double.POSITIVE_INFINITY};
     * the axis is kept with size 1 when {@code keepDim}. Derivative: {@code gy·sign(x)·|x|^(p−1) / y^(p−1)}, so
     * {@code gy·sign(x)} for p = 1 and {@code gy·x/y} for p = 2; for p = ∞, {@code gy·sign(x)} shared evenly by the
     * entries at the maximum. Where the norm is 0 the gradient is 0, as PyTorch's.
     * <pre>{@code
     * Tensor.of(new double[] {3, -4}).norm();                                  // 5
     * Tensor.of(new double[][] {{3, 4}, {1, -1}}).norm(1, 1, false);          // [7, 2]
     * }</pre>
     *
     * @throws IllegalArgumentException when p is below 1 or NaN, or the axis is out of range
     */
    public Tensor norm(double p, int axis, boolean keepDim) {
        int at = Shapes.axis("norm", axis, shape.length);
        if (!(p >= 1)) {
            throw new IllegalArgumentException("norm: p must be at least 1 (or Double.POSITIVE_INFINITY), got " + p);
        }
        return new Reductions.Norm(p, at, keepDim).apply(this);
    }

    /** The p-norm of all elements, a 0-d tensor; see {@link #norm(double, int, boolean)}. */
    public Tensor norm(double p) {
        return flatten().norm(p, 0, false);
    }

    /** The Euclidean (2-)norm of all elements, {@code √Σ x²}, a 0-d tensor; see {@link #norm(double, int, boolean)}. */
    public Tensor norm() {
        return norm(2);
    }

    /**
     * The entries along {@code axis} in ascending order ({@code descending}: descending), PyTorch's
     * {@code sort(dim, descending, stable=True)}: the values, and the positions they came from as a tensor of whole
     * numbers (see {@link Indices}). Equal values keep their original order in both directions; NaN counts as
     * larger than every number, so it comes last ascending and first descending; −0 equals 0. Derivative: each
     * value's gradient goes back to the position it came from.
     *
     * @throws IllegalArgumentException when the axis is out of range (a 0-d tensor has none)
     */
    public ValuesAndIndices sort(int axis, boolean descending) {
        return Sorting.sort(this, axis, descending);
    }

    /** {@link #sort(int, boolean)} along the last axis, ascending. */
    public ValuesAndIndices sort() {
        return sort(-1, false);
    }

    /**
     * The {@code k} largest entries along {@code axis} ({@code largest = false}: the k smallest), in order (largest
     * first, or smallest first), with their positions, PyTorch's {@code topk(k, dim, largest, sorted=True)}. Ties
     * go to the earlier position, and NaN counts as larger than every number, as in {@link #sort(int, boolean)}.
     * Derivative: each selected value's gradient goes back to its position; the others get 0.
     * <pre>{@code
     * Tensor.ValuesAndIndices top = Tensor.of(new double[] {1, 5, 3, 5}).topk(2);
     * top.values();    // [5, 5]
     * top.indices();   // [1, 3]: the earlier 5 first
     * }</pre>
     *
     * @throws IllegalArgumentException when k is outside {@code [0, size]} of the axis or the axis is out of range
     */
    public ValuesAndIndices topk(int k, int axis, boolean largest) {
        return Sorting.topk(this, k, axis, largest);
    }

    /** The {@code k} largest entries along the last axis; see {@link #topk(int, int, boolean)}. */
    public ValuesAndIndices topk(int k) {
        return topk(k, -1, true);
    }

    /**
     * Values with the positions they were taken from along an axis, as {@link #sort} and {@link #topk} return
     * them (PyTorch's {@code (values, indices)} pair).
     *
     * @param values  the selected values, recorded: gradients flow back through them
     * @param indices their positions along the axis, whole numbers in the form of {@link Indices}; a constant
     */
    public record ValuesAndIndices(Tensor values, Tensor indices) {}

    /**
     * The variance along {@code axis}, {@code Σ (x − mean)² / (n − 1)} when {@code unbiased} (Bessel's correction,
     * PyTorch's default) or {@code / n}; the axis is kept with size 1 when {@code keepDim}. Derivative:
     * {@code gx = gy·2(x − mean)/(n − correction)}.
     *
     * @throws IllegalArgumentException when the axis has fewer than 2 values (unbiased) or none
     */
    public Tensor var(int axis, boolean unbiased, boolean keepDim) {
        return Reductions.variance("var", this, axis, unbiased, keepDim);
    }

    /** The unbiased variance along {@code axis}, which is removed; see {@link #var(int, boolean, boolean)}. */
    public Tensor var(int axis) {
        return var(axis, true, false);
    }

    /** The unbiased variance of all elements, a 0-d tensor; see {@link #var(int, boolean, boolean)}. */
    public Tensor var() {
        return flatten().var(0, true, false);
    }

    /**
     * The standard deviation along {@code axis}, {@code √var(axis, unbiased, keepDim)}. Derivative:
     * {@code gx = gy·(x − mean)/((n − correction)·std)}; like PyTorch's it is not finite where the values are all
     * equal.
     */
    public Tensor std(int axis, boolean unbiased, boolean keepDim) {
        return Reductions.variance("std", this, axis, unbiased, keepDim).sqrt();
    }

    /** The unbiased standard deviation along {@code axis}, which is removed. */
    public Tensor std(int axis) {
        return std(axis, true, false);
    }

    /** The unbiased standard deviation of all elements, a 0-d tensor. */
    public Tensor std() {
        return flatten().std(0, true, false);
    }

    /**
     * {@code log Σ exp(x)} along {@code axis}, computed stably as {@code max + log Σ exp(x − max)}, so inputs in the
     * hundreds or thousands are fine; the axis is kept with size 1 when {@code keepDim}. Derivative:
     * {@code gx = gy·softmax(x)}.
     */
    public Tensor logsumexp(int axis, boolean keepDim) {
        int at = Shapes.axis("logsumexp", axis, shape.length);
        if (shape[at] == 0) {
            throw new IllegalArgumentException("logsumexp: axis " + axis + " of shape " + Shapes.format(shape) + " is empty");
        }
        return new Reductions.LogSumExp(at, keepDim).apply(this);
    }

    /** {@code log Σ exp(x)} along {@code axis}, which is removed; see {@link #logsumexp(int, boolean)}. */
    public Tensor logsumexp(int axis) {
        return logsumexp(axis, false);
    }

    /**
     * The running sum along {@code axis}: {@code y[.., j, ..] = Σ_{k ≤ j} x[.., k, ..]}, the same shape. Derivative:
     * {@code gxⱼ = Σ_{k ≥ j} gyₖ}, the running sum from the back.
     */
    public Tensor cumsum(int axis) {
        return new Reductions.CumSum(Shapes.axis("cumsum", axis, shape.length), false).apply(this);
    }

    // ---------------------------------------------------------------- normalisations

    /**
     * {@code exp(x) / Σ exp(x)} along {@code axis}, computed stably (the maximum is subtracted first).
     * Derivative: {@code gx = y·(gy − Σ y·gy)}.
     */
    public Tensor softmax(int axis) {
        return new Normalization.Softmax(Shapes.axis("softmax", axis, shape.length)).apply(this);
    }

    /**
     * Softmax along {@code axis} over the positions where {@code mask} is 0, as attention uses it: where the mask is
     * non-zero (PyTorch's {@code True} in a boolean attention mask: may not attend) the result is exactly 0 and the
     * gradient is 0, never NaN. A slice masked at every position is all zeros (documented, not NaN: PyTorch's
     * {@code masked_fill(−inf)} then {@code softmax} gives NaN there). The mask broadcasts to this shape.
     * Derivative: {@code gx = y·(gy − Σ y·gy)}, as softmax's.
     *
     * @throws IllegalArgumentException when the mask does not broadcast to this tensor's shape
     */
    public Tensor softmax(int axis, Tensor mask) {
        int at = Shapes.axis("softmax", axis, shape.length);
        if (!Shapes.broadcastsTo(mask.shape, shape)) {
            throw new IllegalArgumentException("softmax: mask of shape " + Shapes.format(mask.shape)
                    + " does not broadcast to the tensor's shape " + Shapes.format(shape));
        }
        double[] expanded = mask.data;
        if (!Arrays.equals(mask.shape, shape)) {
            expanded = new double[data.length];
            Broadcasting.expand(mask.data, mask.shape, shape, expanded);
        }
        boolean[] masked = new boolean[expanded.length];
        for (int i = 0; i < masked.length; i++) masked[i] = expanded[i] != 0;
        return new Normalization.MaskedSoftmax(at, masked).apply(this);
    }

    /**
     * {@code x − log Σ exp(x)} along {@code axis}, computed stably (log-sum-exp with the maximum subtracted).
     * Derivative: {@code gx = gy − softmax(x)·Σ gy}.
     */
    public Tensor logSoftmax(int axis) {
        return new Normalization.LogSoftmax(Shapes.axis("logSoftmax", axis, shape.length)).apply(this);
    }

    // ---------------------------------------------------------------- joining and indexing

    /**
     * Joins tensors along an existing axis; all other dimensions must be equal. The gradient of each input is
     * the slice of the output's gradient where it went.
     */
    public static Tensor concat(int axis, Tensor... tensors) {
        if (tensors.length == 0) throw new IllegalArgumentException("concat: needs at least one tensor");
        int[] first = tensors[0].shape;
        int at = Shapes.axis("concat", axis, first.length);
        for (int i = 1; i < tensors.length; i++) {
            int[] s = tensors[i].shape;
            if (s.length != first.length || !Arrays.equals(Shapes.withDim(s, at, 0), Shapes.withDim(first, at, 0))) {
                throw new IllegalArgumentException("concat: tensor " + i + " of shape " + Shapes.format(s)
                        + " does not match tensor 0 of shape " + Shapes.format(first) + " outside axis " + axis);
            }
        }
        if (tensors.length == 1) return tensors[0];
        return new Indexing.Concat(at).apply(tensors.clone());
    }

    /** {@link #concat(int, Tensor...)} of a list. */
    public static Tensor concat(int axis, List<Tensor> tensors) {
        return concat(axis, tensors.toArray(new Tensor[0]));
    }

    /** Stacks tensors of one shape along a new axis. */
    public static Tensor stack(int axis, Tensor... tensors) {
        if (tensors.length == 0) throw new IllegalArgumentException("stack: needs at least one tensor");
        int at = Shapes.axis("stack", axis, tensors[0].shape.length + 1);
        Tensor[] expanded = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) {
            if (!Arrays.equals(tensors[i].shape, tensors[0].shape)) {
                throw new IllegalArgumentException("stack: tensor " + i + " has shape " + Shapes.format(tensors[i].shape)
                        + " but tensor 0 has shape " + Shapes.format(tensors[0].shape));
            }
            expanded[i] = tensors[i].unsqueeze(at);
        }
        return expanded.length == 1 ? expanded[0] : new Indexing.Concat(at).apply(expanded);
    }

    /** {@link #stack(int, Tensor...)} of a list. */
    public static Tensor stack(int axis, List<Tensor> tensors) {
        return stack(axis, tensors.toArray(new Tensor[0]));
    }

    /** Entries {@code start ≤ i < end} along {@code axis} (step 1). The gradient is zero outside the slice. */
    public Tensor slice(int axis, int start, int end) {
        int at = Shapes.axis("slice", axis, shape.length);
        if (start < 0 || end > shape[at] || start > end) {
            throw new IllegalArgumentException("slice: range [" + start + ", " + end + ") is invalid for axis "
                    + axis + " of size " + shape[at] + " in shape " + Shapes.format(shape));
        }
        if (start == 0 && end == shape[at]) return this;
        return new Indexing.Slice(at, start, end).apply(this);
    }

    /**
     * Consecutive pieces of {@code splitSize} entries along {@code axis} (the last one smaller when the size does not
     * divide), PyTorch's {@code split(split_size, dim)}. Each piece is a {@link #slice}, so gradients flow back into
     * this tensor.
     *
     * @throws IllegalArgumentException when splitSize is not positive or the axis is out of range
     */
    public List<Tensor> split(int splitSize, int axis) {
        int at = Shapes.axis("split", axis, shape.length);
        if (splitSize <= 0) {
            throw new IllegalArgumentException("split: splitSize must be positive, got " + splitSize);
        }
        List<Tensor> pieces = new java.util.ArrayList<>();
        for (int start = 0; start < shape[at]; start += splitSize) {
            pieces.add(slice(at, start, Math.min(start + splitSize, shape[at])));
        }
        return pieces;
    }

    /**
     * At most {@code chunks} pieces along {@code axis}, each of {@code ⌈size / chunks⌉} entries but the last, as
     * PyTorch's {@code chunk(chunks, dim)} (which may give fewer pieces than asked).
     *
     * @throws IllegalArgumentException when chunks is not positive or the axis is out of range
     */
    public List<Tensor> chunk(int chunks, int axis) {
        int at = Shapes.axis("chunk", axis, shape.length);
        if (chunks <= 0) throw new IllegalArgumentException("chunk: chunks must be positive, got " + chunks);
        return split(Math.max(1, (shape[at] + chunks - 1) / chunks), at);
    }

    /**
     * Entries {@code indices[0], indices[1], ...} along {@code axis}, PyTorch's {@code index_select}; indices may
     * repeat (their gradients add up) and lie in {@code [0, size)} (see {@link Indices}). An embedding lookup is
     * {@code table.indexSelect(0, ids)}.
     *
     * @throws IllegalArgumentException naming the first index out of range and its position
     */
    public Tensor indexSelect(int axis, int... indices) {
        int at = Shapes.axis("indexSelect", axis, shape.length);
        int[] index = Indices.of("indexSelect", indices, shape[at], Indices.axisOf(axis, shape));
        return new Indexing.IndexSelect(at, index).apply(this);
    }

    /**
     * {@link #indexSelect(int, int...)} with the indices as a 1-D (or 0-d) tensor of whole numbers.
     *
     * @throws IllegalArgumentException when the indices have more than one dimension, or naming the first one that
     *                                  is not a whole number in range and its position
     */
    public Tensor indexSelect(int axis, Tensor indices) {
        int at = Shapes.axis("indexSelect", axis, shape.length);
        if (indices.shape.length > 1) {
            throw new IllegalArgumentException("indexSelect: indices must be 1-D, got shape "
                    + Shapes.format(indices.shape));
        }
        int[] index = Indices.of("indexSelect", indices, shape[at], Indices.axisOf(axis, shape));
        return new Indexing.IndexSelect(at, index).apply(this);
    }

    /**
     * NumPy's {@code take_along_axis} (PyTorch's {@code gather}): {@code out[i][j] = x[indices[i][j]][j]} for
     * axis 0 of a 2-D tensor. {@code indices} holds whole numbers in {@code [0, size)} (see {@link Indices}), has
     * this tensor's rank and, on every other axis, this tensor's size; the result has its shape. Repeated indices
     * accumulate gradient.
     */
    public Tensor gather(int axis, Tensor indices) {
        int at = Shapes.axis("gather", axis, shape.length);
        if (indices.shape.length != shape.length
                || !Arrays.equals(Shapes.withDim(indices.shape, at, 0), Shapes.withDim(shape, at, 0))) {
            throw new IllegalArgumentException("gather: indices of shape " + Shapes.format(indices.shape)
                    + " must match the input's shape " + Shapes.format(shape) + " on every axis but " + axis);
        }
        int[] index = Indices.of("gather", indices, shape[at], Indices.axisOf(axis, shape));
        return new Indexing.Gather(at, index, indices.shape.clone()).apply(this);
    }

    /**
     * This tensor with each entry of {@code source} added at its index along {@code axis}, PyTorch's
     * {@code scatter_add} (out of place): for axis 0 of a 2-D tensor,
     * {@code out[index[i][j]][j] += source[i][j]}; indices that repeat add up, so
     * {@code Tensor.zeros(3).scatterAdd(0, Tensor.of(new double[] {0, 2, 0}), Tensor.of(new double[] {1, 2, 3}))} is
     * {@code [4, 0, 2]}. {@code index} holds whole numbers in
     * {@code [0, size)} of the axis (see {@link Indices}) and has this tensor's size on every other axis;
     * {@code source} has the index's shape. The adjoint of {@link #gather}. Derivative: {@code gy} for this tensor,
     * {@code gy.gather(axis, index)} for the source.
     *
     * @throws IllegalArgumentException when the shapes do not fit, or naming the first bad index and its position
     */
    public Tensor scatterAdd(int axis, Tensor index, Tensor source) {
        int at = Shapes.axis("scatterAdd", axis, shape.length);
        if (index.shape.length != shape.length
                || !Arrays.equals(Shapes.withDim(index.shape, at, 0), Shapes.withDim(shape, at, 0))) {
            throw new IllegalArgumentException("scatterAdd: index of shape " + Shapes.format(index.shape)
                    + " must match the tensor's shape " + Shapes.format(shape) + " on every axis but " + axis);
        }
        if (!Arrays.equals(source.shape, index.shape)) {
            throw new IllegalArgumentException("scatterAdd: source of shape " + Shapes.format(source.shape)
                    + " must have the index's shape " + Shapes.format(index.shape));
        }
        int[] positions = Indices.of("scatterAdd", index, shape[at], Indices.axisOf(axis, shape));
        return add(new Indexing.ScatterAdd(at, positions, shape[at]).apply(source));
    }

    // ---------------------------------------------------------------- in-place (for optimizers and initialisation)

    /** Adds {@code other} (broadcast to this shape). Modified in place; bumps the version counter. */
    public Tensor addInPlace(Tensor other) {
        return addInPlace(other, 1.0);
    }

    /** Adds {@code alpha · other} (broadcast to this shape). Modified in place; bumps the version counter. */
    public Tensor addInPlace(Tensor other, double alpha) {
        return addScaled("addInPlace", other, alpha);
    }

    /** Subtracts {@code other} (broadcast to this shape). Modified in place; bumps the version counter. */
    public Tensor subInPlace(Tensor other) {
        return addScaled("subInPlace", other, -1.0);
    }

    private Tensor addScaled(String op, Tensor other, double alpha) {
        double[] source = broadcastSource(op, other);
        checkMutable(op);
        double[] target = data;
        Parallel.forElements(target.length, (from, to) -> {
            for (int i = from; i < to; i++) target[i] += alpha * source[i];
        });
        return this;
    }

    /** Multiplies by {@code factor}. Modified in place; bumps the version counter. */
    public Tensor mulInPlace(double factor) {
        checkMutable("mulInPlace");
        for (int i = 0; i < data.length; i++) data[i] *= factor;
        return this;
    }

    /** Multiplies element-wise by {@code other} (broadcast). Modified in place; bumps the version counter. */
    public Tensor mulInPlace(Tensor other) {
        double[] source = broadcastSource("mulInPlace", other);
        checkMutable("mulInPlace");
        for (int i = 0; i < data.length; i++) data[i] *= source[i];
        return this;
    }

    /**
     * Adds {@code value · a · b} element-wise ({@code a}, {@code b} broadcast to this shape), as PyTorch's
     * {@code addcmul_}: what an optimizer's running average of squared gradients needs without a temporary.
     * Modified in place; bumps the version counter.
     */
    public Tensor addcmulInPlace(Tensor a, Tensor b, double value) {
        double[] x = broadcastSource("addcmulInPlace", a);
        double[] y = broadcastSource("addcmulInPlace", b);
        checkMutable("addcmulInPlace");
        for (int i = 0; i < data.length; i++) data[i] += value * x[i] * y[i];
        return this;
    }

    /**
     * Adds {@code value · a / b} element-wise ({@code a}, {@code b} broadcast to this shape), as PyTorch's
     * {@code addcdiv_}. Modified in place; bumps the version counter.
     */
    public Tensor addcdivInPlace(Tensor a, Tensor b, double value) {
        double[] x = broadcastSource("addcdivInPlace", a);
        double[] y = broadcastSource("addcdivInPlace", b);
        checkMutable("addcdivInPlace");
        for (int i = 0; i < data.length; i++) data[i] += value * x[i] / y[i];
        return this;
    }

    /** Replaces every element by its square root. Modified in place; bumps the version counter. */
    public Tensor sqrtInPlace() {
        checkMutable("sqrtInPlace");
        for (int i = 0; i < data.length; i++) data[i] = Math.sqrt(data[i]);
        return this;
    }

    /** Sets every element to {@code value}. Modified in place; bumps the version counter. */
    public Tensor fill(double value) {
        checkMutable("fill");
        Arrays.fill(data, value);
        return this;
    }

    /** Copies {@code source}'s values (same shape). Modified in place; bumps the version counter. */
    public Tensor copyFrom(Tensor source) {
        if (!Arrays.equals(source.shape, shape)) {
            throw new IllegalArgumentException("copyFrom: source of shape " + Shapes.format(source.shape)
                    + " does not match shape " + Shapes.format(shape));
        }
        checkMutable("copyFrom");
        System.arraycopy(source.data, 0, data, 0, data.length);
        return this;
    }

    /** {@code other}'s values broadcast to this shape (validated first; the caller then calls checkMutable). */
    private double[] broadcastSource(String op, Tensor other) {
        if (!Shapes.broadcastsTo(other.shape, shape)) {
            throw new IllegalArgumentException(op + ": shape " + Shapes.format(other.shape)
                    + " cannot be broadcast to " + Shapes.format(shape));
        }
        if (Arrays.equals(other.shape, shape)) return other.data;
        double[] expanded = new double[data.length];
        Broadcasting.expand(other.data, other.shape, shape, expanded);
        return expanded;
    }

    private void checkMutable(String op) {
        if (requiresGrad && GradMode.isEnabled()) {
            throw new IllegalStateException(op + ": cannot modify a tensor that requires grad while gradients are"
                    + " recorded; do it inside try (var off = Autograd.noGrad()) { ... }");
        }
        version.value++;
    }
}
