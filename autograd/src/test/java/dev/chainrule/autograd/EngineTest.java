package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class EngineTest {
    private static Tensor leaf(double[] values, int... shape) {
        return (shape.length == 0 ? Tensor.of(values) : Tensor.of(values, shape)).requiresGrad(true);
    }

    @Test
    void gradientsFromSeveralPathsAreSummed() {
        double[] xs = {0.5, -1, 2};
        double[] gs = {1, -2, 0.25};
        Tensor x = leaf(xs);
        x.mul(x).add(x.exp()).backward(Tensor.of(gs));        // y = x² + eˣ, dy/dx = 2x + eˣ
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) expected[i] = gs[i] * (2 * xs[i] + Math.exp(xs[i]));
        assertArrayEquals(expected, x.grad().toArray(), 1e-15);
    }

    @Test
    void anInputUsedTwiceByOneOpGetsBothContributions() {
        Tensor x = Tensor.scalar(3).requiresGrad(true);
        x.mul(x).add(x).backward();                            // y = x² + x, dy/dx = 2x + 1
        assertEquals(7.0, x.grad().item());
    }

    @Test
    void aDiamondSendsTheGradientThroughBothBranchesOnce() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor h = x.mul(3);
        h.mul(h).add(h.mul(5)).backward();                    // y = h² + 5h with h = 3x: dy/dx = (2h + 5)·3
        assertEquals(51.0, x.grad().item());
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroGrad() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        x.mul(x).backward();
        assertEquals(4.0, x.grad().item());
        x.mul(x).backward();
        assertEquals(8.0, x.grad().item());
        x.zeroGrad();
        assertNull(x.grad());
        x.mul(x).mul(x).backward();
        assertEquals(12.0, x.grad().item());
    }

    @Test
    void secondBackwardWithoutRetainGraphThrowsNamingTheOpAndTheFix() {
        Tensor x = Tensor.scalar(0.5).requiresGrad(true);
        Tensor y = x.tanh();
        y.backward();
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("retainGraph"), e.getMessage());
        assertTrue(e.getMessage().contains("tanh"), e.getMessage());
    }

    @Test
    void retainGraphAllowsASecondBackward() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor y = x.mul(x).sum();
        y.backward(null, true);
        y.backward(null, true);
        assertArrayEquals(new double[] {4, 8}, x.grad().toArray());
        y.backward();
        assertArrayEquals(new double[] {6, 12}, x.grad().toArray());
    }

    @Test
    void aChainOfOneMillionOpsBackwardsWithoutRecursion() {
        Tensor x = Tensor.scalar(1).requiresGrad(true);
        Tensor c = Tensor.scalar(1.0000001);
        Tensor h = x;
        for (int i = 0; i < 1_000_000; i++) h = h.mul(c);
        h.backward();
        // Forward (((1·c)·c)·…) and backward (((1·c)·c)·…) multiply the same numbers in the same order.
        assertEquals(h.item(), x.grad().item());
        assertEquals(Math.exp(1_000_000 * Math.log1p(1e-7)), x.grad().item(), 1e-9);
    }

    @Test
    void opsOnTensorsThatDoNotRequireGradRecordNothing() {
        Tensor a = Tensor.of(new double[] {1, 2, 3});
        Tensor b = Tensor.of(new double[] {4, 5, 6});
        Tensor y = a.mul(b).exp().sum();
        assertFalse(y.requiresGrad());
        assertTrue(y.isLeaf());
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().startsWith("backward: "), e.getMessage());
        assertTrue(e.getMessage().contains("does not require grad"), e.getMessage());
    }

    @Test
    void noGradScopesNestAndRestoreThePreviousState() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        assertTrue(Autograd.isGradEnabled());
        try (var off = Autograd.noGrad()) {
            assertFalse(Autograd.isGradEnabled());
            Tensor y = x.mul(3);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
            try (var on = Autograd.enableGrad()) {
                assertTrue(Autograd.isGradEnabled());
                assertFalse(x.mul(3).isLeaf());
                try (var offAgain = Autograd.noGrad()) {
                    assertFalse(Autograd.isGradEnabled());
                }
                assertTrue(Autograd.isGradEnabled());
            }
            assertFalse(Autograd.isGradEnabled());
        }
        assertTrue(Autograd.isGradEnabled());
        assertTrue(x.mul(3).requiresGrad());
    }

    @Test
    void noGradAppliesToTheCurrentThreadOnly() throws InterruptedException {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        AtomicBoolean otherThreadEnabled = new AtomicBoolean();
        AtomicBoolean otherThreadRecorded = new AtomicBoolean();
        try (var off = Autograd.noGrad()) {
            Thread other = new Thread(() -> {
                otherThreadEnabled.set(Autograd.isGradEnabled());
                otherThreadRecorded.set(x.mul(3).requiresGrad());
            });
            other.start();
            other.join();
            assertFalse(Autograd.isGradEnabled());
        }
        assertTrue(otherThreadEnabled.get());
        assertTrue(otherThreadRecorded.get());
    }

    @Test
    void broadcastInputsGetGradientsOfTheirOwnShapeSummedOverBroadcastAxes() {
        Tensor a = leaf(new double[] {1, 2, 3}, 3, 1);
        Tensor b = leaf(new double[] {10, 20, 30, 40}, 4);
        Tensor y = a.add(b);
        assertArrayEquals(new int[] {3, 4}, y.shape());
        y.backward(Tensor.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 3, 4));
        assertArrayEquals(new int[] {3, 1}, a.grad().shape());
        assertArrayEquals(new double[] {10, 26, 42}, a.grad().toArray());
        assertArrayEquals(new int[] {4}, b.grad().shape());
        assertArrayEquals(new double[] {15, 18, 21, 24}, b.grad().toArray());
    }

    @Test
    void aScalarBroadcastAgainstAMatrixGetsTheSumOfItsGradient() {
        Tensor m = leaf(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor s = Tensor.scalar(2).requiresGrad(true);
        m.mul(s).backward(Tensor.of(new double[] {1, -1, 2, -2, 3, -3}, 2, 3));
        assertArrayEquals(new int[] {}, s.grad().shape());
        assertEquals(1 - 2 + 6 - 8 + 15 - 18, s.grad().item());
        assertArrayEquals(new int[] {2, 3}, m.grad().shape());
        assertArrayEquals(new double[] {2, -2, 4, -4, 6, -6}, m.grad().toArray());
    }

    @Test
    void autogradGradLeavesGradFieldsUntouched() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor w = Tensor.of(new double[] {3, 4}).requiresGrad(true);
        x.mul(w).sum().backward();
        List<Tensor> grads = Autograd.grad(List.of(x.mul(w).sum()), List.of(x), null, false, false);
        assertArrayEquals(new double[] {3, 4}, grads.get(0).toArray());
        assertArrayEquals(new double[] {3, 4}, x.grad().toArray());
        assertArrayEquals(new double[] {1, 2}, w.grad().toArray());
        Tensor fresh = Tensor.scalar(5).requiresGrad(true);
        Autograd.grad(List.of(fresh.mul(fresh)), List.of(fresh), null, false, false);
        assertNull(fresh.grad());
    }

    @Test
    void createGraphGivesSecondDerivatives() {
        Tensor x = Tensor.of(new double[] {1, 2, -3}).requiresGrad(true);
        Tensor y = x.pow(3);
        Tensor dy = Autograd.grad(List.of(y), List.of(x), List.of(Tensor.ones(3)), true, true).get(0);
        assertArrayEquals(new double[] {3, 12, 27}, dy.toArray());        // 3x²
        assertTrue(dy.requiresGrad());
        Tensor d2y = Autograd.grad(List.of(dy.sum()), List.of(x), null, false, false).get(0);
        assertArrayEquals(new double[] {6, 12, -18}, d2y.toArray());      // 6x
    }

    @Test
    void withoutCreateGraphTheGradientIsAConstant() {
        Tensor x = Tensor.scalar(2).requiresGrad(true);
        Tensor dy = Autograd.grad(List.of(x.pow(3)), List.of(x), null, false, false).get(0);
        assertEquals(12.0, dy.item());
        assertFalse(dy.requiresGrad());
    }

    @Test
    void backwardOnANonScalarWithoutGradientThrowsNamingTheShape() {
        Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2);
        var e = assertThrows(IllegalArgumentException.class, y::backward);
        assertTrue(e.getMessage().startsWith("backward: "), e.getMessage());
        assertTrue(e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void gradOutputOfTheWrongShapeThrowsNamingBothShapes() {
        Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2);
        var e = assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(3, 2)));
        assertEquals("backward: gradOutput of shape [3, 2] does not match the output's shape [2, 3]", e.getMessage());
    }

    @Test
    void detachCutsTheGraph() {
        Tensor x = Tensor.of(new double[] {1, 3}).requiresGrad(true);
        Tensor twice = x.mul(2).detach();
        assertFalse(twice.requiresGrad());
        assertTrue(twice.isLeaf());
        x.mul(twice).sum().backward();                          // d/dx (x·c) with c = 2x held constant is c
        assertArrayEquals(new double[] {2, 6}, x.grad().toArray());
    }

    @Test
    void inPlaceOnALeafThatRequiresGradThrowsWhileRecordingAndWorksUnderNoGrad() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        var e = assertThrows(IllegalStateException.class, () -> w.addInPlace(Tensor.of(new double[] {1, 1})));
        assertTrue(e.getMessage().startsWith("addInPlace: "), e.getMessage());
        assertTrue(e.getMessage().contains("Autograd.noGrad()"), e.getMessage());
        assertArrayEquals(new double[] {1, 2}, w.toArray());
        try (var off = Autograd.noGrad()) {
            w.addInPlace(Tensor.of(new double[] {0.5, -1}), 2);
        }
        assertArrayEquals(new double[] {2, 0}, w.toArray());
        assertTrue(w.requiresGrad());
    }

    @Test
    void modifyingASavedTensorInPlaceMakesBackwardThrowNamingTheOpAndVersions() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor c = Tensor.of(new double[] {3, 4});
        Tensor y = x.mul(c).sum();
        c.mulInPlace(2);
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("input 1 of mul"), e.getMessage());
        assertTrue(e.getMessage().contains("version 0 when saved, 1 now"), e.getMessage());
    }

    @Test
    void modifyingAParameterUnderNoGradAfterTheForwardMakesBackwardThrow() {
        Tensor w = Tensor.of(new double[] {0.1, 0.2}).requiresGrad(true);
        Tensor y = w.tanh().sum();
        try (var off = Autograd.noGrad()) {
            w.mulInPlace(3);
            w.fill(0);
        }
        var e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("of tanh"), e.getMessage());
        assertTrue(e.getMessage().contains("version 0 when saved, 2 now"), e.getMessage());
    }

    @Test
    void anInputTheOutputDoesNotDependOnGetsZerosFromAutogradGrad() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor unused = Tensor.ones(2, 2).requiresGrad(true);
        List<Tensor> grads = Autograd.grad(List.of(x.mul(3).sum()), List.of(x, unused), null, false, false);
        assertArrayEquals(new double[] {3, 3}, grads.get(0).toArray());
        assertArrayEquals(new int[] {2, 2}, grads.get(1).shape());
        assertArrayEquals(new double[4], grads.get(1).toArray());
    }

    @Test
    void autogradGradOfAnIntermediateTensorIsItsTotalGradient() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor h = x.mul(2);
        Tensor y = h.mul(h).add(h).sum();                        // dy/dh = 2h + 1
        Tensor dh = Autograd.grad(List.of(y), List.of(h), null, false, false).get(0);
        assertArrayEquals(new double[] {5, 9}, dh.toArray());
        assertNull(x.grad());
    }

    @Test
    void tensorsThatDoNotRequireGradReceiveNoGradient() {
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor constant = Tensor.of(new double[] {5, 7});
        x.mul(constant).sum().backward();
        assertArrayEquals(new double[] {5, 7}, x.grad().toArray());
        assertNull(constant.grad());
    }

    @Test
    void leavesThatShareOneGradientGetStoragesOfTheirOwn() {
        Tensor a = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor b = Tensor.of(new double[] {3, 4}).requiresGrad(true);
        for (int pass = 0; pass < 2; pass++) a.add(b).mul(3).sum().backward();   // add hands gy to both inputs
        assertArrayEquals(new double[] {6, 6}, a.grad().toArray(), 0.0);
        assertArrayEquals(new double[] {6, 6}, b.grad().toArray(), 0.0);
    }

    @Test
    void aGradientAHookKeptIsNotChangedByLaterAccumulation() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        java.util.List<Tensor> seen = new java.util.ArrayList<>();
        w.registerHook(g -> {
            seen.add(g);
            return null;
        });
        w.mul(Tensor.of(new double[] {5, 7})).sum().backward();
        w.mul(Tensor.of(new double[] {5, 7})).sum().backward();
        assertArrayEquals(new double[] {5, 7}, seen.get(0).toArray(), 0.0);
        assertArrayEquals(new double[] {10, 14}, w.grad().toArray(), 0.0);
    }

    @Test
    void aGradientAUserFunctionKeptIsNotChangedByLaterAccumulation() {
        Tensor[] kept = new Tensor[1];
        Function scale = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                return inputs[0].mul(2);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                kept[0] = gy.mul(2);
                return new Tensor[] {kept[0]};
            }
        };
        Tensor x = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        scale.apply(x).sum().backward();
        Tensor first = kept[0];
        scale.apply(x).sum().backward();
        assertArrayEquals(new double[] {2, 2}, first.toArray(), 0.0);
        assertArrayEquals(new double[] {4, 4}, x.grad().toArray(), 0.0);
    }

    @Test
    void aGradientTakenFromTheGraphByAutogradGradIsNotChangedByBackward() {
        Tensor w = Tensor.of(new double[] {1, 2}).requiresGrad(true);
        Tensor loss = w.mul(Tensor.of(new double[] {5, 7})).sum();
        Tensor functional = Autograd.grad(java.util.List.of(loss), java.util.List.of(w), null, true, false).get(0);
        loss.backward();
        w.mul(Tensor.of(new double[] {5, 7})).sum().backward();
        assertArrayEquals(new double[] {5, 7}, functional.toArray(), 0.0);
        assertArrayEquals(new double[] {10, 14}, w.grad().toArray(), 0.0);
    }
}
