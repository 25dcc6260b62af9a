package dev.chainrule.nn.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.GradCheckThroughLayer;
import dev.chainrule.nn.Lambda;
import dev.chainrule.nn.Linear;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.init.Init;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.optim.Adam;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * RNN, LSTM and GRU: gradients through the layers against finite differences (output and final states, first and
 * second order), state_dict names, order and shapes, PyTorch's initialisation from a seed, the layouts (batchFirst,
 * unbatched, the reverse direction), dropout between layers, training inside a {@code Sequential}, and errors that
 * name the layer and the values. The numbers themselves are replayed against PyTorch in {@code LayerOracleTest} and
 * {@link RecurrentOracleTest}.
 */
class RecurrentLayersTest {

    /** A layer of {@code kind} (0 RNN, 1 LSTM, 2 GRU). */
    private static RNNBase layer(int kind, int in, int hidden, RNNBase.Options options, long seed) {
        return switch (kind) {
            case 0 -> new RNN(in, hidden, options, new Random(seed));
            case 1 -> new LSTM(in, hidden, options, new Random(seed));
            default -> new GRU(in, hidden, options, new Random(seed));
        };
    }

    @Property(tries = 24, seed = "20261215")
    void outputGradientsOfInputAndEveryParameterMatchFiniteDifferences(
            @ForAll @IntRange(min = 0, max = 2) int kind, @ForAll @IntRange(min = 1, max = 2) int numLayers,
            @ForAll boolean bidirectional, @ForAll boolean batchFirst, @ForAll @IntRange(min = 1, max = 3) int length,
            @ForAll @IntRange(min = 1, max = 2) int batch, @ForAll @IntRange(min = 1, max = 3) int hidden) {
        var options = RNNBase.Options.of().withNumLayers(numLayers).withBidirectional(bidirectional)
                .withBatchFirst(batchFirst);
        int in = 2;
        Tensor x = Tensor.randn(new Random(kind * 100 + length), batchFirst ? new int[] {batch, length, in}
                : new int[] {length, batch, in});
        GradCheckThroughLayer.assertPasses(() -> layer(kind, in, hidden, options, 3), x);
    }

    @Test
    void finalStatesAreDifferentiableWithRespectToInputAndInitialStates() {
        var options = LSTM.Options.of().withNumLayers(2).withBidirectional(true);
        LSTM lstm = new LSTM(2, 3, options, new Random(1));
        Tensor x = Tensor.randn(new Random(1), 3, 2, 2).requiresGrad(true);
        Tensor h0 = Tensor.randn(new Random(2), 4, 2, 3).requiresGrad(true);
        Tensor c0 = Tensor.randn(new Random(3), 4, 2, 3).requiresGrad(true);
        GradCheck.assertPasses(xs -> lstm.forward(xs[0], new LSTM.State(xs[1], xs[2])).state().h(), x, h0, c0);
        GradCheck.assertPasses(xs -> lstm.forward(xs[0], new LSTM.State(xs[1], xs[2])).state().c(), x, h0, c0);
        GRU gru = new GRU(2, 3, GRU.Options.of().withBatchFirst(true), new Random(2));
        GradCheck.assertPasses(xs -> gru.forward(xs[0], xs[1]).hN(), x.detach().requiresGrad(true),
                Tensor.randn(new Random(5), 1, 3, 3).requiresGrad(true));
        RNN rnn = new RNN(2, 3, RNN.Options.of().withNumLayers(2), new Random(3));
        GradCheck.assertPasses(xs -> rnn.forward(xs[0], xs[1]).hN(), x.detach().requiresGrad(true),
                Tensor.randn(new Random(6), 2, 2, 3).requiresGrad(true));
    }

    @Test
    void secondDerivativesThroughEachLayerMatchFiniteDifferences() {
        Tensor x = Tensor.randn(new Random(4), 3, 2, 2).requiresGrad(true);
        LSTM lstm = new LSTM(2, 2, LSTM.Options.of().withNumLayers(2), new Random(4));
        GradCheck.assertSecondOrderPasses(xs -> lstm.forward(xs[0]), x);
        GRU gru = new GRU(2, 2, GRU.Options.of().withBidirectional(true), new Random(5));
        GradCheck.assertSecondOrderPasses(xs -> gru.forward(xs[0]), x);
        RNN rnn = new RNN(2, 2, new Random(6));
        GradCheck.assertSecondOrderPasses(xs -> rnn.forward(xs[0]), x);
    }

