package dev.chainrule.nn.recurrent;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Functional;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.init.Init;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * What {@link RNN}, {@link LSTM} and {@link GRU} share, PyTorch's {@code RNNBase}: the {@link Options}, the
 * parameters of every layer and direction with PyTorch's names, layouts and initialisation, and the loop over layers,
 * directions and time steps.
 *
 * <p>Parameters, in PyTorch's {@code state_dict} order: for each layer {@code k} and direction (forward, then
 * {@code _reverse} when bidirectional) {@code weight_ih_lk} {@code [gates·H, in_k]}, {@code weight_hh_lk}
 * {@code [gates·H, H]}, {@code bias_ih_lk} and {@code bias_hh_lk} {@code [gates·H]}, where {@code in_0} is the input
 * size, {@code in_k = H·directions} above, and gates is 1 (RNN), 4 (LSTM: i, f, g, o) or 3 (GRU: r, z, n). Init: every
 * parameter from {@code U(−1/√H, 1/√H)}, drawn in that order from the given {@code Random}.
 *
 * <p>Shapes: input {@code [L, N, in]}, or {@code [N, L, in]} with {@code batchFirst}, or {@code [L, in]} unbatched
 * (batchFirst does not apply); output {@code [L, N, H·directions]} in the input's layout, the directions concatenated
 * on the last axis (forward first). Initial and final states are {@code [numLayers·directions, N, H]}
 * ({@code [numLayers·directions, H]} unbatched), entry {@code k·directions + d} for layer k and direction d, as
 * PyTorch. Each step of RNN and LSTM is one product of {@code [x_t, h]} by {@code [W_ih, W_hh]} and the gate math;
 * GRU projects the input for all steps in one product, then adds one {@code h·W_hhᵀ + b_hh} per step. With {@code dropout} p &gt; 0, training mode drops each layer's output
 * but the last's with probability p, the masks drawn from the layer's {@code Random}.
 */
public abstract sealed class RNNBase extends Module permits RNN, LSTM, GRU {
    /**
     * The optional arguments of a recurrent layer, PyTorch's defaults: one layer, with biases, time-major input,
     * no dropout, one direction, tanh (RNN only).
     *
     * <pre>{@code
     * new LSTM(32, 128, LSTM.Options.of().withNumLayers(2).withBatchFirst(true).withDropout(0.2), new Random(0))
     * }</pre>
     *
     * @param numLayers     stacked layers, each reading the previous one's output; at least 1
     * @param bias          whether the layers learn {@code bias_ih} and {@code bias_hh}
     * @param batchFirst    whether input and output are {@code [N, L, features]} rather than {@code [L, N, features]}
     * @param dropout       the drop probability applied in training to every layer's output but the last, in [0, 1)
     * @param bidirectional whether each layer also runs from the last time step to the first
     * @param nonlinearity  {@code "tanh"} or {@code "relu"}: RNN's activation; LSTM and GRU take only {@code "tanh"}
     */
    public record Options(int numLayers, boolean bias, boolean batchFirst, double dropout, boolean bidirectional,
                          String nonlinearity) {
        /** Validates the settings. */
        public Options {
            if (numLayers < 1) {
                throw new IllegalArgumentException("RNN.Options: numLayers must be at least 1, got " + numLayers);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("RNN.Options: dropout must be in [0, 1), got " + dropout);
            }
            if (!"tanh".equals(nonlinearity) && !"relu".equals(nonlinearity)) {
                throw new IllegalArgumentException("RNN.Options: unknown nonlinearity '" + nonlinearity
                        + "'; choose tanh or relu");
            }
        }

        /** PyTorch's defaults. */
        public static Options of() {
            return new Options(1, true, false, 0.0, false, "tanh");
        }

        /** These options with {@code numLayers} stacked layers. */
        public Options withNumLayers(int numLayers) {
            return new Options(numLayers, bias, batchFirst, dropout, bidirectional, nonlinearity);
        }

        /** These options with or without biases. */
        public Options withBias(boolean bias) {
            return new Options(numLayers, bias, batchFirst, dropout, bidirectional, nonlinearity);
        }

        /** These options with input and output {@code [N, L, features]} (true) or {@code [L, N, features]}. */
        public Options withBatchFirst(boolean batchFirst) {
            return new Options(numLayers, bias, batchFirst, dropout, bidirectional, nonlinearity);
        }

        /** These options with dropout {@code p} between layers. */
        public Options withDropout(double dropout) {
            return new Options(numLayers, bias, batchFirst, dropout, bidirectional, nonlinearity);
        }

        /** These options with one or two directions. */
        public Options withBidirectional(boolean bidirectional) {
            return new Options(numLayers, bias, batchFirst, dropout, bidirectional, nonlinearity);
        }

        /** These options with RNN's activation {@code "tanh"} or {@code "relu"}. */
        public Options withNonlinearity(String nonlinearity) {
            return new Options(numLayers, bias, batchFirst, dropout, bidirectional, nonlinearity);
        }

        int directions() {
            return bidirectional ? 2 : 1;
        }
    }

