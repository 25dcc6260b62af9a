package dev.chainrule.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;

/**
 * {@link GradCheck#locate} on random ten-layer networks: one layer applies a custom tanh {@link Function} whose
 * derivative is deliberately wrong, and locate must name that function and its position; with a correct custom
 * function it finds nothing.
 */
class LocateProperties {
    private static final int LAYERS = 10;
    private static final int BATCH = 2;

    /** The line number of the caller's statement. */
    private static int here() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }

    /** How the custom tanh's backward computes its derivative from the saved output y. */
    enum Derivative {
        CORRECT,              // 1 − y²
        ONE_MINUS_Y,          // 1 − y: a classic slip
        SCALED                // 1.5·(1 − y²)
    }

    /** tanh as a custom function, its backward written in Tensor ops on the saved output. */
    static final class CustomTanh extends Function {
        private final String name;
        private final Derivative derivative;

        CustomTanh(String name, Derivative derivative) {
            this.name = name;
            this.derivative = derivative;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            Tensor y = inputs[0].tanh();
            ctx.saveForBackward(y);
            return y;
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gy) {
            Tensor y = ctx.savedTensors().get(0);
            Tensor slope = switch (derivative) {
                case CORRECT -> y.mul(y).neg().add(1);
                case ONE_MINUS_Y -> y.neg().add(1);
                case SCALED -> y.mul(y).neg().add(1).mul(1.5);
            };
            return new Tensor[] {gy.mul(slope)};
        }
    }

    private static final Activation SOFTSIGN = Activation.of("softsign", x -> x / (1 + Math.abs(x)),
            x -> 1 / ((1 + Math.abs(x)) * (1 + Math.abs(x))));

    /**
     * A network h ← act_k(h·W_k) for k = 0..9: in forward (graph) order the matmul of layer k is op 2k and its
     * activation op 2k + 1. Inputs are x and the ten weights.
     *
     * @param inputs     x of shape [2, w0], then W_k of shape [w_k, w_{k+1}]
     * @param layers     each layer's activation
     * @param customAt   the layer using the custom function
     * @param customName its name
     * @param customLine the source line that applies it (the site locate must report)
     */
    record Network(Tensor[] inputs, List<UnaryOperator<Tensor>> layers, List<String> layerNames, int customAt,
                   String customName, int customLine) {
        Tensor apply(Tensor... xs) {
            Tensor h = xs[0];
            for (int k = 0; k < LAYERS; k++) h = layers.get(k).apply(h.matmul(xs[k + 1]));
            return h;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("network");
            for (int k = 0; k < LAYERS; k++) {
                out.append(' ').append(inputs[k + 1].shape()[0]).append("->").append(inputs[k + 1].shape()[1])
                   .append(':').append(layerNames.get(k));
            }
            return out.toString();
        }
    }

    static Network network(Random random, Derivative derivative) {
        int[] widths = new int[LAYERS + 1];
        for (int k = 0; k <= LAYERS; k++) widths[k] = 2 + random.nextInt(3);
        Tensor[] inputs = new Tensor[LAYERS + 1];
        inputs[0] = Tensor.randn(random, BATCH, widths[0]).requiresGrad(true);
        for (int k = 0; k < LAYERS; k++) {
            inputs[k + 1] = Tensor.randn(random, widths[k], widths[k + 1]).mul(1 / Math.sqrt(widths[k]))
                    .requiresGrad(true);
        }
        int customAt = random.nextInt(LAYERS);
        String customName = derivative == Derivative.CORRECT ? "customTanh" : "customTanhWith" + derivative;
        CustomTanh custom = new CustomTanh(customName, derivative);
        UnaryOperator<Tensor> customLayer = t -> custom.apply(t); int customLine = here();
        List<UnaryOperator<Tensor>> layers = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int k = 0; k < LAYERS; k++) {
            if (k == customAt) {
                layers.add(customLayer);
                names.add(customName);
                continue;
            }
            switch (random.nextInt(3)) {
                case 0 -> {
                    layers.add(Tensor::tanh);
                    names.add("tanh");
                }
                case 1 -> {
                    layers.add(Tensor::sigmoid);
                    names.add("sigmoid");
                }
                default -> {
                    layers.add(SOFTSIGN);
                    names.add("softsign");
                }
            }
        }
        return new Network(inputs, layers, names, customAt, customName, customLine);
    }

    /** A deliberately wrong derivative anywhere in the network is located at its op, by name and position. */
    @Property(tries = 50, seed = "42424242", shrinking = ShrinkingMode.OFF)
    void locateNamesTheCustomFunctionWithAWrongDerivative(@ForAll Random random, @ForAll boolean scaled) {
        Network net = network(random, scaled ? Derivative.SCALED : Derivative.ONE_MINUS_Y);
        Optional<GradCheck.Finding> finding = GradCheck.locate(net::apply, net.inputs());
        assertTrue(finding.isPresent(), net + ": nothing located");
        GradCheck.Finding found = finding.get();
        assertEquals(net.customName(), found.op(), net + ": " + found);
        assertEquals(2 * net.customAt() + 1, found.position(), net + ": " + found);
        assertFalse(found.report().passed());
        int width = net.inputs()[net.customAt() + 1].shape()[1];
        assertArrayEquals(new int[] {BATCH, width}, found.outputShape());
        assertEquals(1, found.inputShapes().size());
        assertArrayEquals(new int[] {BATCH, width}, found.inputShapes().get(0));
        assertTrue(found.site().endsWith("(LocateProperties.java:" + net.customLine() + ")"),
                found.site() + " should name line " + net.customLine());
    }

    /** The same random networks with the correct custom function: every rule agrees, nothing is located. */
    @Property(tries = 50, seed = "42424242", shrinking = ShrinkingMode.OFF)
    void locateFindsNothingWhenTheCustomFunctionIsCorrect(@ForAll Random random) {
        Network net = network(random, Derivative.CORRECT);
        Optional<GradCheck.Finding> finding = GradCheck.locate(net::apply, net.inputs());
        assertEquals(Optional.empty(), finding, net + " located " + finding.map(Object::toString).orElse(""));
        assertTrue(GradCheck.check(net::apply, net.inputs()).passed(), net + ": the whole network passes too");
    }

    @Example
    void theFindingNamesTheTestClassAndLineAndTheWholeCheckFailsToo() {
        Network net = network(new Random(3), Derivative.ONE_MINUS_Y);
        assertFalse(GradCheck.check(net::apply, net.inputs()).passed(), "the end-to-end check sees the error");
        GradCheck.Finding found = GradCheck.locate(net::apply, net.inputs()).orElseThrow();
        assertTrue(found.site().contains("LocateProperties"), found.site());
        assertTrue(found.site().endsWith("LocateProperties.java:" + net.customLine() + ")"), found.site());
        String text = found.toString();
        assertTrue(text.startsWith("op #" + (2 * net.customAt() + 1) + " customTanhWithONE_MINUS_Y (inputs [2, "),
                text);
        assertTrue(text.contains("created at " + found.site()), text);
    }

    @Example
    void locateLeavesTheCallersInputsUntouchedAndAnomalyModeOff() {
        Network net = network(new Random(4), Derivative.SCALED);
        double[] before = net.inputs()[1].toArray();
        GradCheck.locate(net::apply, net.inputs());
        assertArrayEquals(before, net.inputs()[1].toArray());
        assertTrue(net.inputs()[1].grad() == null);
        assertFalse(Autograd.isAnomalyDetectionEnabled());
    }

    @Example
    void aWrongDerivativeInTheFirstLayerIsOpOne() {
        Tensor x = Tensor.randn(new Random(8), 2, 3).requiresGrad(true);
        Tensor w = Tensor.randn(new Random(9), 3, 2).requiresGrad(true);
        CustomTanh wrong = new CustomTanh("wrongTanh", Derivative.ONE_MINUS_Y);
        GradCheck.Finding found = GradCheck.locate(xs -> wrong.apply(xs[0].matmul(xs[1])).sum(), x, w)
                .orElseThrow();
        assertEquals(1, found.position());
        assertEquals("wrongTanh", found.op());
    }
}
