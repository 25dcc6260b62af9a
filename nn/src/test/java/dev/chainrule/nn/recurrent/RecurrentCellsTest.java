package dev.chainrule.nn.recurrent;

import static dev.chainrule.nn.recurrent.RecurrentLayersTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.GradCheckThroughLayer;
import dev.chainrule.nn.Module;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * RNNCell, LSTMCell and GRUCell: a cell stepped along a sequence is the layer with the same weights, gradients against
 * finite differences, a relu step worked by hand, the zero state, unbatched input, state_dict names, and errors.
 */
class RecurrentCellsTest {

    /** The cell's parameters under the layer's names for layer 0. */
    private static Map<String, Tensor> asLayer0(Module cell) {
        Map<String, Tensor> state = new LinkedHashMap<>();
        cell.stateDict().forEach((name, value) -> state.put(name + "_l0", value));
        return state;
    }

    @Property(tries = 12, seed = "20261215")
    void eachCellSteppedAlongASequenceIsItsLayer(@ForAll @IntRange(min = 1, max = 4) int length,
                                                 @ForAll @IntRange(min = 1, max = 3) int batch,
                                                 @ForAll @IntRange(min = 1, max = 4) int hidden) {
        Tensor x = Tensor.randn(new Random(length * 10 + batch), length, batch, 3);
        Tensor h0 = Tensor.randn(new Random(hidden), batch, hidden);
        Tensor c0 = Tensor.randn(new Random(hidden + 1), batch, hidden);

        LSTMCell lstmCell = new LSTMCell(3, hidden, new Random(length));
        LSTM lstm = new LSTM(3, hidden, new Random(0));
        lstm.loadStateDict(asLayer0(lstmCell));
        LSTM.State state = new LSTM.State(h0, c0);
        for (int t = 0; t < length; t++) state = lstmCell.forward(x.slice(0, t, t + 1).squeeze(0), state);
        LSTM.Output out = lstm.forward(x, new LSTM.State(h0.unsqueeze(0), c0.unsqueeze(0)));
        assertArrayEquals(out.state().h().toArray(), state.h().toArray(), 1e-14);
        assertArrayEquals(out.state().c().toArray(), state.c().toArray(), 1e-14);

        GRUCell gruCell = new GRUCell(3, hidden, new Random(length + 1));
        GRU gru = new GRU(3, hidden, new Random(0));
        gru.loadStateDict(asLayer0(gruCell));
        RNNCell rnnCell = new RNNCell(3, hidden, false, "relu", new Random(length + 2));
        RNN rnn = new RNN(3, hidden, RNN.Options.of().withBias(false).withNonlinearity("relu"), new Random(0));
        rnn.loadStateDict(asLayer0(rnnCell));
        Tensor g = h0;
        Tensor r = h0;
        Tensor[] hs = new Tensor[length];
        for (int t = 0; t < length; t++) {
            Tensor xt = x.slice(0, t, t + 1).squeeze(0);
            g = gruCell.forward(xt, g);
            r = rnnCell.forward(xt, r);
            hs[t] = g;
        }
        GRU.Output gruOut = gru.forward(x, h0.unsqueeze(0));
        assertArrayEquals(gruOut.output().toArray(), Tensor.stack(0, hs).toArray(), 1e-14);
        assertArrayEquals(rnn.forward(x, h0.unsqueeze(0)).hN().toArray(), r.toArray(), 1e-14);
    }

    @Test
    void gradientsOfInputStateAndParametersMatchFiniteDifferences() {
        Tensor x = Tensor.randn(new Random(1), 3, 2);
        GradCheckThroughLayer.assertPasses(() -> new RNNCell(2, 3, new Random(1)), x);
        GradCheckThroughLayer.assertPasses(() -> new GRUCell(2, 3, new Random(2)), x);
        GradCheckThroughLayer.assertPasses(() -> new LSTMCell(2, 3, false, new Random(3)), x);
        LSTMCell cell = new LSTMCell(2, 3, new Random(4));
        Tensor[] in = {x.requiresGrad(true), Tensor.randn(new Random(5), 3, 3).requiresGrad(true),
                Tensor.randn(new Random(6), 3, 3).requiresGrad(true)};
        GradCheck.assertPasses(xs -> cell.forward(xs[0], new LSTM.State(xs[1], xs[2])).c(), in);
        GradCheck.assertSecondOrderPasses(xs -> cell.forward(xs[0], new LSTM.State(xs[1], xs[2])).h(), in);
        GRUCell gru = new GRUCell(2, 3, new Random(7));
        GradCheck.assertSecondOrderPasses(xs -> gru.forward(xs[0], xs[1]), in[0], in[1]);
    }

