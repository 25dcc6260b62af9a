package dev.chainrule.nn.recurrent;

import dev.chainrule.autograd.Tensor;
import java.util.Random;

/**
 * One step of a long short-term memory, PyTorch's {@code nn.LSTMCell}, with the formulas of {@link LSTM} (gates
 * {@code i, f, g, o}; {@code c' = f⊙c + i⊙g}, {@code h' = o⊙tanh(c')}). Parameters {@code weight_ih}
 * {@code [4H, in]}, {@code weight_hh} {@code [4H, H]}, {@code bias_ih}, {@code bias_hh} {@code [4H]}; shapes and
 * init are {@link RNNCellBase}'s. The state is an {@link LSTM.State} of {@code [N, H]} tensors.
 *
 * <pre>{@code
 * LSTMCell cell = new LSTMCell(10, 20, new Random(0));
 * LSTM.State state = null;                              // zeros
 * for (Tensor x : steps) state = cell.forward(x, state);
 * state.h().shape();                                    // [N, 20]
 * }</pre>
 */
public final class LSTMCell extends RNNCellBase {
    /** A cell with biases, drawn from {@code random}. */
    public LSTMCell(int inputSize, int hiddenSize, Random random) {
        this(inputSize, hiddenSize, true, random);
    }

    /**
     * A cell with or without biases, drawn from {@code random}.
     *
     * @throws IllegalArgumentException naming the cell when a size is not positive
     */
    public LSTMCell(int inputSize, int hiddenSize, boolean bias, Random random) {
        super(inputSize, hiddenSize, bias, 4, random);
    }

    /** The next hidden state {@code h'} from zero states (PyTorch also returns {@code c'}: use the state form). */
    @Override
    public Tensor forward(Tensor x) {
        return forward(x, null).h();
    }

    /**
     * The next states from input {@code x} ({@code [N, in]} or {@code [in]}) and {@code state} ({@code h} and
     * {@code c}, {@code [N, H]} or {@code [H]} each; null for zeros).
     *
     * @throws IllegalArgumentException naming the cell when x, h or c has the wrong shape
     */
    public LSTM.State forward(Tensor x, LSTM.State state) {
        Tensor[] next = advance(x, state == null ? new Tensor[2] : new Tensor[] {state.h(), state.c()});
        return new LSTM.State(next[0], next[1]);
    }

    @Override
    boolean foldsHiddenBias() {
        return true;
    }

    @Override
    Tensor[] step(Tensor gx, Tensor[] state, Steps.Weights w) {
        LSTM.State next = Steps.lstm(gx, new LSTM.State(state[0], state[1]), w.hh());
        return new Tensor[] {next.h(), next.c()};
    }
}
