package dev.chainrule.nn.recurrent;

import dev.chainrule.autograd.Tensor;
import java.util.Random;

/**
 * A stacked long short-term memory layer, PyTorch's {@code nn.LSTM}: at each time step t, layer by layer, with gates
 * {@code i, f, g, o} in that order,
 * <pre>
 * [i; f; g; o] = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh      i, f, o ← σ(i, f, o)      g ← tanh(g)
 * c' = f⊙c + i⊙g      h' = o⊙tanh(c')
 * </pre>
 * Parameters {@code weight_ih_l0} {@code [4H, in]}, {@code weight_hh_l0} {@code [4H, H]}, {@code bias_ih_l0},
 * {@code bias_hh_l0} {@code [4H]}, then {@code _l1}, … and {@code _reverse}; shapes, state layout, init and dropout
 * are {@link RNNBase}'s.
 *
 * <pre>{@code
 * LSTM lstm = new LSTM(32, 128, LSTM.Options.of().withBatchFirst(true), new Random(0));
 * LSTM.Output out = lstm.forward(Tensor.randn(new Random(1), 8, 20, 32), null);   // [N, L, in], zero state
 * out.output().shape();        // [8, 20, 128]
 * out.state().c().shape();     // [1, 8, 128]
 * }</pre>
 */
public final class LSTM extends RNNBase {
    /**
     * A hidden state and a cell state: of a whole layer ({@code [numLayers·directions, N, H]} each) or of one
     * {@link LSTMCell} step ({@code [N, H]} each).
     *
     * @param h the hidden state
     * @param c the cell state
     */
    public record State(Tensor h, Tensor c) {
        /** Checks that both states are given. */
        public State {
            if (h == null || c == null) {
                throw new IllegalArgumentException("LSTM.State: needs both h and c, got h=" + describe(h) + ", c="
                        + describe(c) + "; pass a null State for zeros");
            }
        }

        private static String describe(Tensor t) {
            return t == null ? "null" : java.util.Arrays.toString(t.shape());
        }
    }

    /**
     * The output sequence and the final states.
     *
     * @param output {@code [L, N, H·directions]} ({@code [N, L, H·directions]} with batchFirst): the last layer's
     *               hidden state at every step
     * @param state  {@code h_n} and {@code c_n}, {@code [numLayers·directions, N, H]} each: every layer's and
     *               direction's states after its last step
     */
    public record Output(Tensor output, State state) {}

    /** One layer with PyTorch's defaults, drawn from {@code random}. */
    public LSTM(int inputSize, int hiddenSize, Random random) {
        this(inputSize, hiddenSize, Options.of(), random);
    }

    /**
     * A layer with {@code options}, drawn from {@code random} (which then draws the dropout masks).
     *
     * @throws IllegalArgumentException naming the layer when a size is not positive, the options are null or the
     *                                  nonlinearity is not tanh
     */
    public LSTM(int inputSize, int hiddenSize, Options options, Random random) {
        super(inputSize, hiddenSize, 4, options, random);
    }

    /** The output sequence from zero states; see {@link #forward(Tensor, State)}. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).output();
    }

    /**
     * Runs the layers over {@code input} ({@code [L, N, in]}, {@code [N, L, in]} with batchFirst, or {@code [L, in]})
     * from {@code initial} ({@code h0} and {@code c0}, {@code [numLayers·directions, N, H]} each, or null for zeros).
     *
     * @throws IllegalArgumentException naming the layer when the input, h0 or c0 has the wrong shape
     */
    public Output forward(Tensor input, State initial) {
        Run run = initial == null ? run(input, new Tensor[2]) : run(input, new Tensor[] {initial.h(), initial.c()});
        return new Output(run.output(), new State(run.finals()[0], run.finals()[1]));
    }

    @Override
    boolean joinsInputAndHidden() {
        return true;
    }

    @Override
    Tensor[] step(Tensor gx, Tensor[] state, Steps.Weights w) {
        State next = Steps.lstm(gx, new State(state[0], state[1]), w.hh());
        return new Tensor[] {next.h(), next.c()};
    }
}
