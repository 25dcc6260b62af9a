package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The {@link OpCases} table against finite differences: every op's gradient, on random shapes (0-d scalars,
 * size-1 dimensions and broadcasting pairs included) and random values from its domain, matches GradCheck's
 * numeric Jacobian of the op's full, non-scalar output; and every public op of {@link Tensor}, and every public
 * function of {@link Convolution} and {@link Pooling}, has a line.
 */
class OpGradientProperties {

    /**
     * Shrinking is off: the table's lines are not ordered from simple to complex, so shrinking would swap the
     * failing op for another one rather than simplify the failure. The seed is fixed so that runs repeat.
     */
    @Property(tries = 200, seed = "20261126", shrinking = ShrinkingMode.OFF)
    void gradientsMatchFiniteDifferences(@ForAll("opCases") OpCase op, @ForAll Random random) {
        op.sample(random).assertGradientsMatch();
    }

    @Provide
    Arbitrary<OpCase> opCases() {
        return Arbitraries.of(OpCases.ALL);
    }

    /**
     * The window ops (convolution, unfold/fold, pooling) have many more geometries than one draw in the table's
     * share of the property above can reach (stride, padding, "same", dilation, groups, countIncludePad), so they
     * get tries of their own.
     */
    @Property(tries = 1000, seed = "20261203", shrinking = ShrinkingMode.OFF)
    void windowOpGradientsMatchFiniteDifferencesOverManyGeometries(@ForAll("windowOpCases") OpCase op,
                                                                    @ForAll Random random) {
        op.sample(random).assertGradientsMatch();
    }

    @Provide
    Arbitrary<OpCase> windowOpCases() {
        return Arbitraries.of(OpCases.ALL.stream()
                .filter(op -> op.methods().stream().anyMatch(m -> m.startsWith("Convolution.") || m.startsWith("Pooling.")))
                .toList());
    }

    /**
     * Tiling, sorting, norms and scatter-add (repeat, sort, topk, norm, scatterAdd, indexSelect with an index tensor)
     * get tries of their own: their share of the property above would leave most axes, k and p unchecked.
     */
    @Property(tries = 300, seed = "20261205", shrinking = ShrinkingMode.OFF)
    void sortTopkNormRepeatAndScatterAddGradientsMatchFiniteDifferences(@ForAll("selectionOpCases") OpCase op,
                                                                         @ForAll Random random) {
        op.sample(random).assertGradientsMatch();
    }

    @Provide
    Arbitrary<OpCase> selectionOpCases() {
        List<String> prefixes = List.of("repeat(", "sort(", "topk(", "norm(", "scatterAdd(", "indexSelect(int,Tensor)");
        return Arbitraries.of(OpCases.ALL.stream()
                .filter(op -> op.methods().stream().anyMatch(m -> prefixes.stream().anyMatch(m::startsWith)))
                .toList());
    }

