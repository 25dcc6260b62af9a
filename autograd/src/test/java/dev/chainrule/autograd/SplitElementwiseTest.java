package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Element-wise ops on large inputs split their work over the kernel threads: every element must come out with the
 * bits it has when the op runs on a small input, on one thread (any NaN counting as NaN). The fused gradients of
 * sigmoid and tanh give the bits of the formulas they replace.
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

    @Test
    void largeBinaryOpsGiveTheBitsOfSmallOnes() {
        Random random = new Random(6);
        double[] left = Tensor.randn(random, 100_003).toArray();
        double[] right = Tensor.rand(random, 100_003).toArray();
        left[11] = Double.NaN;
        List<BinaryOperator<Tensor>> ops = List.of(Tensor::add, Tensor::mul, Tensor::div, Binary.SIGMOID_GRADIENT::apply,
                Binary.TANH_GRADIENT::apply, (a, b) -> a.mul(3), (a, b) -> b.sub(a));
        for (int k = 0; k < ops.size(); k++) {
            double[] whole = ops.get(k).apply(Tensor.of(left), Tensor.of(right)).toArray();
            for (int from = 0; from < left.length; from += 1000) {
                int to = Math.min(left.length, from + 1000);
                double[] part = ops.get(k).apply(Tensor.of(Arrays.copyOfRange(left, from, to)),
                        Tensor.of(Arrays.copyOfRange(right, from, to))).toArray();
                for (int i = from; i < to; i++) {
                    assertEquals(Double.doubleToLongBits(part[i - from]), Double.doubleToLongBits(whole[i]),
                            "op " + k + " at element " + i);
                }
            }
        }
    }

    @Test
    void largeBroadcastsSplitByRows() {
        Random random = new Random(8);
        Tensor a = Tensor.randn(random, 7, 1, 100);
        Tensor b = Tensor.randn(random, 1, 150, 100);
        double[] product = a.mul(b).toArray();                     // [7, 150, 100]: 105,000 elements
        double[] sum = a.reshape(7, 100).add(b.reshape(150, 1, 100)).toArray();   // [150, 7, 100]
        double[] left = a.toArray();
        double[] right = b.toArray();
        for (int i = 0; i < 7; i++) {
            for (int j = 0; j < 150; j++) {
                for (int k = 0; k < 100; k++) {
                    double x = left[i * 100 + k];
                    double y = right[j * 100 + k];
                    assertEquals(x * y, product[(i * 150 + j) * 100 + k], "product at " + i + ", " + j + ", " + k);
                    assertEquals(x + y, sum[(j * 7 + i) * 100 + k], "sum at " + j + ", " + i + ", " + k);
                }
            }
        }
    }

    @Test
    void fusedGradientsGiveTheBitsOfTheirFormulas() {
        Random random = new Random(7);
        Tensor upstream = Tensor.randn(random, 3, 1000);
        Tensor s = Tensor.randn(random, 3, 1000).mul(3).sigmoid();
        Tensor t = Tensor.randn(random, 3, 1000).mul(3).tanh();
        assertEquals(Arrays.toString(upstream.mul(s.mul(s.neg().add(1))).toArray()),
                Arrays.toString(Binary.SIGMOID_GRADIENT.apply(upstream, s).toArray()), "gy·y·(1 − y)");
        assertEquals(Arrays.toString(upstream.mul(t.mul(t).neg().add(1)).toArray()),
                Arrays.toString(Binary.TANH_GRADIENT.apply(upstream, t).toArray()), "gy·(1 − y²)");
    }
}
