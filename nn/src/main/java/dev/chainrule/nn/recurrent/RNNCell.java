package dev.chainrule.nn.recurrent;

import dev.chainrule.autograd.Tensor;
import java.util.Random;

/**
 * One step of an Elman recurrence, PyTorch's {@code nn.RNNCell}:
 * {@code h' = act(x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh)}, act tanh (the default) or relu. Parameters {@code weight_ih}
 * {@code [H, in]}, {@code weight_hh} {@code [H, H]}, {@code bias_ih}, {@code bias_hh} {@code [H]}; shapes and init
 * are {@link RNNCellBase}'s.
 *
 * <pre>{@code
 * RNNCell cell = new RNNCell(10, 20, new Random(0));
 * Tensor h = null;                                  // zeros
 * for (Tensor x : steps) h = cell.forward(x, h);    // x [N, 10], h [N, 20]
 * }</pre>
 */
public final class RNNCell extends RNNCellBase {
    private final boolean relu;

    /** A tanh cell with biases, drawn from {@code random}. */
    public RNNCell(int inputSize, int hiddenSize, Random random) {
        this(inputSize, hiddenSize, true, "tanh", random);
    }

    /**
     * A cell with or without biases and with {@code nonlinearity} {@code "tanh"} or {@code "relu"}, drawn from
     * {@code random}.
     *
     * @throws IllegalArgumentException naming the cell when a size is not positive or the nonlinearity is unknown
     */
    public RNNCell(int inputSize, int hiddenSize, boolean bias, String nonlinearity, Random random) {
        super(inputSize, hiddenSize, bias, 1, random);
        if (!"tanh".equals(nonlinearity) && !"relu".equals(nonlinearity)) {
            throw new IllegalArgumentException("RNNCell(" + inputSize + " -> " + hiddenSize
                    + "): unknown nonlinearity '" + nonlinearity + "'; choose tanh or relu");
        }
        this.relu = nonlinearity.equals("relu");
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
        return true;
    }

    @Override
    Tensor[] step(Tensor gx, Tensor[] state, Steps.Weights w) {
        return new Tensor[] {Steps.rnn(gx, state[0], w.hh(), relu)};
    }

    /** {@code RNNCell(3, 4)}, then {@code bias=false} and {@code nonlinearity=relu} where they apply. */
    @Override
    protected String describe() {
        String base = super.describe();
        return relu ? base.substring(0, base.length() - 1) + ", nonlinearity=relu)" : base;
    }
}
