package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Anomaly mode: ops remember the line of user code that created them, and a rule that returns NaN or infinity
 * fails naming the op and that line. The expected line is taken on the same source line as the op, by
 * {@link #here()}.
 */
class AnomalyModeTest {

    /** The line number of the caller's statement. */
    private static int here() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }

    private static String site(int line) {
        return "(AnomalyModeTest.java:" + line + ")";
    }

    @BeforeEach
    @AfterEach
    void anomalyModeIsOffOutsideEachTest() {
        assertFalse(Autograd.isAnomalyDetectionEnabled(), "anomaly mode leaked out of a scope");
    }

    @Test
    void sqrtAtZeroFailsNamingTheOpTheClassAndTheLineThatCreatedIt() {
        Tensor x = Tensor.of(new double[] {0, 1}).requiresGrad(true);
        try (var anomaly = Autograd.detectAnomaly(true)) {
            Tensor y = x.sqrt(); int line = here();
            Tensor loss = y.sum();
            var e = assertThrows(IllegalStateException.class, loss::backward);
            String message = e.getMessage();
            assertTrue(message.startsWith("backward: the rule of sqrt for input 0 returned Infinity at element 0"),
                    message);
            assertTrue(message.contains("AnomalyModeTest"), message);
            assertTrue(message.contains("sqrtAtZeroFailsNamingTheOpTheClassAndTheLineThatCreatedIt"), message);
            assertTrue(message.endsWith(site(line)), message + " should end with " + site(line));
        }
    }

    @Test
    void logAtZeroFailsNamingTheOpAndTheLine() {
        Tensor x = Tensor.of(new double[] {2, 0, 1}).requiresGrad(true);
        try (var anomaly = Autograd.detectAnomaly(true)) {
            Tensor y = x.mul(3).log(); int line = here();
            var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
            assertTrue(e.getMessage().startsWith("backward: the rule of log for input 0 returned Infinity at element 1"
                    + " of a gradient of shape [3]"), e.getMessage());
            assertTrue(e.getMessage().endsWith(site(line)), e.getMessage());
        }
    }

    @Test
    void theSiteOfAnOpCreatedInAHelperIsTheHelpersLine() {
        Tensor x = Tensor.of(new double[] {-1}).requiresGrad(true);
        try (var anomaly = Autograd.detectAnomaly(true)) {
            int[] line = new int[1];
            Tensor y = helperTakingSqrt(x, line);                                   // sqrt(−1) = NaN
            var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
            assertTrue(e.getMessage().contains("returned NaN"), e.getMessage());
            assertTrue(e.getMessage().contains("helperTakingSqrt"), e.getMessage());
            assertTrue(e.getMessage().endsWith(site(line[0])), e.getMessage());
        }
    }

    private static Tensor helperTakingSqrt(Tensor x, int[] line) {
        Tensor y = x.sqrt(); line[0] = here();
        return y;
    }

    @Test
    void aNaNFromTheSecondOpOfAChainNamesThatOpNotTheFirst() {
        Tensor x = Tensor.of(new double[] {0.5, 0}).requiresGrad(true);
        try (var anomaly = Autograd.detectAnomaly(true)) {
            Tensor h = x.mul(2); int mulLine = here();
            Tensor y = h.sqrt(); int sqrtLine = here();
            var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
            assertTrue(e.getMessage().contains("rule of sqrt"), e.getMessage());
            assertTrue(e.getMessage().endsWith(site(sqrtLine)), e.getMessage());
            assertFalse(e.getMessage().contains(site(mulLine)), e.getMessage());
        }
    }

    @Test
    void withoutAnomalyModeBackwardSucceedsAndTheGradientsHoldInfAndNaN() {
        Tensor x = Tensor.of(new double[] {0, 1, -1}).requiresGrad(true);
        x.sqrt().sum().backward();
        double[] grad = x.grad().toArray();
        assertEquals(Double.POSITIVE_INFINITY, grad[0]);
        assertEquals(0.5, grad[1], 1e-15);
        assertTrue(Double.isNaN(grad[2]));
        Tensor z = Tensor.of(new double[] {0}).requiresGrad(true);
        z.log().sum().backward();
        assertEquals(Double.POSITIVE_INFINITY, z.grad().item());
    }

    @Test
    void anOpCreatedBeforeAnomalyModeWasOnHasNoSiteAndTheMessageSaysHowToGetOne() {
        Tensor x = Tensor.of(new double[] {0}).requiresGrad(true);
        Tensor y = x.sqrt();
        try (var anomaly = Autograd.detectAnomaly(true)) {
            var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
            assertTrue(e.getMessage().contains("rule of sqrt"), e.getMessage());
            assertTrue(e.getMessage().endsWith("an unknown line (turn on Autograd.detectAnomaly(true) to record it)"),
                    e.getMessage());
        }
    }

    @Test
    void theScopeRestoresThePreviousStateAndNests() {
        assertFalse(Autograd.isAnomalyDetectionEnabled());
        try (var on = Autograd.detectAnomaly(true)) {
            assertTrue(Autograd.isAnomalyDetectionEnabled());
            try (var off = Autograd.detectAnomaly(false)) {
                assertFalse(Autograd.isAnomalyDetectionEnabled());
                Tensor x = Tensor.of(new double[] {0}).requiresGrad(true);
                x.sqrt().sum().backward();                                          // off: no exception
                assertEquals(Double.POSITIVE_INFINITY, x.grad().item());
            }
            assertTrue(Autograd.isAnomalyDetectionEnabled());
        }
        assertFalse(Autograd.isAnomalyDetectionEnabled());
    }

    @Test
    void finiteGradientsPassUnderAnomalyMode() {
        Tensor x = Tensor.of(new double[] {0.25, 4}).requiresGrad(true);
        try (var anomaly = Autograd.detectAnomaly(true)) {
            x.sqrt().log().sum().backward();                                        // d/dx log √x = 1/(2x)
        }
        assertEquals(2.0, x.grad().toArray()[0], 1e-12);
        assertEquals(0.125, x.grad().toArray()[1], 1e-12);
    }

    @Test
    void aCustomFunctionReturningNaNIsNamedWithItsLine() {
        Function bad = new Function() {
            @Override
            public String name() {
                return "badFunction";
            }

            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                return inputs[0].mul(2);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                return new Tensor[] {gy.mul(Double.NaN)};
            }
        };
        Tensor x = Tensor.of(new double[] {1}).requiresGrad(true);
        try (var anomaly = Autograd.detectAnomaly(true)) {
            Tensor y = bad.apply(x); int line = here();
            var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
            assertTrue(e.getMessage().startsWith("backward: the rule of badFunction for input 0 returned NaN"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(site(line)), e.getMessage());
        }
    }

    @Test
    void anomalyModeIsPerThread() throws Exception {
        try (var anomaly = Autograd.detectAnomaly(true)) {
            boolean[] seenElsewhere = new boolean[1];
            Thread other = new Thread(() -> seenElsewhere[0] = Autograd.isAnomalyDetectionEnabled());
            other.start();
            other.join();
            assertTrue(Autograd.isAnomalyDetectionEnabled());
            assertFalse(seenElsewhere[0]);
        }
    }
}
