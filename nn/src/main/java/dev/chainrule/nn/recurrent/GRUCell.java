package dev.chainrule.nn.recurrent;

import dev.chainrule.autograd.Tensor;
import java.util.Random;

/**
 * One step of a gated recurrent unit, PyTorch's {@code nn.GRUCell}, with the formulas of {@link GRU} (gates
 * {@code r, z, n}; {@code n = tanh(x·W_inᵀ + b_in + r⊙(h·W_hnᵀ + b_hn))}, {@code h' = (1 − z)⊙n + z⊙h}).
 * Parameters {@code weight_ih} {@code [3H, in]}, {@code weight_hh} {@code [3H, H]}, {@code bias_ih},
 * {@code bias_hh} {@code [3H]}; shapes and init are {@link RNNCellBase}'s.
 *
 * <pre>{@code
 * GRUCell cell = new GRUCell(10, 20, new Random(0));
 * Tensor h = cell.forward(Tensor.randn(new Random(1), 3, 10), null);   // [3, 20]
 * }</pre>
 */
public final class GRUCell extends RNNCellBase {
    /** A cell with biases, drawn from {@code random}. */
    public GRUCell(int inputSize, int hiddenSize, Random random) {
        this(inputSize, hiddenSize, true, random);
    }

    /**
     * A cell with or without biases, drawn from {@code random}.
     *
     * @throws IllegalArgumentException naming the cell when a size is not positive
     */
    public GRUCell(int inputSize, int hiddenSize, boolean bias, Random random) {
        super(inputSize, hiddenSize, bias, 3, random);
    }

    /** The next hidden state from a zero state: {@code forward(x, null)}. */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null);
    }

    /**
     * The next hidden state from input {@code x} ({@code [N, in]} or {@code [in]}) and hidden state {@code h}
     * ({@code [N, H]} or {@code [H]}; null for zeros).
     *
     * @throws IllegalArgumentException naming the cell when x or h has the wrong shape
     */
    public Tensor forward(Tensor x, Tensor h) {
        return advance(x, new Tensor[] {h})[0];
    }

    @Override
    boolean foldsHiddenBias() {
        return false;
    }

    @Override
    Tensor[] step(Tensor gx, Tensor[] state, Steps.Weights w) {
        return new Tensor[] {Steps.gru(gx, state[0], w.hh(), w.biasHh())};
    }
}
