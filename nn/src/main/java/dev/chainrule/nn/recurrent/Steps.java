package dev.chainrule.nn.recurrent;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Functional;

/**
 * One time step of each recurrence, shared by the layers and the cells, in PyTorch's formulas and gate orders. A step
 * takes {@code gx}, the input's projection {@code x·W_ihᵀ + b_ih} (plus {@code b_hh} where it can be added once for
 * all steps, see {@link #project}), and the previous state; rows are batch entries. Every step is built from Tensor
 * ops, so gradients of any order flow through it.
 */
final class Steps {
    private Steps() {}

    /** One direction of one layer's parameters ({@code bias*} are null without biases). */
    record Weights(Tensor ih, Tensor hh, Tensor biasIh, Tensor biasHh) {}

    /**
     * {@code x·W_ihᵀ + b_ih}, plus {@code b_hh} when {@code withHiddenBias} (RNN and LSTM, whose hidden bias enters the
     * gates unchanged); {@code x} is {@code [..., in]}, the result {@code [..., gates·H]}. The two biases are added to
     * each other first, so the large projection takes one addition.
     */
    static Tensor project(Tensor x, Weights w, boolean withHiddenBias) {
        Tensor bias = w.biasIh() == null || !withHiddenBias ? w.biasIh() : w.biasIh().add(w.biasHh());
        return Functional.linear(x, w.ih(), bias);
    }

    /**
     * The weights of a step that multiplies {@code [x, h]} by {@code [W_ih, W_hh]} at once (RNN and LSTM, see Note
     * [One product per step] in RNNBase): {@code ih} the two weights side by side, {@code biasIh} both biases summed,
     * {@code hh} and {@code biasHh} null, so the step adds no {@code h·W_hhᵀ} of its own.
     */
    static Weights joined(Weights w) {
        Tensor bias = w.biasIh() == null ? null : w.biasIh().add(w.biasHh());
        return new Weights(Tensor.concat(1, w.ih(), w.hh()), null, bias, null);
    }

    /** {@code gx + h·W_hhᵀ}, or {@code gx} itself when W_hh is null ({@code gx} already holds h's term). */
    private static Tensor withHidden(Tensor gx, Tensor h, Tensor weightHh) {
        return weightHh == null ? gx : gx.add(h.matmulTransposed(weightHh));
    }

    /** Elman: {@code h' = act(gx + h·W_hhᵀ)}, act tanh or relu; {@code gx} includes both biases. */
    static Tensor rnn(Tensor gx, Tensor h, Tensor weightHh, boolean relu) {
        Tensor pre = withHidden(gx, h, weightHh);
        return relu ? pre.relu() : pre.tanh();
    }

    /**
     * LSTM, gates {@code i, f, g, o} in that order along the last axis of {@code gx + h·W_hhᵀ} ({@code gx} includes
     * both biases): {@code i, f, o = σ(·)}, {@code g = tanh(·)}, {@code c' = f⊙c + i⊙g}, {@code h' = o⊙tanh(c')}.
     */
    static LSTM.State lstm(Tensor gx, LSTM.State state, Tensor weightHh) {
        int hidden = state.h().size(-1);
        Tensor gates = withHidden(gx, state.h(), weightHh);
        Tensor sigmoid = gates.sigmoid();                       // σ of all four blocks: one op instead of three slices
        Tensor i = sigmoid.slice(-1, 0, hidden);
        Tensor f = sigmoid.slice(-1, hidden, 2 * hidden);
        Tensor g = gates.slice(-1, 2 * hidden, 3 * hidden).tanh();
        Tensor o = sigmoid.slice(-1, 3 * hidden, 4 * hidden);
        Tensor c = f.mul(state.c()).add(i.mul(g));
        return new LSTM.State(o.mul(c.tanh()), c);
    }

    /**
     * GRU, gates {@code r, z, n} in that order ({@code gx} includes {@code b_ih} only): with {@code gh = h·W_hhᵀ +
     * b_hh}, {@code r, z = σ(gx + gh)}, {@code n = tanh(gx_n + r⊙gh_n)}, {@code h' = (1 − z)⊙n + z⊙h}, computed as
     * {@code n + z⊙(h − n)}.
     */
    static Tensor gru(Tensor gx, Tensor h, Tensor weightHh, Tensor biasHh) {
        int hidden = h.size(-1);
        Tensor gh = Functional.linear(h, weightHh, biasHh);
        Tensor rz = gx.add(gh).slice(-1, 0, 2 * hidden).sigmoid();
        Tensor r = rz.slice(-1, 0, hidden);
        Tensor z = rz.slice(-1, hidden, 2 * hidden);
        Tensor n = gx.slice(-1, 2 * hidden, 3 * hidden).add(r.mul(gh.slice(-1, 2 * hidden, 3 * hidden))).tanh();
        return n.add(z.mul(h.sub(n)));
    }
}
