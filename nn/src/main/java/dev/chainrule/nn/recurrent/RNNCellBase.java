package dev.chainrule.nn.recurrent;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.init.Init;
import java.util.Arrays;
import java.util.Random;

/**
 * What {@link RNNCell}, {@link LSTMCell} and {@link GRUCell} share, PyTorch's {@code RNNCellBase}: one time step of
 * the recurrence, with the parameters {@code weight_ih} {@code [gates·H, in]}, {@code weight_hh}
 * {@code [gates·H, H]}, {@code bias_ih} and {@code bias_hh} {@code [gates·H]} (PyTorch's names, order and layout),
 * each drawn from {@code U(−1/√H, 1/√H)} in that order. A cell computes exactly what one step of the matching layer
 * computes, with the same formulas and gate orders.
 *
 * <p>Shapes: input {@code [N, in]} and states {@code [N, H]}, or unbatched {@code [in]} and {@code [H]}. A null state
 * is zeros.
 */
public abstract sealed class RNNCellBase extends Module permits RNNCell, LSTMCell, GRUCell {
    private final int inputSize;
    private final int hiddenSize;
    private final Steps.Weights weights;
    /** How errors name the cell, e.g. {@code LSTMCell(3 -> 4)}. */
    private final String label;

    /**
     * Registers {@code weight_ih}, {@code weight_hh} and (with {@code bias}) {@code bias_ih}, {@code bias_hh} for
     * {@code gates} gates and draws them from {@code random}.
     *
     * @throws IllegalArgumentException naming the cell when a size is not positive
     */
    RNNCellBase(int inputSize, int hiddenSize, boolean bias, int gates, Random random) {
        this.label = getClass().getSimpleName() + "(" + inputSize + " -> " + hiddenSize + ")";
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(label + ": sizes must be positive, got inputSize=" + inputSize
                    + ", hiddenSize=" + hiddenSize);
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.weights = new Steps.Weights(registerParameter("weight_ih", Tensor.zeros(gates * hiddenSize, inputSize)),
                registerParameter("weight_hh", Tensor.zeros(gates * hiddenSize, hiddenSize)),
                bias ? registerParameter("bias_ih", Tensor.zeros(gates * hiddenSize)) : null,
                bias ? registerParameter("bias_hh", Tensor.zeros(gates * hiddenSize)) : null);
        resetParameters(random);
    }

    /**
     * Re-draws every parameter from {@code U(−1/√H, 1/√H)}, PyTorch's {@code reset_parameters}, in
     * {@link #parameters()} order. Modified in place.
     */
    public final void resetParameters(Random random) {
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (Tensor p : parameters()) Init.uniform(p, -bound, bound, random);
    }

    /** Whether {@code b_hh} is added to the input's projection (see {@link Steps#project}). */
    abstract boolean foldsHiddenBias();

    /** The new state from the projected input {@code gx} ({@code [N, gates·H]}) and the state ({@code [N, H]} each). */
    abstract Tensor[] step(Tensor gx, Tensor[] state, Steps.Weights w);

    /** The names of the states in errors. */
    private static final String[] STATE_NAMES = {"h", "c"};

    /** Checks the shapes, fills null states with zeros and runs {@link #step}; the result has the input's batching. */
    final Tensor[] advance(Tensor x, Tensor[] state) {
        boolean unbatched = checkInput(x);
        Tensor input = unbatched ? x.unsqueeze(0) : x;
        Tensor[] batched = new Tensor[state.length];
        for (int s = 0; s < state.length; s++) {
            batched[s] = checkedState(STATE_NAMES[s], state[s], input.size(0), unbatched);
        }
        Tensor[] next = step(Steps.project(input, weights, foldsHiddenBias()), batched, weights);
        if (unbatched) for (int s = 0; s < next.length; s++) next[s] = next[s].squeeze(0);
        return next;
    }

    /** Checks the input is {@code [N, in]} or {@code [in]}; returns whether it is unbatched. */
    private boolean checkInput(Tensor x) {
        if (x == null) throw new IllegalArgumentException(label + ": input is null");
        if (x.dim() != 1 && x.dim() != 2) {
            throw new IllegalArgumentException(label + ": input of shape " + Arrays.toString(x.shape())
                    + " is not 1-D or 2-D; expected [N, " + inputSize + "], or [" + inputSize + "] unbatched");
        }
        if (x.size(-1) != inputSize) {
            throw new IllegalArgumentException(label + ": input has " + x.size(-1) + " features; expected "
                    + (x.dim() == 2 ? "[N, " + inputSize + "]" : "[" + inputSize + "] (unbatched)"));
        }
        return x.dim() == 1;
    }

    private Tensor checkedState(String name, Tensor given, int batch, boolean unbatched) {
        if (given == null) return Tensor.zeros(batch, hiddenSize);
        int[] expected = unbatched ? new int[] {hiddenSize} : new int[] {batch, hiddenSize};
        if (!Arrays.equals(given.shape(), expected)) {
            throw new IllegalArgumentException(label + ": " + name + " has shape " + Arrays.toString(given.shape())
                    + "; expected " + Arrays.toString(expected) + (unbatched ? " ([hiddenSize])"
                    : " ([N, hiddenSize])"));
        }
        return unbatched ? given.unsqueeze(0) : given;
    }

    /** The number of input features. */
    public final int inputSize() {
        return inputSize;
    }

    /** The number of hidden features H. */
    public final int hiddenSize() {
        return hiddenSize;
    }

    /** {@code RNNCell(3, 4)}, with {@code bias=false} when the cell has no biases. */
    @Override
    protected String describe() {
        return getClass().getSimpleName() + "(" + inputSize + ", " + hiddenSize
                + (weights.biasIh() == null ? ", bias=false" : "") + ")";
    }
}
