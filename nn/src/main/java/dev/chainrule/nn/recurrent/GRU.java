package dev.chainrule.nn.recurrent;

import dev.chainrule.autograd.Tensor;
import java.util.Random;

/**
 * A stacked gated recurrent unit layer, PyTorch's {@code nn.GRU}: at each time step t, layer by layer, with gates
 * {@code r, z, n} in that order,
 * <pre>
 * r = σ(x·W_irᵀ + b_ir + h·W_hrᵀ + b_hr)      z = σ(x·W_izᵀ + b_iz + h·W_hzᵀ + b_hz)
 * n = tanh(x·W_inᵀ + b_in + r⊙(h·W_hnᵀ + b_hn))      h' = (1 − z)⊙n + z⊙h
 * </pre>
 * Parameters {@code weight_ih_l0} {@code [3H, in]} (rows {@code W_ir; W_iz; W_in}), {@code weight_hh_l0}
 * {@code [3H, H]}, {@code bias_ih_l0}, {@code bias_hh_l0} {@code [3H]}, then {@code _l1}, … and {@code _reverse};
 * shapes, state layout, init and dropout are {@link RNNBase}'s.
 *
 * <pre>{@code
 * GRU gru = new GRU(10, 20, GRU.Options.of().withBatchFirst(true), new Random(0));
 * GRU.Output out = gru.forward(Tensor.randn(new Random(1), 3, 5, 10), null);   // [N, L, in], h0 zeros
 * out.output().shape();   // [3, 5, 20]
 * out.hN().shape();       // [1, 3, 20]
 * }</pre>
 */
public final class GRU extends RNNBase {
    /**
     * The output sequence and the final hidden state.
     *
     * @param output {@code [L, N, H·directions]} ({@code [N, L, H·directions]} with batchFirst): the last layer's
     *               hidden state at every step
     * @param hN     {@code [numLayers·directions, N, H]}: every layer's and direction's hidden state after its last
     *               step
     */
    public record Output(Tensor output, Tensor hN) {}

    /** One layer with PyTorch's defaults, drawn from {@code random}. */
    public GRU(int inputSize, int hiddenSize, Random random) {
        this(inputSize, hiddenSize, Options.of(), random);
    }

    /**
     * A layer with {@code options}, drawn from {@code random} (which then draws the dropout masks).
     *
     * @throws IllegalArgumentException naming the layer when a size is not positive, the options are null or the
     *                                  nonlinearity is not tanh
     */
    public GRU(int inputSize, int hiddenSize, Options options, Random random) {
        super(inputSize, hiddenSize, 3, options, random);
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
        return false;
    }

    @Override
    Tensor[] step(Tensor gx, Tensor[] state, Steps.Weights w) {
        return new Tensor[] {Steps.gru(gx, state[0], w.hh(), w.biasHh())};
    }
}
