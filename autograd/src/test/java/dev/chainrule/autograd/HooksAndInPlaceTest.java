package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Gradient hooks ({@link Tensor#registerHook}) and in-place ops with their version counters. */
class HooksAndInPlaceTest {

    private static Tensor leaf(double... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    // ---------------------------------------------------------------- hooks

    @Test
    void aHookOnAnIntermediateSeesTheTotalGradientOnceSummedOverPaths() {
        Tensor x = leaf(0.5, -1);
        Tensor h = x.mul(2);
        List<double[]> seen = new ArrayList<>();
        h.registerHook(g -> {
            seen.add(g.toArray());
            return null;
        });
        h.mul(3).add(h.exp()).sum().backward();                                    // dy/dh = 3 + eʰ
        assertEquals(1, seen.size(), "called once per backward pass");
        assertArrayEquals(new double[] {3 + Math.exp(1), 3 + Math.exp(-2)}, seen.get(0), 1e-12);
        assertArrayEquals(new double[] {2 * (3 + Math.exp(1)), 2 * (3 + Math.exp(-2))}, x.grad().toArray(), 1e-12);
    }

    @Test
    void aHookOnALeafSeesTheTotalGradientOnceSummedOverPaths() {
        Tensor x = leaf(0.5, -1);
        List<double[]> seen = new ArrayList<>();
        x.registerHook(g -> {
            seen.add(g.toArray());
            return null;
        });
        x.mul(3).add(x.exp()).add(x.mul(x)).sum().backward();                      // 3 + eˣ + 2x
        assertEquals(1, seen.size());
        assertArrayEquals(new double[] {3 + Math.exp(0.5) + 1, 3 + Math.exp(-1) - 2}, seen.get(0), 1e-12);
    }

    @Test
    void aHookReturningAGradientOnAnIntermediateChangesWhatFlowsUpstream() {
        Tensor x = leaf(1, 2);
        Tensor h = x.mul(x);                                                       // dh/dx = 2x
        h.registerHook(g -> g.mul(10));
        h.sum().backward();
        assertArrayEquals(new double[] {20, 40}, x.grad().toArray(), 1e-12);
    }

    @Test
    void aHookReturningAGradientOnALeafChangesWhatGradAccumulates() {
        Tensor x = leaf(1, 2);
        x.registerHook(g -> g.mul(-1));
        x.mul(x).sum().backward();
        assertArrayEquals(new double[] {-2, -4}, x.grad().toArray(), 1e-12);
        x.mul(3).sum().backward();                                                  // accumulates the hooked −3
        assertArrayEquals(new double[] {-5, -7}, x.grad().toArray(), 1e-12);
    }

    @Test
    void aHookOnALeafAlsoChangesWhatAutogradGradReturns() {
        Tensor x = leaf(1, 2);
        x.registerHook(g -> g.add(100));
        assertArrayEquals(new double[] {102, 104}, Autograd.grad(x.mul(x).sum(), x).toArray(), 1e-12);
    }

    @Test
    void aHookReturningNullKeepsTheGradient() {
        Tensor x = leaf(1, 2);
        Tensor h = x.exp();
        int[] calls = {0};
        h.registerHook(g -> {
            calls[0]++;
            return null;
        });
        x.registerHook(g -> {
            calls[0]++;
            return null;
        });
        h.sum().backward();
        assertEquals(2, calls[0]);
        assertArrayEquals(new double[] {Math.exp(1), Math.exp(2)}, x.grad().toArray(), 1e-12);
    }

    @Test
    void hooksRunInRegistrationOrderEachSeeingTheResultOfThePrevious() {
        Tensor x = leaf(1);
        List<String> order = new ArrayList<>();
        x.registerHook(g -> {
            order.add("first saw " + g.item());
            return g.add(1);
        });
        x.registerHook(g -> {
            order.add("second saw " + g.item());
            return g.mul(10);
        });
        x.mul(2).sum().backward();
        assertEquals(List.of("first saw 2.0", "second saw 3.0"), order);
        assertEquals(30.0, x.grad().item());
    }

    @Test
    void removeStopsTheHook() {
        Tensor x = leaf(1, 2);
        int[] calls = {0};
        Tensor.HookHandle handle = x.registerHook(g -> {
            calls[0]++;
            return g.mul(0);
        });
        x.sum().backward();
        assertArrayEquals(new double[] {0, 0}, x.grad().toArray());
        handle.remove();
        x.zeroGrad();
        x.sum().backward();
        assertEquals(1, calls[0]);
        assertArrayEquals(new double[] {1, 1}, x.grad().toArray());
    }

    @Test
    void removingOneOfTwoIdenticalHooksLeavesTheOther() {
        Tensor x = leaf(1);
        int[] calls = {0};
        java.util.function.UnaryOperator<Tensor> hook = g -> {
            calls[0]++;
            return null;
        };
        Tensor.HookHandle first = x.registerHook(hook);
        x.registerHook(hook);
        first.remove();
        x.sum().backward();
        assertEquals(1, calls[0]);
    }

    @Test
    void aHookReturningTheWrongShapeIsAStateError() {
        Tensor x = leaf(1, 2);
        Tensor h = x.exp();
        h.registerHook(g -> Tensor.ones(3));
        var e = assertThrows(IllegalStateException.class, () -> h.sum().backward());
        assertEquals("hook: returned a gradient of shape [3] for a tensor of shape [2]", e.getMessage());
    }

    @Test
    void registeringAHookOnATensorThatDoesNotRequireGradIsAStateError() {
        Tensor c = Tensor.of(new double[] {1, 2});
        var e = assertThrows(IllegalStateException.class, () -> c.registerHook(g -> g));
        assertEquals("registerHook: the tensor of shape [2] does not require grad, so no gradient flows into it",
                e.getMessage());
    }

    // ---------------------------------------------------------------- in-place ops and versions

    @Test
    void everyInPlaceOpBumpsTheVersionByOne() {
        Tensor t = Tensor.of(new double[] {1, 2});
        List<Consumer<Tensor>> ops = List.of(
                s -> s.addInPlace(Tensor.of(new double[] {1, 1})),
                s -> s.addInPlace(Tensor.of(new double[] {1, 1}), 0.5),
                s -> s.subInPlace(Tensor.of(new double[] {1, 1})),
                s -> s.mulInPlace(2),
                s -> s.mulInPlace(Tensor.of(new double[] {1, 2})),
                s -> s.fill(3),
                s -> s.copyFrom(Tensor.of(new double[] {4, 5})));
        for (int i = 0; i < ops.size(); i++) {
            int before = t.version();
            ops.get(i).accept(t);
            assertEquals(before + 1, t.version(), "op " + i);
        }
        assertArrayEquals(new double[] {4, 5}, t.toArray());
    }

    @Test
    void inPlaceOpsComputeTheRightValues() {
        Tensor t = Tensor.of(new double[] {1, 2});
        t.addInPlace(Tensor.of(new double[] {1, 1}), 0.5);
        assertArrayEquals(new double[] {1.5, 2.5}, t.toArray());
        t.subInPlace(Tensor.of(new double[] {0.5, 0.5}));
        assertArrayEquals(new double[] {1, 2}, t.toArray());
        t.mulInPlace(Tensor.of(new double[] {3, -1}));
        assertArrayEquals(new double[] {3, -2}, t.toArray());
        t.mulInPlace(2);
        assertArrayEquals(new double[] {6, -4}, t.toArray());
        t.fill(7);
        assertArrayEquals(new double[] {7, 7}, t.toArray());
    }

    @Test
    void inPlaceOpsOnATensorRequiringGradAreRefusedWhileRecording() {
        Tensor w = leaf(1, 2);
        List<Consumer<Tensor>> ops = List.of(
                s -> s.addInPlace(Tensor.ones(2)), s -> s.subInPlace(Tensor.ones(2)), s -> s.mulInPlace(2),
                s -> s.mulInPlace(Tensor.ones(2)), s -> s.fill(0), s -> s.copyFrom(Tensor.ones(2)));
        List<String> names = List.of("addInPlace", "subInPlace", "mulInPlace", "mulInPlace", "fill", "copyFrom");
        for (int i = 0; i < ops.size(); i++) {
            int which = i;
            var e = assertThrows(IllegalStateException.class, () -> ops.get(which).accept(w));
            assertTrue(e.getMessage().startsWith(names.get(i) + ": cannot modify a tensor that requires grad"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Autograd.noGrad()"), e.getMessage());
        }
        assertArrayEquals(new double[] {1, 2}, w.toArray(), "refused ops change nothing");
        assertEquals(0, w.version(), "refused ops do not bump the version");
    }

    @Test
    void inPlaceOpsOnAnIntermediateResultAreRefusedWhileRecording() {
        Tensor h = leaf(1, 2).exp();
        assertThrows(IllegalStateException.class, () -> h.mulInPlace(2));
    }

    @Test
    void inPlaceOpsOnATensorRequiringGradAreAllowedUnderNoGrad() {
        Tensor w = leaf(1, 2);
        try (var off = Autograd.noGrad()) {
            w.subInPlace(Tensor.of(new double[] {0.5, 0.5}));
            w.mulInPlace(2);
        }
        assertArrayEquals(new double[] {1, 3}, w.toArray());
        assertEquals(2, w.version());
        assertTrue(w.requiresGrad());
    }

    @Test
    void modifyingATensorSavedByMulMakesBackwardThrowNamingMulAndVersions() {
        Tensor x = leaf(1, 2);
        Tensor y = leaf(3, 4);
        Tensor z = x.mul(y);
        try (var off = Autograd.noGrad()) {
            y.mulInPlace(2);
        }
        var e = assertThrows(IllegalStateException.class, () -> z.sum().backward());
        assertTrue(e.getMessage().contains("mul"), e.getMessage());
        assertTrue(e.getMessage().contains("version 0 when saved, 1 now"), e.getMessage());
        assertEquals("backward: input 1 of mul was modified in place after the forward pass (version 0 when saved,"
                + " 1 now), so its gradient would be wrong; compute on a copy instead of modifying it in place",
                e.getMessage());
    }

    @Test
    void modifyingAConstantSavedByAnOpMakesBackwardThrow() {
        Tensor x = leaf(1, 2);
        Tensor c = Tensor.of(new double[] {3, 4});
        Tensor z = x.mul(c);
        c.fill(0);                                                                 // allowed: c requires no grad
        var e = assertThrows(IllegalStateException.class, () -> z.sum().backward());
        assertTrue(e.getMessage().startsWith("backward: input 1 of mul"), e.getMessage());
    }

    @Test
    void modifyingTheOutputSavedByExpMakesBackwardThrow() {
        Tensor x = leaf(1, 2);
        Tensor y = x.exp();
        try (var off = Autograd.noGrad()) {
            y.fill(0);
        }
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().startsWith("backward: its output of exp was modified in place"), e.getMessage());
    }

    @Test
    void viewsAndDetachedTensorsShareTheVersionOfTheirStorage() {
        Tensor x = leaf(1, 2, 3, 4);
        Tensor z = x.mul(x).sum();
        Tensor detached = x.detach();
        detached.mulInPlace(2);                                                    // allowed: detached is a leaf
        assertEquals(1, x.version());
        assertArrayEquals(new double[] {2, 4, 6, 8}, x.toArray(), "detach shares storage");
        assertThrows(IllegalStateException.class, z::backward);
        Tensor base = Tensor.of(new double[] {1, 2, 3, 4});
        Tensor view = base.reshape(2, 2);
        base.fill(0);
        assertEquals(1, view.version(), "a reshape shares its input's storage and version");
        assertArrayEquals(new double[] {0, 0, 0, 0}, view.toArray());
    }

    @Test
    void anInPlaceChangeBeforeTheOpIsUsedIsHarmless() {
        Tensor w = leaf(1, 2);
        try (var off = Autograd.noGrad()) {
            w.mulInPlace(3);
        }
        Tensor z = w.mul(w).sum();                                                  // built after the change
        z.backward();
        assertArrayEquals(new double[] {6, 12}, w.grad().toArray(), 1e-12);
    }

    @Test
    void addInPlaceBroadcastsARowAndAColumn() {
        Tensor t = Tensor.zeros(2, 3);
        t.addInPlace(Tensor.of(new double[] {1, 2, 3}));
        assertArrayEquals(new double[] {1, 2, 3, 1, 2, 3}, t.toArray());
        t.addInPlace(Tensor.of(new double[] {10, 20}, 2, 1), 2);
        assertArrayEquals(new double[] {21, 22, 23, 41, 42, 43}, t.toArray());
        t.addInPlace(Tensor.scalar(-1));
        assertArrayEquals(new double[] {20, 21, 22, 40, 41, 42}, t.toArray());
        assertEquals(3, t.version());
    }

    @Test
    void addInPlaceRefusesASourceThatWouldGrowTheTarget() {
        Tensor t = Tensor.zeros(3);
        var e = assertThrows(IllegalArgumentException.class, () -> t.addInPlace(Tensor.zeros(2, 3)));
        assertEquals("addInPlace: shape [2, 3] cannot be broadcast to [3]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.mulInPlace(Tensor.zeros(2)));
    }

    /** An op that throws for a bad argument modifies nothing, so it must not count as a modification. */
    @Test
    void anInPlaceOpRejectedForItsArgumentLeavesTheVersionUnchanged() {
        Tensor x = leaf(1, 2, 3);
        Tensor c = Tensor.of(new double[] {1, 2, 3});
        Tensor z = x.mul(c).sum();
        assertThrows(IllegalArgumentException.class, () -> c.copyFrom(Tensor.zeros(2)));
        assertThrows(IllegalArgumentException.class, () -> c.addInPlace(Tensor.zeros(2)));
        assertEquals(0, c.version(), "nothing was modified");
        z.backward();                                                               // so backward still works
        assertArrayEquals(new double[] {1, 2, 3}, x.grad().toArray());
    }

    @Test
    void fusedInPlaceOpsComputeTheirFormulaAndBumpTheVersion() {
        Tensor t = Tensor.of(new double[] {1, 2, 3});
        Tensor a = Tensor.of(new double[] {2, 4, 6});
        Tensor b = Tensor.of(new double[] {4, 2, 1});
        t.addcmulInPlace(a, b, 0.5);                                     // 1 + 4, 2 + 4, 3 + 3
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {5, 6, 6}, t.toArray(), 0.0);
        t.addcdivInPlace(a, b, -2);                                      // 5 − 1, 6 − 4, 6 − 12
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {4, 2, -6}, t.toArray(), 0.0);
        Tensor s = Tensor.of(new double[] {4, 9}).sqrtInPlace();
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[] {2, 3}, s.toArray(), 0.0);
        org.junit.jupiter.api.Assertions.assertEquals(2, t.version());
        Tensor leaf = Tensor.ones(2).requiresGrad(true);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, leaf::sqrtInPlace);
        IllegalArgumentException shape = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> t.addcmulInPlace(Tensor.ones(2), a, 1));
        org.junit.jupiter.api.Assertions.assertTrue(shape.getMessage().startsWith("addcmulInPlace: shape [2]"),
                shape.getMessage());
    }
}
