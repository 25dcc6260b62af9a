package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a {@link GradCheck.Report} says: where the largest error is on a pass, the worst violation and how many
 * entries failed on a failure, the caller's names for the inputs, and a hint at a non-differentiable point.
 */
class GradCheckReportTest {
    private static final GradCheck.Options NAMED = GradCheck.Options.DEFAULT.withInputNames("x", "W");

    /** {@code x @ W} whose rule for W is scaled by {@code factor} (1 is correct). */
    private static Function matmulWithWeightRuleScaledBy(double factor) {
        return new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                ctx.saveForBackward(in[0], in[1]);
                return in[0].matmul(in[1]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                Tensor x = ctx.savedTensors().get(0);
                Tensor w = ctx.savedTensors().get(1);
                return new Tensor[] {gy.matmul(w.transpose(0, 1)),                 // gx = gy·Wᵀ
                                     x.transpose(0, 1).matmul(gy).mul(factor)};    // gW = xᵀ·gy (times factor)
            }
        };
    }

    private static Tensor input(long seed, int... shape) {
        return Tensor.randn(new Random(seed), shape).requiresGrad(true);
    }

    @Test
    void aPassShowsTheLargestErrorAndWhereItIs() {
        GradCheck.Report report = GradCheck.check(xs -> xs[0].matmul(xs[1]).tanh(), NAMED, input(1, 3, 4),
                input(2, 4, 2));
        assertTrue(report.passed(), report.toString());
        assertEquals(report.maxAbsError(), Math.abs(report.analytic() - report.numeric()), 0, report.toString());
        assertTrue(report.toString().startsWith("GradCheck passed; max abs error " + report.maxAbsError()),
                report.toString());
        String name = report.worstInput() == 0 ? "x" : "W";
        assertEquals(name, report.inputName());
        assertTrue(report.toString().contains("; largest error at input " + name + " element "
                + java.util.Arrays.toString(report.worstElement()) + " (output element " + report.worstOutput()
                + "): analytic " + report.analytic() + ", numeric " + report.numeric()), report.toString());
        assertFalse(report.fastMode());
        assertEquals("", report.scope());
        assertEquals("", report.hint());
    }

    @Test
    void aFailureNamesTheCallersInputTheWorstEntryAndHowManyFailed() {
        GradCheck.Report report = GradCheck.check(matmulWithWeightRuleScaledBy(1.5)::apply, NAMED, input(1, 3, 4),
                input(2, 4, 2));
        assertFalse(report.passed());
        assertEquals(1, report.worstInput());
        assertEquals("W", report.inputName());
        assertEquals(1.5 * report.numeric(), report.analytic(), 1e-6);
        String text = report.toString();
        assertTrue(text.startsWith("GradCheck FAILED: analytic and numeric derivatives differ beyond atol=1.0E-5,"
                + " rtol=0.001 in "), text);
        assertTrue(text.contains(" in 24 of 120 compared entries;"), text);  // 6 outputs x 20; nonzero W entries fail
        assertTrue(text.contains("; worst at input W element " + java.util.Arrays.toString(report.worstElement())
                + " (output element " + report.worstOutput() + "): analytic "), text);
        assertEquals("", report.hint(), "a wrong rule at a smooth point is not called a kink");
    }

    @Test
    void positionsNameTheInputsWhenNoNamesAreGiven() {
        GradCheck.Report report = GradCheck.check(matmulWithWeightRuleScaledBy(2)::apply, input(1, 2, 3),
                input(2, 3, 2));
        assertEquals("1", report.inputName());
        assertTrue(report.toString().contains("worst at input 1 element ["), report.toString());
    }

    @Test
    void aFailureWhoseLargestErrorIsElsewhereSaysWhereThatIs() {
        // d/dx of (1000·x0, x1): autograd says (1000.5, 1.01); the first is within rtol, the second is not
        Function f = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0].mul(Tensor.of(new double[] {1000, 1}));
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                return new Tensor[] {gy.mul(Tensor.of(new double[] {1000.5, 1.01}))};
            }
        };
        GradCheck.Report report = GradCheck.check(f::apply, GradCheck.Options.DEFAULT.withInputNames("x"),
                Tensor.of(new double[] {0.3, -0.7}).requiresGrad(true));
        assertFalse(report.passed());
        assertArrayEquals(new int[] {1}, report.worstElement());
        assertEquals(0.5, report.maxAbsError(), 1e-6);
        assertTrue(report.problem().endsWith("in 1 of 4 compared entries; the largest error, " + report.maxAbsError()
                + ", is at input x element [0] (output element 0)"), report.problem());
    }

    @Test
    void reluAtZeroIsCalledANonDifferentiablePoint() {
        Tensor x = Tensor.of(new double[] {0, 1.5, -2}).requiresGrad(true);
        GradCheck.Report report = GradCheck.check(xs -> xs[0].relu(), x);
        assertFalse(report.passed());
        assertArrayEquals(new int[] {0}, report.worstElement());
        assertEquals(0.0, report.analytic());
        assertEquals(0.5, report.numeric(), 1e-9);
        assertEquals("non-differentiable point? the numeric derivative sits halfway between the one-sided"
                + " differences 0.0 (left) and 1.0 (right)", report.hint());
        assertTrue(report.toString().endsWith("; " + report.hint()), report.toString());
    }

    @Test
    void reluAtZeroInFastModeIsCalledANonDifferentiablePoint() {
        Tensor x = Tensor.of(new double[] {0, 1.5}).requiresGrad(true);
        GradCheck.Report report = GradCheck.check(xs -> xs[0].relu(), GradCheck.Options.DEFAULT.withFastMode(), x);
        assertFalse(report.passed(), report.toString());
        assertTrue(report.hint().startsWith("non-differentiable point?"), report.toString());
    }

    @Test
    void aZeroUpstreamFailureNamesTheInput() {
        Function forgetsGy = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... in) {
                return in[0].mul(1);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                return new Tensor[] {Tensor.ones(gy.shape())};                      // wrong: gx = gy
            }
        };
        GradCheck.Report report = GradCheck.check(forgetsGy::apply, GradCheck.Options.DEFAULT.withInputNames("h"),
                Tensor.of(new double[] {0.5}).requiresGrad(true));
        assertEquals("a zero upstream gradient gave a nonzero gradient (1.0) for input h", report.problem());
    }

    @Test
    void inputNamesMustMatchTheInputsAndBeDistinct() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> GradCheck.check(xs -> xs[0].mul(xs[1]), GradCheck.Options.DEFAULT.withInputNames("x"),
                        input(1, 2), input(2, 2)));
        assertEquals("gradCheck: 1 input names [x] for 2 inputs; give one name per input, in order",
                count.getMessage());
        assertEquals("GradCheck.Options: input name 'x' is given twice in [x, x]", assertThrows(
                IllegalArgumentException.class, () -> GradCheck.Options.DEFAULT.withInputNames("x", "x")).getMessage());
        assertEquals("GradCheck.Options: input name 1 is empty in [x,  ]", assertThrows(
                IllegalArgumentException.class, () -> GradCheck.Options.DEFAULT.withInputNames("x", " ")).getMessage());
    }

    @Test
    void locateIgnoresTheFunctionsInputNamesWhenCheckingEachOp() {
        var finding = GradCheck.locate(xs -> matmulWithWeightRuleScaledBy(1.5).apply(xs[0], xs[1]).tanh(), NAMED,
                input(1, 3, 4), input(2, 4, 2));
        assertTrue(finding.isPresent());
        assertEquals(0, finding.get().position());
    }

    @Test
    void theOldNineArgumentReportStillReadsAsBefore() {
        GradCheck.Report report = new GradCheck.Report(true, 1e-10, 1e-9, 0, new int[] {1, 0}, 3, 0.5, 0.5, "");
        assertEquals("GradCheck passed; max abs error 1.0E-10, max rel error 1.0E-9; largest error at input 0"
                + " element [1, 0] (output element 3): analytic 0.5, numeric 0.5", report.toString());
    }
}
