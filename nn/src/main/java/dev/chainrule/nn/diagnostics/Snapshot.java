package dev.chainrule.nn.diagnostics;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-layer statistics of one moment of training, in forward order. {@link #toString()} prints them as a table:
 * <pre>
 * layer  module                             gradient norm              output mean   std     saturated  output grad
 * 0      Linear(in=64, out=32, bias=true)   weight 1.2e-03 bias 3.1e-04    0.0213   0.9981        -        3.0e-03
 * 1      Sigmoid()                          -                              0.5043   0.1987     6.3%       1.1e-02
 * </pre>
 *
 * @param layers one entry per layer, in the order the forward pass runs them
 */
public record Snapshot(List<LayerStats> layers) {
    /** Copies {@code layers}. */
    public Snapshot {
        layers = List.copyOf(layers);
    }

    /**
     * The layer at path {@code name} ({@code "0"}, {@code "2"}).
     *
     * @throws IllegalArgumentException when there is none, listing the names there are
     */
    public LayerStats layer(String name) {
        for (LayerStats layer : layers) if (layer.name().equals(name)) return layer;
        throw new IllegalArgumentException("Snapshot.layer: no layer '" + name + "'; the layers are "
                + layers.stream().map(LayerStats::name).toList());
    }

    /** The layers that have parameters (the Linear layers of an MLP), in forward order. */
    public List<LayerStats> parameterLayers() {
        return layers.stream().filter(LayerStats::hasParameters).toList();
    }

    /**
     * The gradient norm of {@code parameter} in each layer that has one, in forward order: for an MLP,
     * {@code gradientNorms("weight")} is the weight gradient's norm from the first layer to the last.
     */
    public double[] gradientNorms(String parameter) {
        return layers.stream().filter(l -> l.gradientNorms().containsKey(parameter))
                .mapToDouble(l -> l.gradientNorm(parameter)).toArray();
    }

    @Override
    public String toString() {
        int moduleWidth = Math.max(6, layers.stream().mapToInt(l -> l.module().length()).max().orElse(0));
        int normsWidth = Math.max(13, layers.stream().mapToInt(l -> norms(l).length()).max().orElse(0));
        String format = "%-6s %-" + moduleWidth + "s  %-" + normsWidth + "s %12s %9s %10s %12s";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, format, "layer", "module", "gradient norm",
                "output mean", "std", "saturated", "output grad"));
        for (LayerStats layer : layers) {
            ActivationStats a = layer.output();
            out.append('\n').append(String.format(Locale.ROOT, format, layer.name().isEmpty() ? "-" : layer.name(),
                    layer.module(), norms(layer), a == null ? "-" : String.format(Locale.ROOT, "%.4f", a.mean()),
                    a == null ? "-" : String.format(Locale.ROOT, "%.4f", a.standardDeviation()),
                    a == null || Double.isNaN(a.saturatedFraction()) ? "-"
                            : String.format(Locale.ROOT, "%.1f%%", 100 * a.saturatedFraction()),
                    Double.isNaN(layer.outputGradientNorm()) ? "-"
                            : String.format(Locale.ROOT, "%.2e", layer.outputGradientNorm())));
        }
        return out.toString();
    }

    private static String norms(LayerStats layer) {
        if (layer.gradientNorms().isEmpty()) return "-";
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, Double> entry : layer.gradientNorms().entrySet()) {
            if (text.length() > 0) text.append(' ');
            text.append(entry.getKey()).append(' ').append(String.format(Locale.ROOT, "%.2e", entry.getValue()));
        }
        return text.toString();
    }
}