    @Test
    void reluCellStepWorkedByHand() {
        RNNCell cell = new RNNCell(2, 1, false, "relu", new Random(0));
        cell.loadStateDict(Map.of("weight_ih", Tensor.of(new double[] {1, -1}, 1, 2),
                "weight_hh", Tensor.of(new double[] {0.5}, 1, 1)));
        Tensor x = Tensor.of(new double[][] {{3, 1}, {1, 3}});
        Tensor h = Tensor.of(new double[][] {{2}, {2}});
        // h' = relu(x₀ − x₁ + 0.5·h): relu(3 − 1 + 1) = 3 and relu(1 − 3 + 1) = 0
        assertArrayEquals(new double[] {3, 0}, cell.forward(x, h).toArray(), 0.0);
        assertEquals("RNNCell(2, 1, bias=false, nonlinearity=relu)", cell.toString());
    }

    @Test
    void theOneTensorForwardStartsFromZerosAndUnbatchedInputIsABatchOfOne() {
        LSTMCell cell = new LSTMCell(3, 4, new Random(8));
        Tensor x = Tensor.randn(new Random(9), 2, 3);
        LSTM.State fromZeros = cell.forward(x, new LSTM.State(Tensor.zeros(2, 4), Tensor.zeros(2, 4)));
        assertArrayEquals(fromZeros.h().toArray(), cell.forward(x).toArray(), 0.0);
        LSTM.State unbatched = cell.forward(x.slice(0, 1, 2).squeeze(0), null);
        assertArrayEquals(new int[] {4}, unbatched.c().shape());
        assertArrayEquals(fromZeros.c().slice(0, 1, 2).toArray(), unbatched.c().toArray(), 1e-15);
        GRUCell gru = new GRUCell(3, 4, new Random(9));
        assertArrayEquals(gru.forward(x, Tensor.zeros(2, 4)).toArray(), gru.forward(x).toArray(), 0.0);
    }

    @Test
    void stateDictHasPyTorchsNamesAndShapes() {
        Map<String, Tensor> state = new GRUCell(3, 4, new Random(0)).stateDict();
        assertEquals(List.of("weight_ih", "weight_hh", "bias_ih", "bias_hh"), List.copyOf(state.keySet()));
        assertArrayEquals(new int[] {12, 3}, state.get("weight_ih").shape());
        assertArrayEquals(new int[] {16, 4}, new LSTMCell(3, 4, new Random(0)).stateDict().get("weight_hh").shape());
        assertEquals(List.of("weight_ih", "weight_hh"),
                List.copyOf(new RNNCell(3, 4, false, "tanh", new Random(0)).stateDict().keySet()));
    }

    @Test
    void badArgumentsNameTheCellAndTheValues() {
        LSTMCell cell = new LSTMCell(3, 4, new Random(0));
        assertMessage("LSTMCell(3 -> 4): input has 5 features; expected [N, 3]",
                () -> cell.forward(Tensor.zeros(2, 5)));
        assertMessage("LSTMCell(3 -> 4): input of shape [2, 1, 3] is not 1-D or 2-D; expected [N, 3], or [3] unbatched",
                () -> cell.forward(Tensor.zeros(2, 1, 3)));
        assertMessage("LSTMCell(3 -> 4): c has shape [2, 5]; expected [2, 4] ([N, hiddenSize])",
                () -> cell.forward(Tensor.zeros(2, 3), new LSTM.State(Tensor.zeros(2, 4), Tensor.zeros(2, 5))));
        assertMessage("GRUCell(3 -> 4): h has shape [1, 4]; expected [4] ([hiddenSize])",
                () -> new GRUCell(3, 4, new Random(0)).forward(Tensor.zeros(3), Tensor.zeros(1, 4)));
        assertMessage("RNNCell(3 -> 4): unknown nonlinearity 'gelu'; choose tanh or relu",
                () -> new RNNCell(3, 4, true, "gelu", new Random(0)));
        assertMessage("RNNCell(3 -> -1): sizes must be positive, got inputSize=3, hiddenSize=-1",
                () -> new RNNCell(3, -1, new Random(0)));
    }
}
