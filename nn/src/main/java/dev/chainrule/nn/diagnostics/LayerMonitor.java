package dev.chainrule.nn.diagnostics;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.Sequential;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.train.LossFunction;
import dev.chainrule.nn.train.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Sees inside a network while it trains: per layer, the norm of each parameter's gradient, the mean, standard
 * deviation and saturated fraction of the layer's output, and the norm of the gradient flowing back into that
 * output. It observes the model without changing it.
 *
 * <p>Layers: a {@link Sequential} is walked down to its leaves (nested {@code Sequential}s included), each leaf
 * module one layer named by its path ({@code "0"}, {@code "1"}, … as in parameter names); any other model is one
 * layer. {@link #forward} runs the model exactly as {@code Sequential.forward} does, child after child, and
 * records each child's output on the way; a hook on each output records the gradient that reaches it in the
 * next backward pass. Saturation is counted for modules whose printed name has a {@link SaturationRule}
 * (sigmoid, tanh, relu and gelu built in; {@link #saturation} adds more); for the others it is NaN.
 *
 * <p>In your own loop, three lines:
 * <pre>{@code
 * LayerMonitor monitor = LayerMonitor.of(model);
 * Tensor loss = Losses.crossEntropy(monitor.forward(batch.features()), batch.labels());  // not model.forward
 * loss.backward();
 * System.out.println(monitor.snapshot());      // before zeroGrad: gradients are read from grad()
 * }</pre>
 * With {@link dev.chainrule.nn.train.Trainer}, probe a fixed batch after every epoch:
 * <pre>{@code
 * trainer.listener(monitor.probeEachEpoch(probeBatch, LossFunction.ofLabels(Losses::crossEntropy)));
 * monitor.history();                           // one Snapshot per epoch
 * }</pre>
 */
public final class LayerMonitor {
    private final Module model;
    private final List<Layer> layers = new ArrayList<>();
    private final Map<String, SaturationRule> rules = new LinkedHashMap<>(SaturationRule.defaults());
    private final List<Snapshot> history = new ArrayList<>();
    private Pass pass;

    /** One leaf module: its path, its one-line description and its parameters by name. */
    private record Layer(String name, String description, LinkedHashMap<String, Tensor> parameters) {}

    /** What one forward pass recorded; hooks write the output gradients into it during the backward pass. */
    private record Pass(ActivationStats[] outputs, double[] outputGradientNorms) {
        Pass(int layers) {
            this(new ActivationStats[layers], filledWithNaN(layers));
        }

        private static double[] filledWithNaN(int n) {
            double[] values = new double[n];
            Arrays.fill(values, Double.NaN);
            return values;
        }
    }

    private LayerMonitor(Module model) {
        this.model = model;
        collect(model, "");
    }

    /** A monitor of {@code model}. */
    public static LayerMonitor of(Module model) {
        return new LayerMonitor(Objects.requireNonNull(model, "LayerMonitor.of: model"));
    }

    private void collect(Module module, String path) {
        if (module instanceof Sequential sequential) {
            for (int i = 0; i < sequential.size(); i++) {
                collect(sequential.get(i), path.isEmpty() ? Integer.toString(i) : path + "." + i);
            }
        } else {
            layers.add(new Layer(path, oneLine(module), module.namedParameters()));
        }
    }

    /** A module's first printed line: {@code Linear(in=64, out=32, bias=true)}, or {@code TwoLayer} for a tree. */
    private static String oneLine(Module module) {
        String first = module.toString().lines().findFirst().orElse("");
        return first.endsWith("(") ? first.substring(0, first.length() - 1) : first;
    }

    /**
     * Counts an output of modules named {@code activation} as saturated where {@code rule} says so, replacing a
     * built-in rule of that name. Names are compared as {@link SaturationRule#normalise} writes them, so
     * {@code "swish"} matches {@code new Lambda("Swish", ...)}. Returns this monitor.
     */
    public LayerMonitor saturation(String activation, SaturationRule rule) {
        Objects.requireNonNull(activation, "LayerMonitor.saturation: activation");
        rules.put(SaturationRule.normalise(activation), Objects.requireNonNull(rule, "LayerMonitor.saturation: rule"));
        return this;
    }

    /** The layer paths, in forward order. */
    public List<String> layerNames() {
        return layers.stream().map(Layer::name).toList();
    }

    /**
     * Runs the model on {@code input} (the same result as {@code model.forward(input)}) and records every
     * layer's output statistics; when recording a graph, also hooks each output to record its gradient in the
     * next backward pass.
     */
    public Tensor forward(Tensor input) {
        Pass current = new Pass(layers.size());
        pass = current;
        int[] next = {0};
        return run(model, input, current, next);
    }

    // Note [Same order as Sequential.forward]: collect() and run() walk the tree in the same order, so the k-th
    // module run is layers.get(k).
    private Tensor run(Module module, Tensor x, Pass current, int[] next) {
        if (module instanceof Sequential sequential) {
            for (int i = 0; i < sequential.size(); i++) x = run(sequential.get(i), x, current, next);
            return x;
        }
        int k = next[0]++;
        Tensor y = module.forward(x);
        SaturationRule rule = rules.get(SaturationRule.normalise(layers.get(k).description()));
        boolean elementWise = Arrays.equals(x.shape(), y.shape());
        current.outputs()[k] = ActivationStats.of(elementWise ? x : null, y, elementWise ? rule : null);
        if (y.requiresGrad() && Autograd.isGradEnabled()) {
            y.registerHook(g -> {
                current.outputGradientNorms()[k] = norm(g);
                return null;
            });
        }
        return y;
    }

    /**
     * The statistics now: every parameter's gradient norm read from its {@code grad()} (call it after
     * {@code backward()} and before {@code zeroGrad()}; an optimizer's {@code step()} leaves the gradients in
     * place), and the output statistics and output gradients of the last {@link #forward} (null and NaN when
     * there was none). A {@link #probe} in between counts as the last forward: the snapshot would then pair the
     * training batch's parameter gradients with the probe batch's outputs, so take it before probing.
     */
    public Snapshot snapshot() {
        return build(pass, Tensor::grad);
    }

    /**
     * Measures the model on one batch without touching any parameter's {@code grad()}: a recorded forward
     * pass, the loss, and its gradients computed by {@link Autograd#grad} (even inside a no-grad scope). The
     * model's training mode is used as it is. Returns the statistics.
     */
    public Snapshot probe(Batch batch, LossFunction loss) {
        try (var on = Autograd.enableGrad()) {
            Tensor value = loss.compute(forward(batch.features()), batch);
            List<Tensor> parameters = new ArrayList<>();
            for (Layer layer : layers) {
                for (Tensor p : layer.parameters().values()) if (p.requiresGrad()) parameters.add(p);
            }
            Map<Tensor, Tensor> gradients = new IdentityHashMap<>();
            if (value.requiresGrad()) {
                List<Tensor> computed = Autograd.grad(List.of(value), parameters, null, false, false);
                for (int i = 0; i < parameters.size(); i++) gradients.put(parameters.get(i), computed.get(i));
            }
            return build(pass, gradients::get);
        }
    }

    /**
     * A listener that {@linkplain #probe probes} {@code batch} after every epoch and appends the result to
     * {@link #history()}.
     */
    public TrainingListener probeEachEpoch(Batch batch, LossFunction loss) {
        Objects.requireNonNull(batch, "LayerMonitor.probeEachEpoch: batch");
        Objects.requireNonNull(loss, "LayerMonitor.probeEachEpoch: loss");
        return result -> history.add(probe(batch, loss));
    }

    /** The snapshots recorded by {@link #probeEachEpoch} listeners, oldest first. */
    public List<Snapshot> history() {
        return List.copyOf(history);
    }

    private Snapshot build(Pass recorded, UnaryOperator<Tensor> gradientOf) {
        List<LayerStats> stats = new ArrayList<>(layers.size());
        for (int k = 0; k < layers.size(); k++) {
            Layer layer = layers.get(k);
            LinkedHashMap<String, Double> norms = new LinkedHashMap<>();
            layer.parameters().forEach((name, p) -> {
                Tensor g = gradientOf.apply(p);
                norms.put(name, g == null ? Double.NaN : norm(g));
            });
            stats.add(new LayerStats(layer.name(), layer.description(), norms,
                    recorded == null ? null : recorded.outputs()[k],
                    recorded == null ? Double.NaN : recorded.outputGradientNorms()[k]));
        }
        return new Snapshot(stats);
    }

    private static double norm(Tensor t) {
        double squares = 0;
        for (double v : t.toArray()) squares += v * v;
        return Math.sqrt(squares);
    }
}