    /** Random draws may skip a line; this sweep runs every line on two fixed draws so none goes unchecked. */
    @Example
    void everyLineOfTheTableMatchesFiniteDifferencesOnFixedDraws() {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < OpCases.ALL.size(); i++) {
            OpCase op = OpCases.ALL.get(i);
            for (int draw = 0; draw < 2; draw++) {
                try {
                    op.sample(new Random(1000L * i + draw)).assertGradientsMatch();
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures:\n" + String.join("\n", failures));
    }

    @Example
    void everyPublicTensorMethodReturningATensorHasAnOpCaseOrIsExcluded() {
        Set<String> covered = new TreeSet<>(OpCases.NOT_OPS);
        for (OpCase op : OpCases.ALL) covered.addAll(op.methods());
        List<String> missing = tensorOps().stream().filter(m -> !covered.contains(m)).collect(Collectors.toList());
        assertTrue(missing.isEmpty(), "Tensor methods with no OpCases line and not in OpCases.NOT_OPS: " + missing
                + ". Add a line to OpCases (or, for a method that is not a differentiable op, an entry in NOT_OPS)");
    }

    @Example
    void everyPublicConvolutionAndPoolingFunctionReturningATensorHasAnOpCase() {
        Set<String> covered = new TreeSet<>();
        for (OpCase op : OpCases.ALL) covered.addAll(op.methods());
        List<String> missing = functionOps().stream().filter(m -> !covered.contains(m)).collect(Collectors.toList());
        assertTrue(missing.isEmpty(), "Convolution and Pooling functions with no OpCases line: " + missing
                + ". Add a line to OpCases naming the method with its class, e.g. \"Pooling.maxPool2d(Tensor,Options)\"");
    }

    /** The completeness check above must see the functions: a class with no public op would pass vacuously. */
    @Example
    void theFunctionClassesExposeTheirOpsToTheCompletenessCheck() {
        List<String> functions = functionOps();
        assertTrue(functions.contains("Convolution.conv2d(Tensor,Tensor,Tensor,Options)"), functions.toString());
        assertTrue(functions.contains("Pooling.adaptiveAvgPool2d(Tensor,int[])"), functions.toString());
        assertTrue(functions.stream().noneMatch(m -> m.contains("Options.")), functions.toString());
    }

    @Example
    void everyMethodTheTableNamesExists() {
        Set<String> methods = new TreeSet<>(tensorOps());
        methods.addAll(functionOps());
        List<String> unknown = new ArrayList<>();
        for (String m : OpCases.NOT_OPS) if (!methods.contains(m)) unknown.add(m);
        for (OpCase op : OpCases.ALL) for (String m : op.methods()) if (!methods.contains(m)) unknown.add(op + ": " + m);
        assertTrue(unknown.isEmpty(), "OpCases names methods that Tensor, Convolution and Pooling do not have: "
                + unknown);
    }

    /** The property's 0-d draws only test 0-d ops if GradCheck hands the function 0-d tensors. */
    @Example
    void gradCheckPassesInputsToTheFunctionInTheirOwnShape() {
        List<String> seen = new ArrayList<>();
        GradCheck.check(xs -> {
            seen.add(Arrays.toString(xs[0].shape()) + " " + Arrays.toString(xs[1].shape()));
            return xs[0].mul(xs[1]);
        }, Tensor.scalar(2).requiresGrad(true), Tensor.of(new double[] {1, 2}, 2, 1).requiresGrad(true));
        assertEquals("[] [2, 1]", seen.get(0));
    }

    /** A view op's output shares storage with its input; GradCheck must not read it after perturbing the input. */
    @Example
    void gradCheckPassesTheIdentityAndViewsOfTheInput() {
        Tensor x = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3).requiresGrad(true);
        assertTrue(GradCheck.check(xs -> xs[0], x).passed(), "identity");
        GradCheck.Report reshape = GradCheck.check(xs -> xs[0].reshape(3, 2), x);
        assertTrue(reshape.passed(), "reshape: " + reshape);
    }

    /**
     * The table's shape generators keep draws small, so that the property stays fast: at most 81 input elements
     * (3⁴, transpose's largest rank-4 draw) and 100 output elements.
     */
    @Example
    void drawsAreSmall() {
        Random random = new Random(7);
        for (OpCase op : OpCases.ALL) {
            for (int i = 0; i < 20; i++) {
                OpCase.Sample sample = op.sample(random);
                for (Tensor x : sample.inputs()) {
                    assertTrue(x.numel() <= 81, op + " drew an input of shape " + Arrays.toString(x.shape()));
                }
                Tensor y = sample.function().apply(sample.inputs());
                assertTrue(y.numel() <= 100, op + " drew an output of shape " + Arrays.toString(y.shape()));
            }
        }
        assertArrayEquals(new int[0], OpCase.tensor(new double[] {3}, new int[0]).shape());
    }

    /**
     * Public methods of {@code Tensor} (instance and static) that return a tensor (or values with indices, as sort
     * and topk do), as {@code name(ParamTypes)}.
     */
    private static List<String> tensorOps() {
        return publicOps(Tensor.class, "");
    }

    /**
     * Public static methods of {@code Convolution}, {@code Pooling} and {@code Normalization} that return a tensor, as
     * {@code Class.name(ParamTypes)}: the class keeps them apart from {@code Tensor}'s methods of the same name.
     */
    private static List<String> functionOps() {
        List<String> result = new ArrayList<>();
        for (Class<?> type : List.of(Convolution.class, Pooling.class, Normalization.class)) {
            result.addAll(publicOps(type, type.getSimpleName() + "."));
        }
        return result;
    }

    private static List<String> publicOps(Class<?> type, String prefix) {
        List<String> result = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            boolean returnsTensors = m.getReturnType() == Tensor.class || m.getReturnType() == Tensor.ValuesAndIndices.class;
            if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || !returnsTensors) continue;
            String params = Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName)
                    .collect(Collectors.joining(","));
            result.add(prefix + m.getName() + "(" + params + ")");
        }
        result.sort(null);
        return result;
    }
}
