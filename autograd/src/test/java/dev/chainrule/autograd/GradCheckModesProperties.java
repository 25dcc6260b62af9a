package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

/**
 * GradCheck's fast and sampled modes against its full slow mode, over the {@link OpCases} table: both pass
 * where the full check passes, and both catch a rule scaled by a factor far from 1.
 */
class GradCheckModesProperties {

    @Provide
    Arbitrary<OpCase> opCases() {
        return Arbitraries.of(OpCases.ALL);
    }

    @Property(tries = 300, seed = "16161616", shrinking = ShrinkingMode.OFF)
    void fastAndSampledModesPassWhereTheFullCheckPasses(@ForAll("opCases") OpCase op, @ForAll Random random,
                                                         @ForAll @IntRange(min = 1, max = 6) int maxElements) {
        OpCase.Sample sample = op.sample(random);
        GradCheck.Report full = sample.assertGradientsMatch();
        GradCheck.Report fast = GradCheck.check(sample.function(), op.tolerance().withFastMode(), sample.inputs());
        assertTrue(fast.passed(), sample + ": " + fast + " where the full check says " + full);
        GradCheck.Report sampled = GradCheck.check(sample.function(), op.tolerance().withMaxElements(maxElements),
                sample.inputs());
        assertTrue(sampled.passed(), sample + ": " + sampled);
        assertTrue(sampled.maxAbsError() <= full.maxAbsError(), "a sample compares a subset of the entries");
    }

    /** {@code x·W} for a 6x5 weight whose backward scales the weight's gradient. */
    private static TensorFunction matmulWithWeightRuleScaledBy(double factor) {
        Function scaled = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                ctx.saveForBackward(in[0]);
                return in[0].matmul(in[1]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                Tensor x = ctx.savedTensors().get(0);
                return new Tensor[] {null, x.transpose(0, 1).matmul(gy).mul(factor)};   // gW = xᵀ·gy (scaled)
            }
        };
        return xs -> scaled.apply(xs).tanh();
    }

    @Property(tries = 200, seed = "61616161")
    void bothModesCatchAWeightRuleScaledFarFromOne(@ForAll Random random,
                                                   @ForAll @IntRange(min = 0, max = 1) int sign) {
        double factor = sign == 0 ? 0.5 + random.nextDouble() * 0.3 : 1.3 + random.nextDouble();
        Tensor x = Tensor.randn(random, 4, 6);
        Tensor w = Tensor.randn(random, 6, 5).mul(0.4).requiresGrad(true);
        TensorFunction wrong = matmulWithWeightRuleScaledBy(factor);
        GradCheck.Options named = GradCheck.Options.DEFAULT.withInputNames("x", "W").withSeed(random.nextLong());
        GradCheck.Report fast = GradCheck.check(wrong, named.withFastMode(), x, w);
        assertFalse(fast.passed(), "factor " + factor + ": " + fast);
        assertEquals("W", fast.inputName());
        GradCheck.Report sampled = GradCheck.check(wrong, named.withMaxElements(3), x, w);
        assertFalse(sampled.passed(), "factor " + factor + ": " + sampled);
        assertEquals("W", sampled.inputName());
        assertTrue(GradCheck.check(matmulWithWeightRuleScaledBy(1), named.withFastMode(), x, w).passed());
    }
}
