package dev.chainrule.nn;

import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LayerGradCheckTest {

    /** Upstream-weighted outputs are checked in full by GradCheck (non-scalar outputs, not sums). */
    @Property(tries = 30, seed = "20261203")
    void linearFunctionalGradientsMatchFiniteDifferences(@ForAll Random random) {
        int batch = 1 + random.nextInt(3);
        int in = 1 + random.nextInt(4);
        int out = 1 + random.nextInt(4);
        Tensor x = Tensor.randn(random, batch, in).requiresGrad(true);
        Tensor w = Tensor.randn(random, out, in).requiresGrad(true);
        Tensor b = Tensor.randn(random, out).requiresGrad(true);
        GradCheck.assertPasses(xs -> Functional.linear(xs[0], xs[1], xs[2]), x, w, b);
        GradCheck.assertPasses(xs -> Functional.linear(xs[0], xs[1], null), x, w);
    }

    @Test
    void linearModuleGradientWithRespectToItsInputMatchesFiniteDifferences() {
        Linear layer = new Linear(4, 3, new Random(0));
        Tensor x = Tensor.randn(new Random(1), 2, 4).requiresGrad(true);
        GradCheck.assertPasses(xs -> layer.forward(xs[0]), x);
        Tensor batched = Tensor.randn(new Random(2), 2, 3, 4).requiresGrad(true);
        GradCheck.assertPasses(xs -> layer.forward(xs[0]), batched);
    }

    @Provide
    Arbitrary<Supplier<Module>> activations() {
        List<Supplier<Module>> all = List.of(Sigmoid::new, Tanh::new, ReLU::new, () -> new Softmax(-1),
                () -> new Softmax(0), () -> new LogSoftmax(1), () -> new LogSoftmax(0), () -> new Lambda("Swish", x -> x.mul(x.sigmoid())),
                () -> new Lambda("Softplus", Functional::softplus), () -> new Sequential(new Linear(3, 2, new Random(4)), new Tanh()));
        return Arbitraries.of(all);
    }

    @Property(tries = 40, seed = "20261203")
    void activationModuleGradientsMatchFiniteDifferences(@ForAll("activations") Supplier<Module> factory,
                                                         @ForAll Random random) {
        Module module = factory.get();
        Tensor x = Tensor.randn(random, 2, 3).mul(2);
        if (module instanceof ReLU) x = awayFromZero(x);
        GradCheck.assertPasses(xs -> module.forward(xs[0]), x.requiresGrad(true));
    }

    @Test
    void dropoutInTrainingModeGradientMatchesFiniteDifferencesForOneMask() {
        Tensor x = Tensor.randn(new Random(3), 3, 4).requiresGrad(true);
        GradCheck.assertPasses(xs -> Functional.dropout(xs[0], 0.3, new Random(11), true), x);
    }

    private static Tensor awayFromZero(Tensor x) {
        double[] v = x.toArray();
        for (int i = 0; i < v.length; i++) if (Math.abs(v[i]) < 1e-3) v[i] = 0.5;
        return Tensor.of(v, x.shape());
    }
}
