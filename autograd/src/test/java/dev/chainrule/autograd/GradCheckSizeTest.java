package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link GradCheck} at the size of a real layer: fast mode, sampled slow mode, progress, and the refusal of a
 * check that cannot fit.
 */
class GradCheckSizeTest {
    private static final TensorFunction LINEAR_TANH = xs -> xs[0].matmul(xs[1]).add(xs[2]).tanh();

    /** A batch of 8 through a layer of {@code in x out} weights, scaled so that tanh is not saturated. */
    private static Tensor[] layer(int in, int out) {
        return new Tensor[] {Tensor.randn(new Random(0), 8, in),
                             Tensor.randn(new Random(1), in, out).mul(1 / Math.sqrt(in)).requiresGrad(true),
                             Tensor.randn(new Random(2), out).requiresGrad(true)};
    }

    /** {@code x @ W + b} whose rule for W is off by a factor. */
    private static final class LinearWithWrongWeightRule extends Function {
        private final double factor;

        LinearWithWrongWeightRule(double factor) {
            this.factor = factor;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            return in[0].matmul(in[1]).add(in[2]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gy) {
            Tensor x = ctx.savedTensors().get(0);
            Tensor w = ctx.savedTensors().get(1);
            return new Tensor[] {gy.matmul(w.transpose(0, 1)),                      // gx = gy·Wᵀ
                                 x.transpose(0, 1).matmul(gy).mul(factor),          // wrong: gW = xᵀ·gy
                                 gy.sum(0)};                                        // gb = Σ_rows gy
        }
    }

    private static GradCheck.Options named() {
        return GradCheck.Options.DEFAULT.withInputNames("x", "W", "b");
    }

    @Test
    void fastModeChecksALayerWithA500x64WeightAsOneProjectionPerInput() {
        GradCheck.Report report = GradCheck.assertPasses(LINEAR_TANH, named().withFastMode(), layer(500, 64));
        assertTrue(report.fastMode());
        assertEquals(0, report.worstElement().length);
        assertEquals(-1, report.worstOutput());
        assertTrue(report.toString().startsWith("GradCheck passed (fast mode: u^T J v for a random u and one random v"
                + " per input); max abs error "), report.toString());
        assertTrue(report.toString().contains("largest error at input " + report.inputName()
                + " (u^T J v, random u and v): analytic "), report.toString());
    }

    @Test
    void fastModeCatchesAWrongRuleAndNamesTheInput() {
        GradCheck.Report report = GradCheck.check(xs -> new LinearWithWrongWeightRule(1.2).apply(xs).tanh(),
                named().withFastMode(), layer(500, 64));
        assertFalse(report.passed(), report.toString());
        assertEquals("W", report.inputName());
        assertEquals(1.2, report.analytic() / report.numeric(), 1e-6);
        assertTrue(report.problem().endsWith("in 1 of 2 projections"), report.problem());
        assertTrue(report.toString().contains("worst at input W (u^T J v, random u and v)"), report.toString());
    }

    @Test
    void fastModeAllowsWhatEveryEntryWithinAtolCouldAddUp() {
        // PyTorch's bound: entries each within atol may add up to atol·Σu·Σv in u^T J v, so a 1% error in a
        // 500x64 weight's rule passes the fast mode; the slow mode, entry by entry, catches it
        Tensor[] inputs = layer(500, 64);
        TensorFunction slightlyWrong = xs -> new LinearWithWrongWeightRule(1.01).apply(xs).tanh();
        assertTrue(GradCheck.check(slightlyWrong, named().withFastMode(), inputs).passed());
        assertFalse(GradCheck.check(slightlyWrong, named().withMaxElements(20), inputs).passed());
    }

    @Test
    void sampledSlowModeChecksASeededSampleOfEachLargeInputAndSaysSo() {
        GradCheck.Options sampled = named().withMaxElements(150);
        GradCheck.Report report = GradCheck.assertPasses(LINEAR_TANH, sampled, layer(500, 64));
        assertEquals("output of 512 elements compared through 4 random projections; sampled 150 of 32,000 elements"
                + " of input W", report.scope());
        assertTrue(report.toString().startsWith("GradCheck passed (" + report.scope() + "); "), report.toString());
        GradCheck.Report again = GradCheck.check(LINEAR_TANH, sampled, layer(500, 64));
        assertEquals(report.toString(), again.toString(), "the same seed checks the same elements");
        GradCheck.Report otherSeed = GradCheck.check(LINEAR_TANH, sampled.withSeed(7), layer(500, 64));
        assertNotEquals(report.maxAbsError(), otherSeed.maxAbsError());
    }

