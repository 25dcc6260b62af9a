package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** User-defined differentiable functions ({@link Function}): they join the graph like built-in ops. */
class CustomFunctionTest {

    /** x³ with its backward written in Tensor ops on the saved input, so it is twice differentiable. */
    static final class Cube extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            ctx.saveForBackward(inputs[0]);
            return inputs[0].pow(3);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gy) {
            Tensor x = ctx.savedTensors().get(0);
            return new Tensor[] {gy.mul(x.pow(2).mul(3))};                         // gx = gy·3x²
        }
    }

    /** a·b, whose backward declares no gradient for b (null): b counts as a constant. */
    static final class MulIgnoringSecond extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            ctx.saveForBackward(inputs[1]);
            return inputs[0].mul(inputs[1]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gy) {
            return new Tensor[] {gy.mul(ctx.savedTensors().get(0)), null};         // ga = gy·b, gb: none
        }
    }

    /** x·scale for a scale tensor held by the function (saved, but not an input). */
    static final class ScaleBy extends Function {
        private final Tensor scale;

        ScaleBy(Tensor scale) {
            this.scale = scale;
        }

        @Override
        public String name() {
            return "scaleBy";
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            ctx.saveForBackward(scale);
            return inputs[0].mul(scale);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gy) {
            return new Tensor[] {gy.mul(ctx.savedTensors().get(0))};
        }
    }

    /** Two inputs but one gradient. */
    static final class OneGradientForTwoInputs extends Function {
        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            return inputs[0].add(inputs[1]);
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gy) {
            return new Tensor[] {gy};
        }
    }

    private static Tensor leaf(double... values) {
        return Tensor.of(values).requiresGrad(true);
    }

    @Test
    void cubeWithATensorOpsBackwardPassesFirstAndSecondOrderGradCheck() {
        Tensor x = Tensor.randn(new Random(11), 2, 3).requiresGrad(true);
        GradCheck.assertPasses(xs -> new Cube().apply(xs[0]), x);
        GradCheck.assertSecondOrderPasses(xs -> new Cube().apply(xs[0]), x);
    }

    @Test
    void secondDerivativeOfTheCubeIsSixX() {
        Tensor x = Tensor.scalar(1.5).requiresGrad(true);
        Tensor first = Autograd.grad(new Cube().apply(x), x);
        assertEquals(3 * 1.5 * 1.5, first.item(), 1e-12);
        assertEquals(6 * 1.5, Autograd.grad(first, x).item(), 1e-12);
    }

    @Test
    void theResultJoinsTheGraphAndGradientsReachTheLeavesThroughABiggerExpression() {
        Tensor x = leaf(0.5, -1, 0.25);
        Tensor w = leaf(2, 0.5, -1);
        Tensor cube = new Cube().apply(x);
        assertTrue(cube.requiresGrad());
        assertFalse(cube.isLeaf());
        Tensor z = cube.mul(w).sum().tanh();                                       // z = tanh(Σ x³w)
        z.backward();
        double s = 0.125 * 2 + -1 * 0.5 + 0.015625 * -1;
        double dz = 1 - Math.tanh(s) * Math.tanh(s);
        double[] xs = {0.5, -1, 0.25}, ws = {2, 0.5, -1};
        for (int i = 0; i < 3; i++) {
            assertEquals(dz * ws[i] * 3 * xs[i] * xs[i], x.grad().toArray()[i], 1e-12, "dz/dx" + i);
            assertEquals(dz * xs[i] * xs[i] * xs[i], w.grad().toArray()[i], 1e-12, "dz/dw" + i);
        }
    }

    @Test
    void aFunctionAppliedTwiceComposesByTheChainRule() {
        Tensor x = Tensor.scalar(1.1).requiresGrad(true);
        new Cube().apply(new Cube().apply(x)).backward();                          // x⁹: 9x⁸
        assertEquals(9 * Math.pow(1.1, 8), x.grad().item(), 1e-10);
    }

    @Test
    void resultsRecordNothingUnderNoGradOrWhenNoInputRequiresGrad() {
        Tensor x = leaf(1, 2);
        try (var off = Autograd.noGrad()) {
            Tensor y = new Cube().apply(x);
            assertFalse(y.requiresGrad());
            assertArrayEquals(new double[] {1, 8}, y.toArray());
        }
        assertFalse(new Cube().apply(Tensor.of(new double[] {1, 2})).requiresGrad());
    }

    @Test
    void forwardRunsWithRecordingOff() {
        boolean[] recording = {true};
        Function probe = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                recording[0] = Autograd.isGradEnabled();
                return inputs[0].exp();
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                return new Tensor[] {gy};
            }
        };
        Tensor y = probe.apply(leaf(1));
        assertFalse(recording[0]);
        assertTrue(y.requiresGrad());
        assertTrue(Autograd.isGradEnabled());
    }

    @Test
    void aNullGradientEntryCountsAsZerosForAnInputThatRequiresGrad() {
        Tensor a = leaf(1, 2);
        Tensor b = leaf(3, -4);
        new MulIgnoringSecond().apply(a, b).sum().backward();
        assertArrayEquals(new double[] {3, -4}, a.grad().toArray(), 1e-15);
        assertArrayEquals(new double[] {0, 0}, b.grad().toArray());
    }

    @Test
    void twoInputsGetTheirGradientsFromOneBackwardCall() {
        int[] calls = {0};
        Function product = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                ctx.saveForBackward(inputs[0], inputs[1]);
                return inputs[0].mul(inputs[1]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                calls[0]++;
                List<Tensor> saved = ctx.savedTensors();
                return new Tensor[] {gy.mul(saved.get(1)), gy.mul(saved.get(0))};
            }
        };
        Tensor a = leaf(1, 2);
        Tensor b = leaf(3, -4);
        product.apply(a, b).sum().backward();
        assertArrayEquals(new double[] {3, -4}, a.grad().toArray(), 1e-15);
        assertArrayEquals(new double[] {1, 2}, b.grad().toArray(), 1e-15);
        assertEquals(1, calls[0]);
    }

    @Test
    void aBroadcastGradientIsSummedBackToTheInputsShape() {
        Function addRow = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                return inputs[0].add(inputs[1]);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                return new Tensor[] {gy, gy};                                      // gy is [2, 3]; b is [3]
            }
        };
        Tensor a = Tensor.zeros(2, 3).requiresGrad(true);
        Tensor b = Tensor.zeros(3).requiresGrad(true);
        addRow.apply(a, b).backward(Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        assertArrayEquals(new double[] {5, 7, 9}, b.grad().toArray());
    }

    @Test
    void returningTheWrongNumberOfGradientsIsAStateErrorNamingTheFunction() {
        Tensor y = new OneGradientForTwoInputs().apply(leaf(1), leaf(2));
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("backward: OneGradientForTwoInputs returned 1 gradients for 2 inputs", e.getMessage());
    }

    @Test
    void returningNullIsAStateErrorNamingTheFunction() {
        Function nothing = new Function() {
            @Override
            public String name() {
                return "nothing";
            }

            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                return inputs[0];
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                return null;
            }
        };
        Tensor y = nothing.apply(leaf(1));
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("backward: nothing returned null for 1 inputs", e.getMessage());
    }

    @Test
    void anAnonymousFunctionIsNamedByItsClassInErrors() {
        Function unnamed = new Function() {
            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                return inputs[0].mul(2);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                return new Tensor[] {Tensor.ones(4)};
            }
        };
        Tensor y = unnamed.apply(leaf(1, 2, 3));
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().startsWith("backward: the rule of CustomFunctionTest$"), e.getMessage());
    }

    @Test
    void aGradientOfAShapeThatDoesNotFitTheInputIsAStateErrorNamingTheFunction() {
        Function wrongShape = new Function() {
            @Override
            public String name() {
                return "wrongShape";
            }

            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                return inputs[0].mul(2);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                return new Tensor[] {Tensor.ones(4)};
            }
        };
        Tensor y = wrongShape.apply(leaf(1, 2, 3));
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("backward: the rule of wrongShape for input 0 returned a gradient of shape [4] for an input of"
                + " shape [3]", e.getMessage());
    }

    @Test
    void forwardReturningNullIsAStateErrorNamingTheFunction() {
        Function none = new Function() {
            @Override
            public String name() {
                return "none";
            }

            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                return null;
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                return new Tensor[] {gy};
            }
        };
        var e = assertThrows(IllegalStateException.class, () -> none.apply(leaf(1)));
        assertEquals("none: forward returned null", e.getMessage());
    }

    @Test
    void aSavedInputModifiedInPlaceBeforeBackwardIsAStateErrorNamingTheFunctionAndVersions() {
        Tensor x = leaf(1, 2);
        Tensor y = new Cube().apply(x);
        try (var off = Autograd.noGrad()) {
            x.mulInPlace(2);
        }
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertTrue(e.getMessage().contains("Cube"), e.getMessage());
        assertTrue(e.getMessage().contains("version 0 when saved, 1 now"), e.getMessage());
    }

    @Test
    void aSavedNonInputTensorModifiedInPlaceBeforeBackwardIsAStateErrorNamingTheFunctionAndVersions() {
        Tensor scale = Tensor.of(new double[] {2, 3});
        Tensor x = leaf(1, 1);
        Tensor y = new ScaleBy(scale).apply(x);
        scale.fill(5);                                                            // scale requires no grad
        var e = assertThrows(IllegalStateException.class, () -> y.sum().backward());
        assertEquals("backward: saved tensor 0 of scaleBy was modified in place after the forward pass (version 0"
                + " when saved, 1 now)", e.getMessage());
    }

    @Test
    void contextValuesStoredInForwardAreReadInBackward() {
        Function scaled = new Function() {
            @Override
            public String name() {
                return "scaled";
            }

            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                ctx.put("factor", 2.5);
                return inputs[0].mul(2.5);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                double factor = ctx.get("factor");
                return new Tensor[] {gy.mul(factor)};
            }
        };
        Tensor x = leaf(1, 2);
        scaled.apply(x).sum().backward();
        assertArrayEquals(new double[] {2.5, 2.5}, x.grad().toArray());
    }

    @Test
    void readingAContextValueNeverStoredIsAnArgumentErrorNamingTheFunction() {
        Function forgetful = new Function() {
            @Override
            public String name() {
                return "forgetful";
            }

            @Override
            protected Tensor forward(Context ctx, Tensor... inputs) {
                return inputs[0].mul(2);
            }

            @Override
            protected Tensor[] backward(Context ctx, Tensor gy) {
                double factor = ctx.get("factor");
                return new Tensor[] {gy.mul(factor)};
            }
        };
        Tensor y = forgetful.apply(leaf(1));
        var e = assertThrows(IllegalArgumentException.class, () -> y.sum().backward());
        assertEquals("forgetful: nothing stored under 'factor'", e.getMessage());
    }

    @Test
    void theFunctionsNameAppearsInGraphExport() {
        Tensor x = leaf(1, 2);
        String dot = GraphExport.toDot(new ScaleBy(Tensor.of(new double[] {2, 3})).apply(new Cube().apply(x)).sum(),
                Map.of("x", x));
        assertTrue(dot.contains("label=\"scaleBy\\n[2]\""), dot);
        assertTrue(dot.contains("label=\"Cube\\n[2]\""), dot);
    }

    /**
     * Each backward pass runs the function's backward anew: a gradient computed by an earlier pass without
     * createGraph must not be reused by a later pass that records (else the second derivative is lost).
     */
    @Test
    void aLaterBackwardWithCreateGraphRecordsTheGradientEvenWithTheSameUpstreamTensor() {
        Tensor x = leaf(0.5, -2);
        Tensor y = new Cube().apply(x);
        Tensor v = Tensor.ones(2);
        Tensor plain = Autograd.grad(List.of(y), List.of(x), List.of(v), true, false).get(0);
        assertFalse(plain.requiresGrad());
        Tensor recorded = Autograd.grad(List.of(y), List.of(x), List.of(v), true, true).get(0);
        assertTrue(recorded.requiresGrad(), "the gradient of a createGraph pass must be differentiable");
        assertArrayEquals(new double[] {3, -12}, Autograd.grad(recorded.sum(), x).toArray(), 1e-12);   // 6x
    }
}
