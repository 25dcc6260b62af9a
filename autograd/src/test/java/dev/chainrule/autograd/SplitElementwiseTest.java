package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Element-wise ops on large inputs split their work over the kernel threads: every element must come out with the
 * bits it has when the op runs on a small input, on one thread (any NaN counting as NaN).
 */
class SplitElementwiseTest {
    @Test
    void largeInputsGiveTheBitsOfSmallOnes() {
        double[] values = Tensor.randn(new Random(5), 100_003).mul(4).toArray();
        values[7] = Double.NaN;
        values[70_001] = Double.NEGATIVE_INFINITY;
        Tensor x = Tensor.of(values);
        List<UnaryOperator<Tensor>> ops = List.of(Tensor::exp, Tensor::sigmoid, Tensor::tanh, Tensor::relu,
                Tensor::sign, Tensor::neg, Tensor::abs, Tensor::selu, Tensor::gelu, Tensor::silu, Tensor::mish);
        for (int k = 0; k < ops.size(); k++) {
            double[] whole = ops.get(k).apply(x).toArray();
            for (int from = 0; from < values.length; from += 1000) {
                int to = Math.min(values.length, from + 1000);
                double[] part = ops.get(k).apply(Tensor.of(Arrays.copyOfRange(values, from, to))).toArray();
                for (int i = from; i < to; i++) {
                    // doubleToLongBits: every NaN alike, as the JIT may give a NaN either sign (−NaN in gelu)
                    assertEquals(Double.doubleToLongBits(part[i - from]), Double.doubleToLongBits(whole[i]),
                            "op " + k + " at element " + i + " of x = " + values[i]);
                }
            }
        }
    }
}
