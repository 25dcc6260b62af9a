package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link Autograd#grad} with createGraph, Jacobians, Hessians and the vector products (vjp, jvp, hvp), and the
 * recording scopes noGrad/enableGrad. Examples are worked by hand; properties compare against finite differences
 * and the full matrices.
 */
class HigherOrderTest {

    // ---------------------------------------------------------------- grad with createGraph

    @Example
    void gradWithCreateGraphIsDifferentiableAgainUpToTheThirdDerivative() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor y = x.pow(3);                                                        // y = x³
        Tensor dy = Autograd.grad(List.of(y), List.of(x), null, true, true).get(0); // 3x² = 12
        assertTrue(dy.requiresGrad());
        Tensor d2y = Autograd.grad(dy, x);                                          // 6x = 12
        Tensor d3y = Autograd.grad(d2y, x);                                         // 6
        assertEquals(12.0, dy.item(), 1e-12);
        assertEquals(12.0, d2y.item(), 1e-12);
        assertEquals(6.0, d3y.item(), 1e-12);
    }

    @Example
    void gradWithoutCreateGraphReturnsConstants() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor g = Autograd.grad(List.of(x.pow(3)), List.of(x), null, false, false).get(0);
        assertEquals(12.0, g.item(), 1e-12);
        assertFalse(g.requiresGrad());
        assertTrue(g.isLeaf());
    }

    @Example
    void gradLeavesTheGradFieldOfTheInputsUntouched() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Autograd.grad(x.mul(x).sum(), x);
        assertNull(x.grad());
    }

    @Example
    void gradOfAnInputTheOutputDoesNotDependOnIsZeros() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor unused = Tensor.of(new double[] {3, 4, 5}).requiresGrad(true);
        Tensor[] g = Autograd.gradients(x.exp().sum(), x, unused);
        assertArrayEquals(new double[] {Math.exp(1), Math.exp(2)}, g[0].toArray(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0}, g[1].toArray());
        assertArrayEquals(new int[] {3}, g[1].shape());
    }

    @Example
    void gradWithRespectToAnIntermediateResultIsTheGradientFlowingIntoIt() {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        Tensor h = x.exp();
        Tensor y = h.mul(h);                                                        // dy/dh = 2h
        assertEquals(2 * Math.exp(0.5), Autograd.grad(y, h).item(), 1e-12);
    }

    @Example
    void gradWithAnUpstreamGradientGivesTheVectorJacobianProduct() {
        Tensor x = Tensor.of(new double[] {1, -2, 3}).requiresGrad(true);
        Tensor v = Tensor.of(new double[] {0.5, 2, -1});
        Tensor g = Autograd.grad(List.of(x.pow(2)), List.of(x), List.of(v), false, false).get(0);
        assertArrayEquals(new double[] {1, -8, -6}, g.toArray(), 1e-12);              // v·2x
    }

    @Example
    void gradRejectsAnInputThatDoesNotRequireGrad() {
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        Tensor c = Tensor.scalar(2);
        var e = assertThrows(IllegalArgumentException.class, () -> Autograd.grad(x.mul(c), c));
        assertTrue(e.getMessage().startsWith("grad: an input of shape []"), e.getMessage());
    }

    @Example
    void gradRejectsAnUpstreamGradientOfTheWrongShape() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        var e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.grad(List.of(x.exp()), List.of(x), List.of(Tensor.zeros(3)), false, false));
        assertEquals("grad: gradOutput of shape [3] does not match the output's shape [2]", e.getMessage());
    }

    @Example
    void gradOfAnOutputWithoutGraphIsAStateError() {
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        Tensor y;
        try (var off = Autograd.noGrad()) {
            y = x.exp();
        }
        Tensor result = y;
        var e = assertThrows(IllegalStateException.class, () -> Autograd.grad(result, x));
        assertTrue(e.getMessage().startsWith("grad: the output of shape [] does not require grad"), e.getMessage());
    }

    // ---------------------------------------------------------------- jacobian and hessian

    @Example
    void jacobianOfSoftmaxIsDiagSMinusSSTransposed() {
        double[] values = {0.3, -1.2, 2.0, 0.7};
        Tensor x = Tensor.of(values);
        Tensor jacobian = Autograd.jacobian(t -> t.softmax(0), x);
        double[] s = x.softmax(0).toArray();
        assertArrayEquals(new int[] {4, 4}, jacobian.shape());
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                double expected = (i == j ? s[i] : 0) - s[i] * s[j];
                assertEquals(expected, jacobian.get(i, j), 1e-12, "J[" + i + "][" + j + "]");
            }
        }
    }

    @Example
    void jacobianHasShapeOutputShapeThenInputShapeAndIsConstant() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor jacobian = Autograd.jacobian(t -> t.sum(1), x);
        assertArrayEquals(new int[] {2, 2, 3}, jacobian.shape());
        assertArrayEquals(new double[] {1, 1, 1, 0, 0, 0, 0, 0, 0, 1, 1, 1}, jacobian.toArray());
        assertFalse(jacobian.requiresGrad());
        assertFalse(x.requiresGrad(), "the caller's tensor is not marked");
    }

    @Example
    void jacobianOfAFunctionThatIgnoresItsInputIsZeros() {
        Tensor x = Tensor.of(new double[] {1, 2});
        Tensor jacobian = Autograd.jacobian(t -> Tensor.of(new double[] {7, 8, 9}), x);
        assertArrayEquals(new int[] {3, 2}, jacobian.shape());
        assertArrayEquals(new double[6], jacobian.toArray());
    }

    @Example
    void hessianOfSumOfCubesIsDiagSixX() {
        double[] values = {0.5, -2, 1.5};
        Tensor hessian = Autograd.hessian(t -> t.pow(3).sum(), Tensor.of(values));
        assertArrayEquals(new int[] {3, 3}, hessian.shape());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(i == j ? 6 * values[i] : 0, hessian.get(i, j), 1e-12, "H[" + i + "][" + j + "]");
            }
        }
    }

    @Example
    void hessianOfAMixedFunctionIsSymmetricWithTheHandDerivedEntries() {
        // f(a, b) = a²b + sin-free e^(ab): H = [[2b + b²e^(ab), 2a + e^(ab)(1 + ab)], [same, a²e^(ab)]]
        double a = 0.4, b = -0.7;
        Tensor hessian = Autograd.hessian(t -> {
            Tensor x = t.slice(0, 0, 1), y = t.slice(0, 1, 2);
            return x.mul(x).mul(y).add(x.mul(y).exp()).sum();
        }, Tensor.of(new double[] {a, b}));
        double e = Math.exp(a * b);
        assertEquals(2 * b + b * b * e, hessian.get(0, 0), 1e-12);
        assertEquals(2 * a + e * (1 + a * b), hessian.get(0, 1), 1e-12);
        assertEquals(2 * a + e * (1 + a * b), hessian.get(1, 0), 1e-12);
        assertEquals(a * a * e, hessian.get(1, 1), 1e-12);
    }

    @Example
    void hessianOfANonScalarFunctionIsAnArgumentErrorNamingHessian() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.hessian(t -> t.pow(2), Tensor.of(new double[] {1, 2})));
        assertEquals("hessian: the function must return one element, got shape [2]", e.getMessage());
    }

    // ---------------------------------------------------------------- vjp, jvp, hvp

    @Example
    void vjpEqualsVTransposeTimesTheJacobian() {
        Random random = new Random(3);
        Tensor w = Tensor.randn(random, 3, 4);
        UnaryOperator<Tensor> fn = x -> w.matmul(x).tanh();                          // [4] -> [3]
        Tensor x = Tensor.randn(random, 4);
        Tensor v = Tensor.randn(random, 3);
        Autograd.VectorProduct result = Autograd.vjp(fn, x, v);
        Tensor jacobian = Autograd.jacobian(fn, x);
        double[] expected = v.matmul(jacobian).toArray();                            // vᵀ·J
        assertArrayEquals(expected, result.product().toArray(), 1e-12);
        assertArrayEquals(fn.apply(x).toArray(), result.output().toArray(), 1e-15);
        assertFalse(result.output().requiresGrad());
        assertFalse(result.product().requiresGrad());
    }

    @Example
    void vjpOfAFunctionThatIgnoresItsInputIsZeros() {
        Autograd.VectorProduct result = Autograd.vjp(t -> Tensor.ones(2), Tensor.of(new double[] {1, 2, 3}),
                Tensor.ones(2));
        assertArrayEquals(new double[3], result.product().toArray());
    }

    @Example
    void jvpOfAMatmulIsTheMatrixTimesV() {
        Tensor w = Tensor.of(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        Autograd.VectorProduct result = Autograd.jvp(x -> w.matmul(x), Tensor.of(new double[] {1, 1}),
                Tensor.of(new double[] {0.5, -1}));
        assertArrayEquals(new double[] {-1.5, -2.5, -3.5}, result.product().toArray(), 1e-12);
        assertArrayEquals(new double[] {3, 7, 11}, result.output().toArray(), 1e-12);
    }

    @Example
    void theIdentityHasTheIdentityJacobianAndPassesVectorsThrough() {
        Tensor x = Tensor.of(new double[] {1, 2, 3});
        Tensor v = Tensor.of(new double[] {0.5, -1, 2});
        assertArrayEquals(Tensor.eye(3).toArray(), Autograd.jacobian(t -> t, x).toArray());
        assertArrayEquals(v.toArray(), Autograd.vjp(t -> t, x, v).product().toArray());
        assertArrayEquals(v.toArray(), Autograd.jvp(t -> t, x, v).product().toArray());
    }

    @Example
    void hvpOfSumOfCubesIsSixXTimesV() {
        Tensor x = Tensor.of(new double[] {0.5, -2, 1.5});
        Tensor v = Tensor.of(new double[] {1, 0.25, -2});
        Autograd.VectorProduct result = Autograd.hvp(t -> t.pow(3).sum(), x, v);
        assertArrayEquals(new double[] {3, -3, -18}, result.product().toArray(), 1e-12);
        assertEquals(0.125 - 8 + 3.375, result.output().item(), 1e-12);
    }

    @Example
    void hvpOfALinearFunctionIsZero() {
        Tensor x = Tensor.of(new double[] {0.5, -2});
        Autograd.VectorProduct result = Autograd.hvp(t -> t.mul(3).sum(), x, Tensor.ones(2));
        assertArrayEquals(new double[2], result.product().toArray());
    }

    @Example
    void aWrongShapeOfVIsAnArgumentErrorNamingTheFunction() {
        Tensor x = Tensor.of(new double[] {1, 2, 3});
        var vjp = assertThrows(IllegalArgumentException.class,
                () -> Autograd.vjp(t -> t.sum(), x, Tensor.ones(3)));
        assertEquals("vjp: v has shape [3] but the output has shape []", vjp.getMessage());
        var jvp = assertThrows(IllegalArgumentException.class,
                () -> Autograd.jvp(t -> t.exp(), x, Tensor.ones(2)));
        assertEquals("jvp: v has shape [2] but the input has shape [3]", jvp.getMessage());
        var hvp = assertThrows(IllegalArgumentException.class,
                () -> Autograd.hvp(t -> t.pow(2).sum(), x, Tensor.ones(3, 1)));
        assertEquals("hvp: v has shape [3, 1] but the input has shape [3]", hvp.getMessage());
    }

    @Example
    void hvpOfANonScalarFunctionIsAnArgumentErrorNamingHvp() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Autograd.hvp(t -> t.exp(), Tensor.of(new double[] {1, 2}), Tensor.ones(2)));
        assertTrue(e.getMessage().startsWith("hvp: "), e.getMessage());
    }

    @Example
    void vectorProductsLeaveTheCallersTensorUntouched() {
        Tensor x = Tensor.of(new double[] {1, 2});
        Autograd.vjp(t -> t.exp(), x, Tensor.ones(2));
        Autograd.jvp(t -> t.exp(), x, Tensor.ones(2));
        Autograd.hvp(t -> t.exp().sum(), x, Tensor.ones(2));
        assertFalse(x.requiresGrad());
        assertNull(x.grad());
        assertArrayEquals(new double[] {1, 2}, x.toArray());
    }

    /** f(x) = tanh(x·W)·c, x of random shape [m, k]: J·v against a central difference along v. */
    @Property(tries = 60, seed = "271828", shrinking = ShrinkingMode.OFF)
    void jvpMatchesAFiniteDifferenceAlongV(@ForAll @IntRange(min = 1, max = 3) int m,
                                           @ForAll @IntRange(min = 1, max = 4) int k,
                                           @ForAll @IntRange(min = 1, max = 3) int n, @ForAll Random random) {
        Tensor w = Tensor.randn(random, k, n);
        Tensor c = Tensor.randn(random, n, 2);
        UnaryOperator<Tensor> fn = x -> x.matmul(w).tanh().matmul(c);
        Tensor x = Tensor.randn(random, m, k);
        Tensor v = Tensor.randn(random, m, k);
        double[] product = Autograd.jvp(fn, x, v).product().toArray();
        double h = 1e-6;
        double[] plus = fn.apply(x.add(v.mul(h))).toArray();
        double[] minus = fn.apply(x.sub(v.mul(h))).toArray();
        for (int i = 0; i < product.length; i++) {
            double numeric = (plus[i] - minus[i]) / (2 * h);
            assertEquals(numeric, product[i], 1e-6 + 1e-5 * Math.abs(numeric), "element " + i);
        }
    }

    /** jvp is the transpose of vjp: uᵀ(J·v) = (uᵀJ)·v for any u, v. */
    @Property(tries = 40, seed = "161803", shrinking = ShrinkingMode.OFF)
    void jvpAndVjpAreTransposes(@ForAll @IntRange(min = 1, max = 4) int n, @ForAll Random random) {
        Tensor w = Tensor.randn(random, n, 3);
        UnaryOperator<Tensor> fn = x -> x.matmul(w).sigmoid().mul(x.sum());
        Tensor x = Tensor.randn(random, n);
        Tensor v = Tensor.randn(random, n);
        Tensor u = Tensor.randn(random, 3);
        double left = u.mul(Autograd.jvp(fn, x, v).product()).sum().item();
        double right = Autograd.vjp(fn, x, u).product().mul(v).sum().item();
        assertEquals(right, left, 1e-12 * (1 + Math.abs(right)));
    }

    /** f(x) = Σ tanh(x·W)² + Σ eˣ·x over a random shape; H·v against the full Hessian times v. */
    @Property(tries = 60, seed = "141421", shrinking = ShrinkingMode.OFF)
    void hvpEqualsTheFullHessianTimesV(@ForAll @IntRange(min = 1, max = 3) int m,
                                       @ForAll @IntRange(min = 1, max = 3) int k, @ForAll Random random) {
        Tensor w = Tensor.randn(random, k, 2);
        UnaryOperator<Tensor> fn = x -> x.matmul(w).tanh().pow(2).sum().add(x.exp().mul(x).sum());
        Tensor x = Tensor.randn(random, m, k);
        Tensor v = Tensor.randn(random, m, k);
        double[] product = Autograd.hvp(fn, x, v).product().toArray();
        Tensor hessian = Autograd.hessian(fn, x).reshape(m * k, m * k);
        double[] expected = hessian.matmul(v.reshape(m * k)).toArray();
        assertArrayEquals(expected, product, 1e-10);
        // and the Hessian is symmetric
        assertArrayEquals(hessian.toArray(), hessian.t().toArray(), 1e-10);
    }

    // ---------------------------------------------------------------- recording scopes

    @Example
    void noGradRecordsNothingAndRestoresRecordingWhenClosed() {
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        assertTrue(Autograd.isGradEnabled());
        try (var off = Autograd.noGrad()) {
            assertFalse(Autograd.isGradEnabled());
            Tensor y = x.exp();
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
        }
        assertTrue(Autograd.isGradEnabled());
        assertTrue(x.exp().requiresGrad());
    }

    @Example
    void enableGradInsideNoGradRecordsAndScopesNest() {
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        try (var off = Autograd.noGrad()) {
            try (var on = Autograd.enableGrad()) {
                assertTrue(Autograd.isGradEnabled());
                Tensor y = x.exp();
                assertTrue(y.requiresGrad());
                assertEquals(Math.E, Autograd.grad(y, x).item(), 1e-12);
                try (var offAgain = Autograd.noGrad()) {
                    assertFalse(x.exp().requiresGrad());
                }
                assertTrue(Autograd.isGradEnabled());
            }
            assertFalse(Autograd.isGradEnabled());
        }
        assertTrue(Autograd.isGradEnabled());
    }

    @Example
    void noGradIsPerThread() throws InterruptedException {
        AtomicBoolean otherThreadRecords = new AtomicBoolean();
        try (var off = Autograd.noGrad()) {
            Thread thread = new Thread(() -> otherThreadRecords.set(Autograd.isGradEnabled()));
            thread.start();
            thread.join();
        }
        assertTrue(otherThreadRecords.get());
    }

    @Example
    void closingAScopeTwiceIsHarmlessAndDoesNotThrow() {
        Autograd.Scope off = Autograd.noGrad();
        off.close();
        off.close();
        assertTrue(Autograd.isGradEnabled());
    }

    /**
     * The functional API is an explicit request for derivatives, so (as PyTorch's torch.autograd.functional,
     * which runs under enable_grad) it differentiates even when called inside a noGrad scope.
     */
    @Example
    void functionalDerivativesUnderNoGradEqualThoseOutsideIt() {
        Tensor x = Tensor.of(new double[] {0.1, 0.2});
        Tensor v = Tensor.of(new double[] {1, -1});
        UnaryOperator<Tensor> fn = t -> t.exp();
        UnaryOperator<Tensor> scalar = t -> t.exp().sum();
        double[][] outside = {
                Autograd.jacobian(fn, x).toArray(), Autograd.hessian(scalar, x).toArray(),
                Autograd.vjp(fn, x, v).product().toArray(), Autograd.jvp(fn, x, v).product().toArray(),
                Autograd.hvp(scalar, x, v).product().toArray()};
        String[] names = {"jacobian", "hessian", "vjp", "jvp", "hvp"};
        try (var off = Autograd.noGrad()) {
            List<org.junit.jupiter.api.function.Executable> checks = new java.util.ArrayList<>();
            for (int i = 0; i < names.length; i++) {
                int which = i;
                checks.add(() -> {
                    double[] inside = switch (which) {
                        case 0 -> Autograd.jacobian(fn, x).toArray();
                        case 1 -> Autograd.hessian(scalar, x).toArray();
                        case 2 -> Autograd.vjp(fn, x, v).product().toArray();
                        case 3 -> Autograd.jvp(fn, x, v).product().toArray();
                        default -> Autograd.hvp(scalar, x, v).product().toArray();
                    };
                    assertArrayEquals(outside[which], inside, 1e-15, names[which] + " under noGrad");
                });
            }
            org.junit.jupiter.api.Assertions.assertAll(checks);
        }
    }
}
