package dev.chainrule.autograd;

/**
 * A recorded operation: a name and one backward rule per input. Rules receive the op's inputs, its output and
 * the upstream gradient as arguments and capture no tensor (see Note [Saved tensors and retainGraph] in
 * {@link Node}); they are written with Tensor ops, so the engine can record them for gradients of gradients.
 */
interface Op {
    /** The name errors, graph exports and anomaly reports use, e.g. {@code "tanh"} or {@code "sum(axis=1)"}. */
    String name();

    /** Computes the op on {@code inputs}, recording it when recording is on (used to re-run a node). */
    Tensor forward(Tensor[] inputs);

    /**
     * The gradient of the loss with respect to input {@code input}, given the gradient {@code gy} of the
     * output. The result has the input's shape, or a shape the input broadcasts to (the engine sums it back).
     */
    Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy);

    /** Whether user code computes this op's gradients (and so may keep a reference to what it returns). */
    default boolean isUserDefined() {
        return false;
    }
}