    @Test
    void stateDictHasPyTorchsNamesOrderAndShapes() {
        var options = LSTM.Options.of().withNumLayers(2).withBidirectional(true);
        Map<String, Tensor> state = new LSTM(3, 4, options, new Random(0)).stateDict();
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"),
                List.copyOf(state.keySet()));
        assertArrayEquals(new int[] {16, 3}, state.get("weight_ih_l0").shape());
        assertArrayEquals(new int[] {16, 4}, state.get("weight_hh_l0_reverse").shape());
        assertArrayEquals(new int[] {16, 8}, state.get("weight_ih_l1").shape());     // in = H·directions above
        assertArrayEquals(new int[] {16}, state.get("bias_hh_l1_reverse").shape());
        assertArrayEquals(new int[] {12, 3}, new GRU(3, 4, new Random(0)).stateDict().get("weight_ih_l0").shape());
        assertEquals(List.of("weight_ih_l0", "weight_hh_l0", "weight_ih_l1", "weight_hh_l1"), List.copyOf(
                new RNN(3, 4, RNN.Options.of().withNumLayers(2).withBias(false), new Random(0)).stateDict().keySet()));
    }

    @Test
    void everyParameterIsDrawnUniformlyWithinOneOverRootHiddenInRegistrationOrder() {
        LSTM lstm = new LSTM(3, 16, LSTM.Options.of().withNumLayers(2), new Random(7));
        Random replay = new Random(7);
        double bound = 1 / Math.sqrt(16);
        for (Tensor p : lstm.parameters()) {
            Tensor expected = Init.uniform(Tensor.zeros(p.shape()), -bound, bound, replay);
            assertArrayEquals(expected.toArray(), p.toArray(), 0.0);
            assertTrue(Arrays.stream(p.toArray()).allMatch(v -> Math.abs(v) <= bound));
            assertTrue(p.requiresGrad());
        }
        GRU a = new GRU(2, 3, new Random(42));
        GRU b = new GRU(2, 3, new Random(42));
        GRU c = new GRU(2, 3, new Random(43));
        assertEquals(values(a), values(b));
        assertFalse(values(a).equals(values(c)));
        a.resetParameters(new Random(43));
        assertEquals(values(c), values(a));
    }

    private static List<List<Double>> values(Module m) {
        return m.parameters().stream().map(p -> Arrays.stream(p.toArray()).boxed().toList()).toList();
    }

    @Test
    void batchFirstIsTheTimeMajorLayoutTransposedAndUnbatchedIsABatchOfOne() {
        LSTM timeMajor = new LSTM(3, 4, LSTM.Options.of().withNumLayers(2), new Random(8));
        LSTM batchFirst = new LSTM(3, 4, LSTM.Options.of().withNumLayers(2).withBatchFirst(true), new Random(8));
        Tensor x = Tensor.randn(new Random(9), 5, 2, 3);
        LSTM.Output a = timeMajor.forward(x, null);
        LSTM.Output b = batchFirst.forward(x.transpose(0, 1), null);
        assertArrayEquals(a.output().toArray(), b.output().transpose(0, 1).toArray(), 1e-15);
        assertArrayEquals(a.state().c().toArray(), b.state().c().toArray(), 1e-15);
        Tensor one = x.slice(1, 1, 2);
        LSTM.Output unbatched = batchFirst.forward(one.squeeze(1), null);
        assertArrayEquals(new int[] {5, 4}, unbatched.output().shape());
        assertArrayEquals(new int[] {2, 4}, unbatched.state().h().shape());
        assertArrayEquals(timeMajor.forward(one).toArray(), unbatched.output().toArray(), 1e-15);
    }

    @Test
    void reverseDirectionIsAForwardLayerOverTheReversedSequenceAndHalvesConcatenate() {
        GRU both = new GRU(3, 4, GRU.Options.of().withBidirectional(true), new Random(10));
        GRU forward = new GRU(3, 4, new Random(0));
        GRU backward = new GRU(3, 4, new Random(0));
        Map<String, Tensor> state = both.stateDict();
        Map<String, Tensor> reverse = new LinkedHashMap<>();
        Map<String, Tensor> ahead = new LinkedHashMap<>();
        for (String name : List.of("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")) {
            ahead.put(name, state.get(name));
            reverse.put(name, state.get(name + "_reverse"));
        }
        forward.loadStateDict(ahead);
        backward.loadStateDict(reverse);
        Tensor x = Tensor.randn(new Random(11), 5, 2, 3);
        int[] reversed = {4, 3, 2, 1, 0};
        GRU.Output out = both.forward(x, null);
        assertArrayEquals(new int[] {5, 2, 8}, out.output().shape());
        assertArrayEquals(forward.forward(x).toArray(), out.output().slice(2, 0, 4).toArray(), 1e-15);
        Tensor back = backward.forward(x.indexSelect(0, reversed)).indexSelect(0, reversed);
        assertArrayEquals(back.toArray(), out.output().slice(2, 4, 8).toArray(), 1e-15);
        // h_n: [forward's last step, reverse's first step]
        assertArrayEquals(out.output().slice(0, 4, 5).slice(2, 0, 4).toArray(), out.hN().slice(0, 0, 1).toArray());
        assertArrayEquals(out.output().slice(0, 0, 1).slice(2, 4, 8).toArray(), out.hN().slice(0, 1, 2).toArray());
    }

    @Test
    void dropoutActsBetweenLayersInTrainingOnly() {
        var dropped = LSTM.Options.of().withNumLayers(2).withDropout(0.5);
        LSTM lstm = new LSTM(3, 4, dropped, new Random(12));
        LSTM plain = new LSTM(3, 4, LSTM.Options.of().withNumLayers(2), new Random(12));
        Tensor x = Tensor.randn(new Random(13), 4, 2, 3);
        double[] expected = plain.forward(x).toArray();
        assertFalse(Arrays.equals(expected, lstm.forward(x).toArray()));
        lstm.eval();
        assertArrayEquals(expected, lstm.forward(x).toArray(), 0.0);
        LSTM single = new LSTM(3, 4, LSTM.Options.of().withDropout(0.5), new Random(12));
        assertArrayEquals(new LSTM(3, 4, new Random(12)).forward(x).toArray(), single.forward(x).toArray(), 0.0);
        LSTM again = new LSTM(3, 4, dropped, new Random(12));
        assertArrayEquals(new LSTM(3, 4, dropped, new Random(12)).forward(x).toArray(), again.forward(x).toArray(),
                0.0);
    }

    @Test
    void lstmInASequentialLearnsTheSignOfTheFirstStep() {
        Random random = new Random(14);
        int length = 5;
        Sequential model = new Sequential(new LSTM(1, 8, LSTM.Options.of().withBatchFirst(true), random),
                new Lambda("LastStep", y -> y.slice(1, length - 1, length).squeeze(1)), new Linear(8, 2, random));
        Tensor x = Tensor.randn(random, 32, length, 1);
        int[] labels = new int[32];
        for (int i = 0; i < labels.length; i++) labels[i] = x.get(i, 0, 0) > 0 ? 1 : 0;
        var optimizer = new Adam(model.parameters(), 0.05);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 60; step++) {
            optimizer.zeroGrad();
            Tensor loss = Losses.crossEntropy(model.forward(x), labels);
            loss.backward();
            optimizer.step();
            if (step == 0) first = loss.item();
            last = loss.item();
        }
        assertTrue(last < first / 4, "loss " + first + " -> " + last);
    }

    @Test
    void descriptionsListSizesAndTheOptionsThatDifferFromPyTorchsDefaults() {
        assertEquals("LSTM(3, 4)", new LSTM(3, 4, new Random(0)).toString());
        assertEquals("RNN(3, 4, numLayers=2, nonlinearity=relu, bias=false, batchFirst=true, dropout=0.25, "
                + "bidirectional=true)", new RNN(3, 4, RNN.Options.of().withNumLayers(2).withNonlinearity("relu")
                .withBias(false).withBatchFirst(true).withDropout(0.25).withBidirectional(true), new Random(0))
                .toString());
        assertEquals(new RNNBase.Options(1, true, false, 0.0, false, "tanh"), GRU.Options.of());
    }

    @Test
    void badInputsNameTheLayerAndTheValues() {
        LSTM lstm = new LSTM(3, 4, LSTM.Options.of().withBatchFirst(true), new Random(0));
        assertMessage("LSTM(3 -> 4): input has 5 features; expected [N, L, 3] (batchFirst)",
                () -> lstm.forward(Tensor.zeros(2, 6, 5)));
        assertMessage("LSTM(3 -> 4): input of shape [2, 6, 3, 1] is not 2-D or 3-D; expected [N, L, 3] (batchFirst),"
                + " or [L, 3] unbatched", () -> lstm.forward(Tensor.zeros(2, 6, 3, 1)));
        assertMessage("LSTM(3 -> 4): input has no time steps", () -> lstm.forward(Tensor.zeros(2, 0, 3)));
        Tensor x = Tensor.zeros(2, 6, 3);
        assertMessage("LSTM(3 -> 4): h0 has shape [1, 6, 4]; expected [1, 2, 4] ([numLayers·directions, N, "
                + "hiddenSize])", () -> lstm.forward(x, new LSTM.State(Tensor.zeros(1, 6, 4), Tensor.zeros(1, 2, 4))));
        assertMessage("LSTM(3 -> 4): c0 has shape [1, 2, 3]",
                () -> lstm.forward(x, new LSTM.State(Tensor.zeros(1, 2, 4), Tensor.zeros(1, 2, 3))));
        assertMessage("LSTM.State: needs both h and c, got h=[1, 2, 4], c=null",
                () -> new LSTM.State(Tensor.zeros(1, 2, 4), null));
        RNN rnn = new RNN(3, 4, RNN.Options.of().withNumLayers(2).withBidirectional(true), new Random(0));
        assertMessage("RNN(3 -> 4): h0 has shape [2, 5, 4]; expected [4, 5, 4]",
                () -> rnn.forward(Tensor.zeros(7, 5, 3), Tensor.zeros(2, 5, 4)));
        assertMessage("RNN(3 -> 4): h0 has shape [4, 1, 4]; expected [4, 4] ([numLayers·directions, hiddenSize])",
                () -> rnn.forward(Tensor.zeros(7, 3), Tensor.zeros(4, 1, 4)));
        assertMessage("GRU(3 -> 4): input has 2 features; expected [L, 3] (unbatched)",
                () -> new GRU(3, 4, new Random(0)).forward(Tensor.zeros(7, 2)));
    }

    @Test
    void badArgumentsNameTheLayerAndTheValues() {
        assertMessage("GRU(0 -> 4): sizes must be positive, got inputSize=0, hiddenSize=4",
                () -> new GRU(0, 4, new Random(0)));
        assertMessage("LSTM(3 -> 4): nonlinearity applies to RNN only; got relu",
                () -> new LSTM(3, 4, LSTM.Options.of().withNonlinearity("relu"), new Random(0)));
        assertMessage("RNN.Options: unknown nonlinearity 'sigmoid'; choose tanh or relu",
                () -> RNN.Options.of().withNonlinearity("sigmoid"));
        assertMessage("RNN.Options: dropout must be in [0, 1), got 1.0", () -> RNN.Options.of().withDropout(1));
        assertMessage("RNN.Options: dropout must be in [0, 1), got -0.1", () -> RNN.Options.of().withDropout(-0.1));
        assertMessage("RNN.Options: numLayers must be at least 1, got 0", () -> RNN.Options.of().withNumLayers(0));
        assertMessage("RNN(3 -> 4): options are null", () -> new RNN(3, 4, null, new Random(0)));
    }

    static void assertMessage(String expectedStart, Runnable call) {
        var e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
