package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.autograd.TensorFunction;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * README's "Checking gradients" snippets, as written, from a package outside {@code dev.chainrule}, so that only
 * the public API is in reach; with the values they promise.
 */
class GradCheckReadmeTest {
    @Test
    void theNamedCheckPassesAndTheReluCheckHintsAtAKink() {
        Tensor a = Tensor.randn(new Random(0), 3, 4).requiresGrad(true);
        Tensor b = Tensor.randn(new Random(1), 4, 2).requiresGrad(true);
        GradCheck.Options named = GradCheck.Options.DEFAULT.withInputNames("a", "b");
        GradCheck.Report report = GradCheck.check(xs -> xs[0].matmul(xs[1]).tanh(), named, a, b);
        assertTrue(report.toString().startsWith("GradCheck passed; max abs error "), report.toString());
        assertTrue(report.toString().contains("; largest error at input " + report.inputName() + " element ["),
                report.toString());
        GradCheck.assertPasses(xs -> xs[0].softmax(-1), a);
        Tensor z = Tensor.of(new double[] {0, 1.5, -2}).requiresGrad(true);
        assertEquals("non-differentiable point? the numeric derivative sits halfway between the one-sided"
                + " differences 0.0 (left) and 1.0 (right)", GradCheck.check(xs -> xs[0].relu(), z).hint());
    }

    @Test
    void aLayerWithA500x64WeightIsCheckedInFastModeAndOnASample() {
        Tensor x = Tensor.randn(new Random(0), 8, 500);
        Tensor w = Tensor.randn(new Random(1), 500, 64).mul(0.05).requiresGrad(true);
        Tensor bias = Tensor.zeros(64).requiresGrad(true);
        TensorFunction layer = xs -> xs[0].matmul(xs[1]).add(xs[2]).tanh();
        GradCheck.Options options = GradCheck.Options.DEFAULT.withInputNames("x", "W", "b")
                .withProgress(GradCheck.Progress.printingTo(System.err));
        GradCheck.Report fast = GradCheck.assertPasses(layer, options.withFastMode(), x, w, bias);
        GradCheck.Report sampled = GradCheck.assertPasses(layer, options.withMaxElements(300), x, w, bias);
        assertTrue(fast.fastMode());
        assertTrue(sampled.scope().contains("sampled 300 of 32,000 elements of input W"), sampled.scope());
    }
}
