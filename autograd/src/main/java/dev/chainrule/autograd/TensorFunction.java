package dev.chainrule.autograd;

/**
 * A differentiable function of several tensors, e.g. {@code xs -> xs[0].matmul(xs[1]).tanh()}; what
 * {@link GradCheck} checks.
 */
@FunctionalInterface
public interface TensorFunction {
    /** Computes the output from the inputs, in the order they were given. */
    Tensor apply(Tensor... inputs);
}
