package dev.chainrule.nn.recurrent;

import dev.chainrule.autograd.Tensor;
import java.util.Random;

/**
 * A stacked Elman recurrent layer, PyTorch's {@code nn.RNN}: at each time step t, layer by layer,
 * {@code h_t = act(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh)} with act tanh (the default) or relu. Parameters
 * {@code weight_ih_l0} {@code [H, in]}, {@code weight_hh_l0} {@code [H, H]}, {@code bias_ih_l0},
 * {@code bias_hh_l0} {@code [H]}, then {@code _l1}, … and {@code _reverse} for the second direction; shapes, state
 * layout, init and dropout are {@link RNNBase}'s.
 *
 * <p>{@link #forward(Tensor)} returns the output sequence (so the layer fits in a {@code Sequential});
 * {@link #forward(Tensor, Tensor)} takes an initial state and also returns the final one.
 *
 * <pre>{@code
 * RNN rnn = new RNN(10, 20, RNN.Options.of().withNumLayers(2), new Random(0));
 * RNN.Output out = rnn.forward(Tensor.randn(new Random(1), 5, 3, 10), null);   // [L, N, in], h0 zeros
 * out.output().shape();   // [5, 3, 20]
 * out.hN().shape();       // [2, 3, 20]
 * }</pre>
 */
public final class RNN extends RNNBase {
    /**
     * The output sequence and the final hidden state.
     *
     * @param output {@code [L, N, H·directions]} ({@code [N, L, H·directions]} with batchFirst): the last layer's
     *               hidden state at every step
     * @param hN     {@code [numLayers·directions, N, H]}: every layer's and direction's hidden state after its last
     *               step
     */
    public record Output(Tensor output, Tensor hN) {}

    /** One tanh layer with PyTorch's defaults, drawn from {@code random}. */
    public RNN(int inputSize, int hiddenSize, Random random) {
        this(inputSize, hiddenSize, Options.of(), random);
    }

    /**
     * A layer with {@code options}, drawn from {@code random} (which then draws the dropout masks).
     *
     * @throws IllegalArgumentException naming the layer when a size is not positive or the options are null
     */
    public RNN(int inputSize, int hiddenSize, Options options, Random random) {
        super(inputSize, hiddenSize, 1, options, random);
    }

    /** The output sequence from a zero initial state; see {@link #forward(Tensor, Tensor)}. */
    @Override
    public Tensor forward(Tensor input) {
        return forward(input, null).output();
    }

    /**
     * Runs the layers over {@code input} ({@code [L, N, in]}, {@code [N, L, in]} with batchFirst, or {@code [L, in]})
     * from {@code h0} ({@code [numLayers·directions, N, H]}, or null for zeros).
     *
     * @throws IllegalArgumentException naming the layer when the input or h0 has the wrong shape
     */
    public Output forward(Tensor input, Tensor h0) {
        Run run = run(input, new Tensor[] {h0});
        return new Output(run.output(), run.finals()[0]);
    }

    @Override
    boolean joinsInputAndHidden() {
        return true;
    }

    @Override
    Tensor[] step(Tensor gx, Tensor[] state, Steps.Weights w) {
        return new Tensor[] {Steps.rnn(gx, state[0], w.hh(), options().nonlinearity().equals("relu"))};
    }
}
