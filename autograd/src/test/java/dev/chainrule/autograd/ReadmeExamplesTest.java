package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The autograd snippets of README.md, run as written, with the values they promise. */
class ReadmeExamplesTest {

    @Test
    void theTenLineExamplePrintsWhatTheReadmeSays() {
        Tensor x = Tensor.of(new double[] {1, 2, 3}).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {0.5, -1, 2}).requiresGrad(true);
        Tensor y = x.mul(w).sum().tanh();
        y.backward();
        assertEquals("tensor(0.9998, shape=[], gradFn=tanh)", y.toString());
        double slope = 1 - y.item() * y.item();
        assertArrayEquals(new double[] {0.5 * slope, -slope, 2 * slope}, x.grad().toArray(), 1e-15);
        assertArrayEquals(new double[] {slope, 2 * slope, 3 * slope}, w.grad().toArray(), 1e-15);
    }

    @Test
    void gradientsOfGradientsAsTheReadmeShows() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor dy = Autograd.grad(x.pow(3), x);
        Tensor d2y = Autograd.grad(dy, x);
        assertEquals(12, dy.item(), 1e-12);
        assertEquals(12, d2y.item(), 1e-12);
    }

    @Test
    void theGradCheckExampleReportsAPass() {
        Tensor a = Tensor.randn(new Random(0), 3, 4).requiresGrad(true);
        Tensor b = Tensor.randn(new Random(1), 4, 2).requiresGrad(true);
        GradCheck.Report report = GradCheck.check(xs -> xs[0].matmul(xs[1]).tanh(), a, b);
        assertTrue(report.passed(), report.toString());
        GradCheck.assertPasses(xs -> xs[0].softmax(-1), a);
    }
}
