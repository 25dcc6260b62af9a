package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link Activation}: from double functions (differentiable once) and from Tensor ops (any order); learnable
 * parameters through plain composition.
 */
class ActivationTest {
    private static final Activation SOFTSIGN = Activation.of("softsign", x -> x / (1 + Math.abs(x)),
            x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))));
    private static final Activation SOFTPLUS = Activation.ofTensorOps("softplus", x -> x.exp().add(1).log(),
            x -> x.sigmoid());

    private static Tensor randomInput(long seed, int... shape) {
        return Tensor.randn(new Random(seed), shape).mul(2).requiresGrad(true);
    }

    @Test
    void doubleFormComputesFElementWiseAndKeepsTheShape() {
        Tensor x = Tensor.of(new double[] {-3, 0, 1, 4}, 2, 2);
        Tensor y = SOFTSIGN.apply(x);
        assertArrayEquals(new int[] {2, 2}, y.shape());
        assertArrayEquals(new double[] {-0.75, 0, 0.5, 0.8}, y.toArray(), 1e-15);
        assertEquals("softsign", SOFTSIGN.name());
        assertEquals("Activation(softsign)", SOFTSIGN.toString());
    }

    @Test
    void doubleFormPassesFirstOrderGradCheckOnANonScalarOutput() {
        GradCheck.assertPasses(xs -> SOFTSIGN.apply(xs[0]), randomInput(1, 3, 4));
    }

    @Test
    void doubleFormGradientIsGyTimesTheGivenDerivative() {
        Tensor x = Tensor.of(new double[] {-1, 2}).requiresGrad(true);
        SOFTSIGN.apply(x).backward(Tensor.of(new double[] {3, -2}));
        assertArrayEquals(new double[] {3 * 0.25, -2 / 9.0}, x.grad().toArray(), 1e-15);
    }

    @Test
    void differentiatingTheDoubleFormTwiceIsAStateErrorPointingToOfTensorOps() {
        Tensor x = Tensor.of(new double[] {0.5, -1}).requiresGrad(true);
        Tensor gradient = Autograd.grad(SOFTSIGN.apply(x).sum(), x);              // first order works
        assertArrayEquals(new double[] {1 / 2.25, 0.25}, gradient.toArray(), 1e-15);
        var e = assertThrows(IllegalStateException.class, () -> Autograd.grad(gradient.sum(), x));
        assertTrue(e.getMessage().contains("softsign"), e.getMessage());
        assertTrue(e.getMessage().contains("Activation.ofTensorOps"), e.getMessage());
    }

    @Test
    void secondOrderGradCheckOfTheDoubleFormThrowsRatherThanPassing() {
        var e = assertThrows(IllegalStateException.class,
                () -> GradCheck.checkSecondOrder(xs -> SOFTSIGN.apply(xs[0]), randomInput(2, 3)));
        assertTrue(e.getMessage().contains("ofTensorOps"), e.getMessage());
    }

    @Test
    void tensorOpsFormPassesFirstAndSecondOrderGradCheck() {
        Tensor x = randomInput(3, 2, 3);
        GradCheck.assertPasses(xs -> SOFTPLUS.apply(xs[0]), x);
        GradCheck.assertSecondOrderPasses(xs -> SOFTPLUS.apply(xs[0]), x);
    }

    @Test
    void tensorOpsFormIsDifferentiableToTheThirdOrder() {
        Activation cube = Activation.ofTensorOps("cube", x -> x.pow(3), x -> x.pow(2).mul(3));
        Tensor x = Tensor.scalar(0.7).requiresGrad(true);
        Tensor y = cube.apply(x);
        assertEquals(0.343, y.item(), 1e-15);
        Tensor first = Autograd.grad(y, x);                                         // 3x²
        Tensor second = Autograd.grad(first, x);                                    // 6x
        Tensor third = Autograd.grad(second, x);                                    // 6
        assertEquals(3 * 0.49, first.item(), 1e-12);
        assertEquals(4.2, second.item(), 1e-12);
        assertEquals(6, third.item(), 1e-12);
    }

    @Test
    void tensorOpsFormKeepsTheShapeOfMultiDimensionalInputs() {
        Tensor x = Tensor.of(new double[] {0, 1, 2, 3, 4, 5}, 3, 2);
        Tensor y = SOFTPLUS.apply(x);
        assertArrayEquals(new int[] {3, 2}, y.shape());
        assertEquals(Math.log(1 + Math.exp(5)), y.get(2, 1), 1e-12);
    }

    @Test
    void aTensorOpsFunctionThatIsNotElementWiseIsAStateErrorNamingTheActivation() {
        Activation total = Activation.ofTensorOps("total", x -> x.sum(), x -> Tensor.ones(x.shape()));
        var e = assertThrows(IllegalStateException.class, () -> total.apply(Tensor.of(new double[] {1, 2, 3})));
        assertEquals("total: the function returned 1 values for 3 inputs; an activation must be element-wise",
                e.getMessage());
    }

    @Test
    void applyUnderNoGradRecordsNothing() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        try (var off = Autograd.noGrad()) {
            assertFalse(SOFTSIGN.apply(x).requiresGrad());
            assertFalse(SOFTPLUS.apply(x).requiresGrad());
        }
        assertTrue(SOFTPLUS.apply(x).requiresGrad());
    }

    @Test
    void swishWithALearnableBetaPassesGradCheckInBothInputs() {
        // swish(x) = x·σ(βx), β a learnable scalar: GradCheck with x and β as inputs, non-scalar output
        Tensor x = randomInput(4, 2, 3);
        Tensor beta = Tensor.scalar(0.8).requiresGrad(true);
        GradCheck.Report report = GradCheck.assertPasses(xs -> xs[0].mul(xs[0].mul(xs[1]).sigmoid()), x, beta);
        assertTrue(report.passed());
        GradCheck.assertSecondOrderPasses(xs -> xs[0].mul(xs[0].mul(xs[1]).sigmoid()), x, beta);
    }

    @Test
    void swishGivesBetaTheGradientOfTheFiniteDifference() {
        double[] values = {-1.5, 0.3, 2.0};
        Tensor x = Tensor.of(values);
        Tensor beta = Tensor.scalar(1.2).requiresGrad(true);
        UnaryOperator<Tensor> swish = t -> t.mul(t.mul(beta).sigmoid());
        Tensor loss = swish.apply(x).sum();
        loss.backward();
        assertTrue(x.grad() == null, "x does not require grad");
        double h = 1e-6;
        double numeric = (swishSum(values, 1.2 + h) - swishSum(values, 1.2 - h)) / (2 * h);
        assertEquals(numeric, beta.grad().item(), 1e-7);
        double exact = 0;                                  // d/dβ x·σ(βx) = x²·σ(βx)(1 − σ(βx))
        for (double v : values) {
            double s = 1 / (1 + Math.exp(-1.2 * v));
            exact += v * v * s * (1 - s);
        }
        assertEquals(exact, beta.grad().item(), 1e-12);
    }

    @Test
    void anActivationAppearsInGraphExportUnderItsName() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        String dot = GraphExport.toDot(SOFTSIGN.apply(SOFTPLUS.apply(x)), Map.of("x", x));
        assertTrue(dot.contains("label=\"softplus\\n[2]\""), dot);
        assertTrue(dot.contains("label=\"softsign\\n[2]\""), dot);
    }

    @Test
    void locateFindsAnActivationWhoseDerivativeIsWrong() {
        Activation wrong = Activation.of("wrongSoftsign", x -> x / (1 + Math.abs(x)), x -> 1 / (1 + Math.abs(x)));
        Tensor x = randomInput(5, 2, 2);
        Tensor w = randomInput(6, 2, 2);
        Optional<GradCheck.Finding> finding = GradCheck.locate(xs -> wrong.apply(xs[0].matmul(xs[1])).tanh(), x, w);
        assertTrue(finding.isPresent());
        assertEquals("wrongSoftsign", finding.get().op());
        assertEquals(1, finding.get().position());
        assertEquals(Optional.empty(),
                GradCheck.locate(xs -> SOFTSIGN.apply(xs[0].matmul(xs[1])).tanh(), x, w));
    }

    @Test
    void anomalyModeNamesAnActivationWhoseDerivativeIsNotFinite() {
        Activation bad = Activation.of("inverse", x -> 1 / x, x -> -1 / (x * x));
        Tensor x = Tensor.of(new double[] {1, 0}).requiresGrad(true);
        try (var anomaly = Autograd.detectAnomaly(true)) {
            Tensor y = bad.apply(x);
            var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
            assertTrue(e.getMessage().startsWith("backward: the rule of inverse for input 0 returned"), e.getMessage());
            assertTrue(e.getMessage().contains("ActivationTest.java"), e.getMessage());
        }
    }

    private static double swishSum(double[] values, double beta) {
        double sum = 0;
        for (double v : values) sum += v / (1 + Math.exp(-beta * v));
        return sum;
    }

    @Test
    void activationsWorkAsUnaryOperatorsInAList() {
        List<UnaryOperator<Tensor>> layers = List.of(SOFTSIGN, SOFTPLUS);
        Tensor x = Tensor.of(new double[] {1});
        Tensor y = x;
        for (UnaryOperator<Tensor> layer : layers) y = layer.apply(y);
        assertEquals(Math.log(1 + Math.exp(0.5)), y.item(), 1e-15);
    }

    private static final java.util.function.DoubleUnaryOperator SOFTSIGN_F = x -> x / (1 + Math.abs(x));

    @Test
    void checkedAcceptsACorrectDerivativeAndActsLikeOf() {
        Activation checked = Activation.checked("softsign", SOFTSIGN_F,
                x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))));
        Tensor x = randomInput(7, 3, 4);
        assertArrayEquals(SOFTSIGN.apply(x).toArray(), checked.apply(x).toArray(), 0.0);
        GradCheck.assertPasses(xs -> checked.apply(xs[0]), x);
    }

    @Test
    void checkedRefusesAPlantedWrongDerivativeNamingThePointTheExpectedAndTheGivenValue() {
        // the square is missing: f' = 1/(1 + |x|) instead of 1/(1 + |x|)²; wrong from the first grid point, -6
        var e = assertThrows(IllegalArgumentException.class,
                () -> Activation.checked("softsign", SOFTSIGN_F, x -> 1 / (1 + Math.abs(x))));
        assertTrue(e.getMessage().startsWith("Activation.checked: the derivative of softsign is wrong at x = -6.0:"
                + " expected 0.0204081"), e.getMessage());
        assertTrue(e.getMessage().endsWith(" (central difference of f), given " + 1 / 7.0), e.getMessage());
    }

    @Test
    void checkedNamesTheOnlyPointWhereADerivativeIsWrong() {
        // tanh' = 1 − tanh², with a slip for x > 3 only
        var e = assertThrows(IllegalArgumentException.class, () -> Activation.checked("tanh2", Math::tanh,
                x -> x > 3 ? 1 - Math.tanh(x) : 1 - Math.tanh(x) * Math.tanh(x)));
        assertTrue(e.getMessage().startsWith("Activation.checked: the derivative of tanh2 is wrong at x = 3.25:"),
                e.getMessage());
    }

    @Test
    void atAKinkCheckedAcceptsAnySlopeBetweenTheOneSidedOnesAndNothingElse() {
        java.util.function.DoubleUnaryOperator relu = x -> Math.max(0, x);
        Activation.checked("relu0", relu, x -> x > 0 ? 1 : 0);                     // PyTorch's relu'(0) = 0
        Activation.checked("relu1", relu, x -> x >= 0 ? 1 : 0);
        Activation.checked("reluHalf", relu, x -> x > 0 ? 1 : x == 0 ? 0.5 : 0);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Activation.checked("relu2", relu, x -> x > 0 ? 1 : x == 0 ? 2 : 0));
        assertEquals("Activation.checked: the derivative of relu2 is wrong at x = 0.0, a kink of f: expected a value"
                + " between the one-sided slopes 0.0 and 1.0, given 2.0", e.getMessage());
    }

    @Test
    void checkedSkipsPointsOutsideTheDomainAndRefusesWhenNoPointIsInside() {
        Activation log = Activation.checked("log", Math::log, x -> 1 / x);           // x <= 0 is skipped
        assertEquals(Math.log(2), log.apply(Tensor.of(new double[] {2})).item(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Activation.checked("log", Math::log, x -> 2 / x));
        assertEquals("Activation.checked: f of log is not finite near any of the points [-1.0, -2.0]; pass points"
                + " inside its domain", assertThrows(IllegalArgumentException.class,
                () -> Activation.checked("log", Math::log, x -> 1 / x, -1, -2)).getMessage());
        Activation.checked("log", Math::log, x -> 1 / x, 0.5, 1, 2);
    }

    @Test
    void anActivationNeedsAName() {
        assertEquals("Activation.of: the name is empty; it names the op in errors and graphs", assertThrows(
                IllegalArgumentException.class, () -> Activation.of(" ", SOFTSIGN_F, x -> 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Activation.ofTensorOps("", x -> x, x -> x));
        assertThrows(IllegalArgumentException.class, () -> Activation.checked(null, SOFTSIGN_F, x -> 1));
    }
}