    /** The output sequence and the final states, one {@code [numLayers·directions, N, H]} tensor per state. */
    record Run(Tensor output, Tensor[] finals) {}

    private final int inputSize;
    private final int hiddenSize;
    private final Options options;
    /** Per layer and direction, in {@code k·directions + d} order. */
    private final List<Steps.Weights> weights = new ArrayList<>();
    /** The source of the dropout masks. */
    private final Random random;
    /** How errors name the layer, e.g. {@code LSTM(3 -> 4)}. */
    private final String label;

    /**
     * Registers the parameters of every layer and direction for {@code gates} gates and draws them from
     * {@code random}, which then draws the dropout masks.
     *
     * @throws IllegalArgumentException naming the layer when a size is not positive or, for LSTM and GRU, the
     *                                  nonlinearity is not tanh
     */
    RNNBase(int inputSize, int hiddenSize, int gates, Options options, Random random) {
        this.label = getClass().getSimpleName() + "(" + inputSize + " -> " + hiddenSize + ")";
        if (inputSize <= 0 || hiddenSize <= 0) {
            throw new IllegalArgumentException(label + ": sizes must be positive, got inputSize=" + inputSize
                    + ", hiddenSize=" + hiddenSize);
        }
        if (options == null) throw new IllegalArgumentException(label + ": options are null; use Options.of()");
        if (gates != 1 && !options.nonlinearity().equals("tanh")) {
            throw new IllegalArgumentException(label + ": nonlinearity applies to RNN only; got "
                    + options.nonlinearity());
        }
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.options = options;
        this.random = random;
        int directions = options.directions();
        for (int layer = 0; layer < options.numLayers(); layer++) {
            int in = layer == 0 ? inputSize : hiddenSize * directions;
            for (int d = 0; d < directions; d++) {
                String suffix = "_l" + layer + (d == 1 ? "_reverse" : "");
                weights.add(new Steps.Weights(
                        registerParameter("weight_ih" + suffix, Tensor.zeros(gates * hiddenSize, in)),
                        registerParameter("weight_hh" + suffix, Tensor.zeros(gates * hiddenSize, hiddenSize)),
                        options.bias() ? registerParameter("bias_ih" + suffix, Tensor.zeros(gates * hiddenSize)) : null,
                        options.bias() ? registerParameter("bias_hh" + suffix, Tensor.zeros(gates * hiddenSize)) : null));
            }
        }
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

    /**
     * Whether each step multiplies {@code [x_t, h]} by {@code [W_ih, W_hh]} in one product (RNN and LSTM, whose
     * hidden term enters the gates unchanged; see Note [One product per step]); otherwise (GRU) the input is
     * projected for all steps at once and each step adds its own {@code h·W_hhᵀ + b_hh}.
     */
    abstract boolean joinsInputAndHidden();

    /** One time step: the new state from the projected input {@code gx} and the previous state. */
    abstract Tensor[] step(Tensor gx, Tensor[] state, Steps.Weights w);

    /** The names of the initial states in errors, e.g. {@code h0}, {@code c0}. */
    private static final String[] STATE_NAMES = {"h0", "c0"};

    /**
     * Runs every layer and direction over {@code input} from {@code initial} (one tensor per state, each null for
     * zeros), checking the shapes first.
     */
    final Run run(Tensor input, Tensor[] initial) {
        boolean unbatched = checkInput(input);
        Tensor x = unbatched ? input.unsqueeze(1) : input;
        int timeAxis = options.batchFirst() && !unbatched ? 1 : 0;
        Tensor[] starts = new Tensor[initial.length];
        for (int s = 0; s < initial.length; s++) {
            starts[s] = initialState(STATE_NAMES[s], initial[s], x.size(1 - timeAxis), unbatched);
        }
        Tensor[][] finals = new Tensor[initial.length][weights.size()];
        for (int layer = 0; layer < options.numLayers(); layer++) {
            if (layer > 0) x = Functional.dropout(x, options.dropout(), random, isTraining());
            x = layer(x, layer, timeAxis, starts, finals);
        }
        Tensor[] stacked = new Tensor[initial.length];
        for (int s = 0; s < stacked.length; s++) {
            stacked[s] = Tensor.stack(0, finals[s]);
            if (unbatched) stacked[s] = stacked[s].squeeze(1);
        }
        return new Run(unbatched ? x.squeeze(1) : x, stacked);
    }

    /**
     * One layer, its directions' outputs concatenated on the feature axis; each direction k starts from entry k of
     * {@code starts} and leaves its final states in {@code finals[·][k]}.
     */
    private Tensor layer(Tensor x, int layer, int timeAxis, Tensor[] starts, Tensor[][] finals) {
        int directions = options.directions();
        Tensor[] outputs = new Tensor[directions];
        for (int d = 0; d < directions; d++) {
            int k = layer * directions + d;
            Tensor[] state = new Tensor[starts.length];
            for (int s = 0; s < state.length; s++) state[s] = starts[s].slice(0, k, k + 1).squeeze(0);
            outputs[d] = direction(x, timeAxis, d == 1, state, weights.get(k));
            for (int s = 0; s < state.length; s++) finals[s][k] = state[s];
        }
        return Tensor.concat(-1, outputs);
    }

    /**
     * One direction of one layer, one step per time step (see {@link #joinsInputAndHidden}); returns the hidden states
     * stacked on the time axis and leaves the final state in {@code state}.
     */
    private Tensor direction(Tensor x, int timeAxis, boolean reverse, Tensor[] state, Steps.Weights w) {
        boolean joined = joinsInputAndHidden();
        Steps.Weights weights = joined ? Steps.joined(w) : w;
        Tensor[] steps = timeSteps(joined ? x : Steps.project(x, w, false), timeAxis);
        Tensor[] hs = new Tensor[steps.length];
        for (int i = 0; i < steps.length; i++) {
            int t = reverse ? steps.length - 1 - i : i;
            Tensor gx = joined ? Functional.linear(Tensor.concat(-1, steps[t], state[0]), weights.ih(),
                    weights.biasIh()) : steps[t];
            Tensor[] next = step(gx, state, weights);
            System.arraycopy(next, 0, state, 0, state.length);
            hs[t] = state[0];
        }
        return Tensor.stack(timeAxis, hs);
    }

    // Note [One product per step]: RNN and LSTM multiply [x_t, h] ([N, in + H]) by [W_ih, W_hh] ([gates·H, in + H],
    // joined once per call) at each step, with b_ih + b_hh. Against projecting the input for all steps in one product
    // and adding h·W_hhᵀ per step, that is one product per step instead of two ops, and the steps are cut out of the
    // input (in features) rather than out of its projection (gates·H features, 16 times more at the benchmark's
    // shape): the lstm benchmark's step went from 72.3 / 65.4 / 77.9 to 62.0 / 69.2 / 61.6 ms, alternately. GRU keeps
    // the projection, since its n gate needs h·W_hnᵀ + b_hn apart.
    //
    // Note [Splitting the projection into time steps]: slicing step t out of the projection [L, N, gates·H] costs
    // little forward, but slice's gradient is the whole projection's shape (zeros around the slice), so L slices
    // cost L full-size gradients and their sums backward: O(L²·N·gates·H), about 30 ms of the lstm benchmark's
    // step at L = 32. Halving recursively gives the same steps through log₂ L levels whose gradients add up to
    // two projection-sized tensors each: O(L·log L·N·gates·H).

    /** The entries of {@code x} along {@code axis}, that axis removed, split by halves (see the Note above). */
    private static Tensor[] timeSteps(Tensor x, int axis) {
        Tensor[] steps = new Tensor[x.size(axis)];
        split(x, axis, 0, steps);
        return steps;
    }

    /** Puts the entries of {@code x} along {@code axis} into {@code steps} from index {@code from}. */
    private static void split(Tensor x, int axis, int from, Tensor[] steps) {
        int n = x.size(axis);
        if (n == 1) {
            steps[from] = x.squeeze(axis);
            return;
        }
        split(x.slice(axis, 0, n / 2), axis, from, steps);
        split(x.slice(axis, n / 2, n), axis, from + n / 2, steps);
    }

    /** Checks the input's rank, features and length; returns whether it is unbatched ({@code [L, in]}). */
    private boolean checkInput(Tensor input) {
        if (input == null) throw new IllegalArgumentException(label + ": input is null");
        int rank = input.dim();
        if (rank != 2 && rank != 3) {
            throw new IllegalArgumentException(label + ": input of shape " + Arrays.toString(input.shape())
                    + " is not 2-D or 3-D; expected " + expectedInput() + ", or [L, " + inputSize + "] unbatched");
        }
        if (input.size(-1) != inputSize) {
            throw new IllegalArgumentException(label + ": input has " + input.size(-1) + " features; expected "
                    + (rank == 3 ? expectedInput() : "[L, " + inputSize + "] (unbatched)"));
        }
        int length = input.size(options.batchFirst() && rank == 3 ? 1 : 0);
        if (length == 0) throw new IllegalArgumentException(label + ": input has no time steps; expected "
                + expectedInput() + " with L ≥ 1");
        return rank == 2;
    }

    private String expectedInput() {
        return options.batchFirst() ? "[N, L, " + inputSize + "] (batchFirst)" : "[L, N, " + inputSize + "]";
    }

    /** The initial state, zeros when null, checked to be {@code [numLayers·directions, N, H]}. */
    private Tensor initialState(String name, Tensor given, int batch, boolean unbatched) {
        int[] expected = unbatched ? new int[] {weights.size(), hiddenSize}
                : new int[] {weights.size(), batch, hiddenSize};
        if (given == null) return Tensor.zeros(unbatched ? new int[] {weights.size(), 1, hiddenSize} : expected);
        if (!Arrays.equals(given.shape(), expected)) {
            throw new IllegalArgumentException(label + ": " + name + " has shape " + Arrays.toString(given.shape())
                    + "; expected " + Arrays.toString(expected) + " ([numLayers·directions, " + (unbatched ? ""
                    : "N, ") + "hiddenSize])");
        }
        return unbatched ? given.unsqueeze(1) : given;
    }

    /** The number of input features. */
    public final int inputSize() {
        return inputSize;
    }

    /** The number of hidden features H. */
    public final int hiddenSize() {
        return hiddenSize;
    }

    /** The options this layer was built with. */
    public final Options options() {
        return options;
    }

    /** PyTorch's repr with our names: the sizes, then every option that differs from its default. */
    @Override
    protected String describe() {
        StringBuilder out = new StringBuilder(getClass().getSimpleName()).append('(').append(inputSize).append(", ")
                .append(hiddenSize);
        if (options.numLayers() != 1) out.append(", numLayers=").append(options.numLayers());
        if (!options.nonlinearity().equals("tanh")) out.append(", nonlinearity=").append(options.nonlinearity());
        if (!options.bias()) out.append(", bias=false");
        if (options.batchFirst()) out.append(", batchFirst=true");
        if (options.dropout() != 0) out.append(", dropout=").append(options.dropout());
        if (options.bidirectional()) out.append(", bidirectional=true");
        return out.append(')').toString();
    }
}
