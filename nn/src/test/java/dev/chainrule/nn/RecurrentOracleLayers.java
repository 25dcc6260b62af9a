package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.recurrent.GRU;
import dev.chainrule.nn.recurrent.GRUCell;
import dev.chainrule.nn.recurrent.LSTM;
import dev.chainrule.nn.recurrent.LSTMCell;
import dev.chainrule.nn.recurrent.RNN;
import dev.chainrule.nn.recurrent.RNNBase;
import dev.chainrule.nn.recurrent.RNNCell;
import java.util.Map;
import java.util.Random;

/**
 * The oracle's recurrent kinds, built and driven as PyTorch's: the layers RNN, LSTM and GRU (inputs {@code x} and
 * optionally {@code h0}, {@code c0}; outputs {@code output}, {@code h_n} and, for LSTM, {@code c_n}) and the cells
 * RNNCell, LSTMCell and GRUCell (inputs {@code x} and optionally {@code h0}, {@code c0}; outputs the next states
 * {@code h_n} and, for LSTMCell, {@code c_n}).
 */
final class RecurrentOracleLayers {
    private RecurrentOracleLayers() {}

    static LayerOracleReplay.Driven build(String kind, LayerOracleReplay.Config c) {
        int in = c.integer("input_size");
        int hidden = c.integer("hidden_size");
        Random random = new Random(0);
        return switch (kind) {
            case "RNN" -> {
                RNN rnn = new RNN(in, hidden, options(c).withNonlinearity(nonlinearity(c)), random);
                yield new LayerOracleReplay.Driven(rnn, inputs -> {
                    RNN.Output out = rnn.forward(LayerOracleReplay.only(inputs, "x"), inputs.get("h0"));
                    return Map.of("output", out.output(), "h_n", out.hN());
                });
            }
            case "GRU" -> {
                GRU gru = new GRU(in, hidden, options(c), random);
                yield new LayerOracleReplay.Driven(gru, inputs -> {
                    GRU.Output out = gru.forward(LayerOracleReplay.only(inputs, "x"), inputs.get("h0"));
                    return Map.of("output", out.output(), "h_n", out.hN());
                });
            }
            case "LSTM" -> {
                LSTM lstm = new LSTM(in, hidden, options(c), random);
                yield new LayerOracleReplay.Driven(lstm, inputs -> {
                    LSTM.Output out = lstm.forward(LayerOracleReplay.only(inputs, "x"), lstmState(inputs));
                    return Map.of("output", out.output(), "h_n", out.state().h(), "c_n", out.state().c());
                });
            }
            case "RNNCell" -> {
                RNNCell cell = new RNNCell(in, hidden, c.bool("bias", true), nonlinearity(c), random);
                yield new LayerOracleReplay.Driven(cell, inputs ->
                        Map.of("h_n", cell.forward(LayerOracleReplay.only(inputs, "x"), inputs.get("h0"))));
            }
            case "GRUCell" -> {
                GRUCell cell = new GRUCell(in, hidden, c.bool("bias", true), random);
                yield new LayerOracleReplay.Driven(cell, inputs ->
                        Map.of("h_n", cell.forward(LayerOracleReplay.only(inputs, "x"), inputs.get("h0"))));
            }
            case "LSTMCell" -> {
                LSTMCell cell = new LSTMCell(in, hidden, c.bool("bias", true), random);
                yield new LayerOracleReplay.Driven(cell, inputs -> {
                    LSTM.State next = cell.forward(LayerOracleReplay.only(inputs, "x"), lstmState(inputs));
                    return Map.of("h_n", next.h(), "c_n", next.c());
                });
            }
            default -> throw new IllegalArgumentException("oracle: no recurrent layer for kind " + kind);
        };
    }

    private static RNNBase.Options options(LayerOracleReplay.Config c) {
        return RNNBase.Options.of().withNumLayers(c.integer("num_layers", 1)).withBias(c.bool("bias", true))
                .withBatchFirst(c.bool("batch_first", false)).withDropout(c.real("dropout", 0.0))
                .withBidirectional(c.bool("bidirectional", false));
    }

    private static String nonlinearity(LayerOracleReplay.Config c) {
        return c.has("nonlinearity") ? c.node("nonlinearity").asText() : "tanh";
    }

    /** {@code h0} and {@code c0} when the case gives them (both or neither), else null for zeros. */
    private static LSTM.State lstmState(Map<String, Tensor> inputs) {
        if (!inputs.containsKey("h0") && !inputs.containsKey("c0")) return null;
        return new LSTM.State(LayerOracleReplay.only(inputs, "h0"), LayerOracleReplay.only(inputs, "c0"));
    }
}
