package dev.chainrule.nn;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Function;
import dev.chainrule.autograd.GradCheck;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@link GradCheck} through a layer with respect to its input and every parameter. GradCheck differentiates a
 * function of the tensors it is given, but a layer owns its parameters; so the checked function builds a fresh layer
 * with {@code newLayer}, copies GradCheck's values into its parameters (in {@link Module#parameters()} order) and
 * runs {@code forward}, and a custom {@link Function} hands the layer's own gradients back to GradCheck. A fresh layer
 * per call keeps each recorded graph apart from the values of later calls (finite differences, BatchNorm's updates).
 *
 * <pre>{@code
 * GradCheckThroughLayer.assertPasses(() -> new Conv2d(2, 3, 3, new Random(0)), Tensor.randn(new Random(0), 1, 2, 5, 5));
 * }</pre>
 */
public final class GradCheckThroughLayer {
    private GradCheckThroughLayer() {}

    /** Checks the derivatives of {@code newLayer.get().forward(input)} with respect to the input and the parameters. */
    public static GradCheck.Report assertPasses(Supplier<? extends Module> newLayer, Tensor input) {
        Module prototype = newLayer.get();
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(input.detach().requiresGrad(true));
        List<String> names = new ArrayList<>(List.of("input"));
        prototype.namedParameters().forEach((name, p) -> {
            inputs.add(p.detach().requiresGrad(true));
            names.add(name);
        });
        GradCheck.Report report = GradCheck.check(xs -> new LayerAsFunction(newLayer).apply(xs),
                inputs.toArray(new Tensor[0]));
        if (!report.passed()) throw new AssertionError(prototype + " with inputs " + names + ": " + report);
        return report;
    }

    /** Inputs (x, parameters...) to the output of a fresh layer holding those parameters. */
    private static final class LayerAsFunction extends Function {
        private final Supplier<? extends Module> newLayer;

        LayerAsFunction(Supplier<? extends Module> newLayer) {
            this.newLayer = newLayer;
        }

        @Override
        protected Tensor forward(Context ctx, Tensor... inputs) {
            Module layer = newLayer.get();
            List<Tensor> leaves = new ArrayList<>();
            leaves.add(Tensor.of(inputs[0].toArray(), inputs[0].shape()).requiresGrad(true));
            List<Tensor> parameters = layer.parameters();
            for (int i = 0; i < parameters.size(); i++) parameters.get(i).copyFrom(inputs[i + 1]);
            leaves.addAll(parameters);
            try (var on = Autograd.enableGrad()) {
                Tensor y = layer.forward(leaves.get(0));
                ctx.put("y", y);
                ctx.put("leaves", leaves);
                return y.detach();
            }
        }

        @Override
        protected Tensor[] backward(Context ctx, Tensor gy) {
            Tensor y = ctx.get("y");
            List<Tensor> leaves = ctx.get("leaves");
            return Autograd.grad(List.of(y), leaves, List.of(gy), true, false).toArray(new Tensor[0]);
        }

        @Override
        public String name() {
            return "LayerAsFunction";
        }
    }
}