    @Test
    void sampledSlowModeCatchesAWrongRuleAtAnElementOfTheSample() {
        GradCheck.Report report = GradCheck.check(xs -> new LinearWithWrongWeightRule(1.5).apply(xs).tanh(),
                named().withMaxElements(100), layer(500, 64));
        assertFalse(report.passed(), report.toString());
        assertEquals("W", report.inputName());
        assertEquals(2, report.worstElement().length);
        assertTrue(report.problem().contains("in 400 of 656 compared entries"), report.problem());   // 4 x (100 + 64)
    }

    @Test
    void theSlowModeStillComparesEveryEntryOfASmallLayer() {
        GradCheck.Report report = GradCheck.assertPasses(LINEAR_TANH, named(), layer(40, 8));
        assertEquals("", report.scope(), report.toString());
        GradCheck.Report wrong = GradCheck.check(xs -> new LinearWithWrongWeightRule(1.5).apply(xs).tanh(),
                named(), layer(40, 8));
        assertTrue(wrong.problem().contains("in 2,560 of 20,992 compared entries"), wrong.problem());  // 64 x 328
    }

    @Test
    void tanhOnA300x300InputIsCheckedWithoutStoringItsJacobian() {
        Tensor x = Tensor.randn(new Random(3), 300, 300).requiresGrad(true);
        GradCheck.assertPasses(xs -> xs[0].tanh(), GradCheck.Options.DEFAULT.withFastMode(), x);
        GradCheck.Report sampled = GradCheck.assertPasses(xs -> xs[0].tanh(),
                GradCheck.Options.DEFAULT.withMaxElements(20), x);
        assertTrue(sampled.scope().endsWith("sampled 20 of 90,000 elements of input 0"), sampled.scope());
    }

    @Test
    void progressCountsCheckedElementsFromZeroToTheTotal() {
        List<long[]> updates = new ArrayList<>();
        GradCheck.Options options = named().withMaxElements(30).withProgress((done, total) -> updates.add(
                new long[] {done, total}));
        GradCheck.check(LINEAR_TANH, options, layer(20, 10));
        assertEquals(30 + 10 + 1, updates.size());                             // W sampled to 30, b has 10
        for (int i = 0; i < updates.size(); i++) {
            assertEquals(i, updates.get(i)[0]);
            assertEquals(40, updates.get(i)[1]);
        }
        updates.clear();
        GradCheck.check(LINEAR_TANH, options.withFastMode(), layer(20, 10));
        assertEquals(List.of(0L, 1L, 2L), updates.stream().map(u -> u[0]).toList());
    }

    @Test
    void printedProgressStaysSilentForAShortCheck() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GradCheck.Options options = GradCheck.Options.DEFAULT.withProgress(
                GradCheck.Progress.printingTo(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        GradCheck.assertPasses(xs -> xs[0].tanh(), options, Tensor.randn(new Random(4), 3, 3).requiresGrad(true));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printedProgressPrintsOnceASecondWithTheTimeLeftAndALastLine() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long[] now = {0};
        GradCheck.Progress progress = new PrintedProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8),
                () -> now[0]);
        long second = 1_000_000_000L;
        progress.update(0, 400);
        for (int done = 1; done <= 400; done++) {
            now[0] += second / 100;                                         // 100 elements a second
            progress.update(done, 400);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\\R");
        assertEquals(4, lines.length);
        assertEquals("gradCheck: 100 of 400 done (25%), 1.0 s so far, about 3.0 s left", lines[0]);
        assertEquals("gradCheck: 400 of 400 done (100%), 4.0 s so far, about 0.0 s left", lines[3]);
    }

    @Test
    void aJacobianThatCannotFitIsRefusedWithItsSizeAndTheWaysOut() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> GradCheckSlowMode.requireMemory(90_000, 90_000, 4_000_000_000L));
        assertEquals("gradCheck: a 90,000 x 90,000 Jacobian would need 65 GB but 4 GB of the heap is free; use"
                + " GradCheck.Options.withFastMode() or withMaxElements(n)", error.getMessage());
        GradCheckSlowMode.requireMemory(64, 90_000, 4_000_000_000L);
    }

    @Test
    void optionsRefuseANonPositiveSampleAndANullListener() {
        assertEquals("GradCheck.Options: maxElements must be at least 1, got 0", assertThrows(
                IllegalArgumentException.class, () -> GradCheck.Options.DEFAULT.withMaxElements(0)).getMessage());
        assertEquals("GradCheck.Options: progress is null; use Progress.SILENT", assertThrows(
                IllegalArgumentException.class, () -> GradCheck.Options.DEFAULT.withProgress(null)).getMessage());
    }
}
