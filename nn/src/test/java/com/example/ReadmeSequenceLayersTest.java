package com.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.recurrent.LSTM;
import dev.chainrule.nn.transformer.AttentionMask;
import dev.chainrule.nn.transformer.MultiheadAttention;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * README's "Several inputs and outputs" snippet, as written, from a package outside {@code dev.chainrule}, with the
 * shapes its comments state.
 */
class ReadmeSequenceLayersTest {
    @Test
    void theSnippetCompilesAndGivesTheShapesItsCommentsSay() {
        Random random = new Random(0);
        Tensor x = Tensor.randn(random, 2, 5, 64);                         // [N, L, E]: 2 sequences of 5 tokens
        var attention = new MultiheadAttention(64, 4, MultiheadAttention.Options.of().withBatchFirst(true), random);
        Tensor y = attention.forward(x);                                   // self-attention, [2, 5, 64]

        Tensor memory = Tensor.randn(random, 2, 7, 64);                    // keys and values of another length, S = 7
        Tensor padding = Tensor.of(new double[] {0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0}, 2, 7);   // 1: a padding key
        MultiheadAttention.Output out = attention.forward(x, memory, memory,
                MultiheadAttention.Masks.none().withKeyPaddingMask(AttentionMask.ofBoolean(padding)));
        out.output();                                                      // [2, 5, 64]
        out.weights();                                                     // [2, 5, 7], averaged over the heads
        Tensor causal = attention.forward(x, x, x,
                MultiheadAttention.Masks.none().withAttnMask(AttentionMask.causal(5))).output();

        var lstm = new LSTM(64, 128, LSTM.Options.of().withBatchFirst(true), random);
        Tensor sequence = lstm.forward(x);                                 // [2, 5, 128]: the output sequence
        LSTM.Output run = lstm.forward(x, new LSTM.State(Tensor.zeros(1, 2, 128), Tensor.zeros(1, 2, 128)));
        run.output();                                                      // [2, 5, 128]; null states mean zeros
        run.state().h();                                                   // [1, 2, 128] (layers, N, H)

        assertArrayEquals(new int[] {2, 5, 64}, y.shape());
        assertArrayEquals(new int[] {2, 5, 64}, out.output().shape());
        assertArrayEquals(new int[] {2, 5, 7}, out.weights().shape());
        assertEquals(0.0, out.weights().get(0, 3, 5), "a padding key gets no weight");
        assertArrayEquals(new int[] {2, 5, 64}, causal.shape());
        assertArrayEquals(new int[] {2, 5, 128}, sequence.shape());
        assertArrayEquals(sequence.toArray(), run.output().toArray(), 0, "zero states are the default");
        assertArrayEquals(new int[] {1, 2, 128}, run.state().h().shape());
        assertArrayEquals(new int[] {1, 2, 128}, run.state().c().shape());
    }
}
