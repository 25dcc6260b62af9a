package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Graph recording and functional differentiation.
 *
 * <p>Recording is per thread and on by default. Turn it off where no gradient is wanted (evaluation,
 * optimizer updates); scopes nest and restore the previous state when closed:
 * <pre>{@code
 * try (var off = Autograd.noGrad()) {
 *     Tensor prediction = model.apply(x);   // records nothing
 * }
 * }</pre>
 *
 * <p>{@link #grad(List, List, List, boolean, boolean)} returns gradients without touching any tensor's
 * {@link Tensor#grad()}; with {@code createGraph} the returned gradients are themselves differentiable, which
 * is how gradients of gradients are taken:
 * <pre>{@code
 * Tensor x = Tensor.scalar(2).requiresGrad(true);
 * Tensor y = x.pow(3);                                            // y = x³
 * Tensor dy = Autograd.grad(List.of(y), List.of(x), null, true, true).get(0);   // 3x² = 12
 * Tensor d2y = Autograd.grad(dy, x);                              // 6x = 12
 * }</pre>
 */
public final class Autograd {
    private Autograd() {}

    /** A scope that restores the recording state when closed; closing never throws. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** Turns graph recording off on this thread until the returned scope is closed. */
    public static Scope noGrad() {
        return GradMode.set(false);
    }

    /** Turns graph recording on on this thread until the returned scope is closed (e.g. inside a noGrad scope). */
    public static Scope enableGrad() {
        return GradMode.set(true);
    }

    /**
     * Turns anomaly detection on or off on this thread until the returned scope is closed, or for good
     * when the scope is ignored. While on, every op records the line of user code that created it, and a
     * backward rule that returns NaN or infinity fails with an {@link IllegalStateException} naming the op and
     * that line. Slow: use it to find a bad gradient, not in production.
     * <pre>{@code
     * try (var anomaly = Autograd.detectAnomaly(true)) {
     *     loss(model, batch).backward();   // "backward: the rule of log for input 0 returned NaN ... created at Net.java:42"
     * }
     * }</pre>
     */
    public static Scope detectAnomaly(boolean enabled) {
        return AnomalyMode.set(enabled);
    }

    /** Whether anomaly detection is on on this thread. */
    public static boolean isAnomalyDetectionEnabled() {
        return AnomalyMode.isEnabled();
    }

    /**
     * Which matrix-multiply kernel this JVM runs, e.g. {@code "Vector API, 8x16 tile of Species[double, 8, S_512_BIT]"}
     * or {@code "scalar, 4x4 tile"}. Results are bit-for-bit reproducible only between JVMs that run the same one.
     */
    public static String matrixKernel() {
        return dev.chainrule.autograd.internal.kernels.MatMulKernels.kernelDescription();
    }

    /**
     * Whether the matrix kernel uses the Vector API: true when the JVM was started with
     * {@code --add-modules jdk.incubator.vector} (and {@code -Dchainrule.kernels=scalar} is not set). Without it
     * matrix products run 5-8 times slower.
     */
    public static boolean isVectorized() {
        return dev.chainrule.autograd.internal.kernels.MatMulKernels.isVectorApi();
    }

    /** Whether ops on this thread currently record a graph. */
    public static boolean isGradEnabled() {
        return GradMode.isEnabled();
    }

    /**
     * The gradients of {@code outputs} with respect to {@code inputs}, as a list parallel to {@code inputs}.
     *
     * @param outputs     tensors to differentiate; each must require grad
     * @param inputs      tensors (leaves or intermediate results) to differentiate with respect to; an input the
     *                    outputs do not depend on gets a gradient of zeros, as in JAX
     * @param gradOutputs the upstream gradient of each output, each of its output's shape; {@code null} (the list
     *                    or an entry) means ones, allowed for outputs with one element
     * @param retainGraph keep the graph so that it can be differentiated again
     * @param createGraph record the computation of the gradients, so that they can be differentiated again
     *                    (implies that the graph is kept)
     * @throws IllegalArgumentException when a gradient's shape differs from its output's, or an output without a
     *                                  gradient has more than one element
     * @throws IllegalStateException    when an output requires no grad, or the graph was freed by an earlier backward
     */
    public static List<Tensor> grad(List<Tensor> outputs, List<Tensor> inputs, List<Tensor> gradOutputs,
                                    boolean retainGraph, boolean createGraph) {
        Tensor[] roots = outputs.toArray(new Tensor[0]);
        Tensor[] seeds = seeds("grad", roots, gradOutputs);
        Tensor[] wanted = inputs.toArray(new Tensor[0]);
        for (Tensor input : wanted) {
            if (!input.requiresGrad()) {
                throw new IllegalArgumentException("grad: an input of shape " + Shapes.format(input.shape)
                        + " does not require grad; call requiresGrad(true) on it before building the graph");
            }
        }
        Engine.Result result = Engine.run(roots, seeds, retainGraph || createGraph, createGraph, wanted);
        List<Tensor> gradients = new ArrayList<>(wanted.length);
        for (Tensor input : wanted) {
            Tensor g = result.gradients().get(input);
            gradients.add(g != null ? g : Tensor.zeros(input.shape));
        }
        return gradients;
    }

    /**
     * The gradient of a one-element {@code output} with respect to each of {@code inputs}, recording the
     * computation (so it can be differentiated again) when any of them requires grad.
     */
    public static Tensor[] gradients(Tensor output, Tensor... inputs) {
        return grad(List.of(output), Arrays.asList(inputs), null, true, true).toArray(new Tensor[0]);
    }

    /** The gradient of a one-element {@code output} with respect to {@code input}, itself differentiable. */
    public static Tensor grad(Tensor output, Tensor input) {
        return gradients(output, input)[0];
    }

    /**
     * An output with a product of a derivative and a vector: what {@link #vjp}, {@link #jvp} and {@link #hvp}
     * return.
     *
     * @param output  {@code f(x)}
     * @param product the vector-Jacobian, Jacobian-vector or Hessian-vector product
     */
    public record VectorProduct(Tensor output, Tensor product) {}

    /**
     * The Jacobian of {@code fn} at {@code x}, of shape {@code fn(x).shape ++ x.shape}: one backward pass per
     * output element, so meant for small outputs. Its entries are constants (not differentiable).
     */
    public static Tensor jacobian(UnaryOperator<Tensor> fn, Tensor x) {
        return HigherOrder.recording(() -> HigherOrder.jacobian(fn, x));
    }

    /**
     * The Hessian of a scalar-valued {@code fn} at {@code x}, of shape {@code x.shape ++ x.shape}: the Jacobian
     * of the gradient, taken by differentiating the recorded gradient computation. For small inputs.
     */
    public static Tensor hessian(UnaryOperator<Tensor> fn, Tensor x) {
        return HigherOrder.recording(() -> HigherOrder.hessian(fn, x));
    }

    /** {@code fn(x)} and the vector-Jacobian product {@code vᵀ·J} (reverse mode), with v of the output's shape. */
    public static VectorProduct vjp(UnaryOperator<Tensor> fn, Tensor x, Tensor v) {
        return HigherOrder.recording(() -> HigherOrder.vjp(fn, x, v));
    }

    /**
     * {@code fn(x)} and the Jacobian-vector product {@code J·v} (forward mode), with v of x's shape. Computed by
     * the double-vjp construction: {@code g(u) = Jᵀu} is recorded for a dummy u, and since g is linear in u,
     * the vjp of g with v is {@code J·v}. Costs two reverse passes; exact, not a finite difference.
     */
    public static VectorProduct jvp(UnaryOperator<Tensor> fn, Tensor x, Tensor v) {
        return HigherOrder.recording(() -> HigherOrder.jvp(fn, x, v));
    }

    /**
     * {@code fn(x)} (a scalar) and the Hessian-vector product {@code H·v}, without forming H: the gradient of
     * {@code ∇f(x)·v}, which costs two reverse passes.
     */
    public static VectorProduct hvp(UnaryOperator<Tensor> fn, Tensor x, Tensor v) {
        return HigherOrder.recording(() -> HigherOrder.hvp(fn, x, v));
    }

    /** Validates the upstream gradients of {@code roots}, defaulting to ones for one-element outputs. */
    static Tensor[] seeds(String op, Tensor[] roots, List<Tensor> gradOutputs) {
        if (gradOutputs != null && gradOutputs.size() != roots.length) {
            throw new IllegalArgumentException(op + ": " + roots.length + " outputs but " + gradOutputs.size()
                    + " gradients");
        }
        Tensor[] seeds = new Tensor[roots.length];
        for (int i = 0; i < roots.length; i++) {
            Tensor root = roots[i];
            if (!root.requiresGrad()) {
                throw new IllegalStateException(op + ": the output of shape " + Shapes.format(root.shape)
                        + " does not require grad and has no graph; call requiresGrad(true) on the leaves you"
                        + " want gradients for, outside any noGrad scope");
            }
            Tensor seed = gradOutputs == null ? null : gradOutputs.get(i);
            if (seed == null) {
                if (root.data.length != 1) {
                    throw new IllegalArgumentException(op + ": called on a tensor of shape "
                            + Shapes.format(root.shape) + " without a gradient; that needs a scalar (one element)."
                            + " Pass a gradOutput of shape " + Shapes.format(root.shape));
                }
                seed = Tensor.ones(root.shape);
            } else if (!Arrays.equals(seed.shape, root.shape)) {
                throw new IllegalArgumentException(op + ": gradOutput of shape " + Shapes.format(seed.shape)
                        + " does not match the output's shape " + Shapes.format(root.shape));
            }
            seeds[i] = seed;
        }
        return seeds;
    }
}
