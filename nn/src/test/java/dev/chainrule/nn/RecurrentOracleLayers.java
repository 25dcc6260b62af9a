package dev.chainrule.nn;

/** The oracle's recurrent kinds (RNN, LSTM, GRU), built and driven as PyTorch's. */
final class RecurrentOracleLayers {
    private RecurrentOracleLayers() {}

    static LayerOracleReplay.Driven build(String kind, LayerOracleReplay.Config c) {
        throw new UnsupportedOperationException("oracle: no " + kind + " layer yet");
    }
}
