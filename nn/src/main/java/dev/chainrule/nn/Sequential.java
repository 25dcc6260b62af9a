package dev.chainrule.nn;

import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Modules applied one after another: {@code y = fₙ(…f₂(f₁(x)))}. The children are named {@code "0"},
 * {@code "1"}, … so parameters are named {@code 0.weight}, {@code 2.bias}, … as in PyTorch.
 *
 * <pre>{@code
 * Sequential net = new Sequential(new Linear(1024, 500, new Random(0)), new Sigmoid(),
 *         new Linear(500, 10, new Random(1)));
 * net.numParameters();     // 1024·500 + 500 + 500·10 + 10 = 517,510
 * }</pre>
 */
public final class Sequential extends Module {
    private final List<Module> layers = new ArrayList<>();

    /** A chain of {@code modules}, in order. */
    public Sequential(Module... modules) {
        for (Module module : modules) add(module);
    }

    /** Appends {@code module} under the next index name. Returns this. */
    public Sequential add(Module module) {
        if (module == null) throw new IllegalArgumentException("Sequential: module " + layers.size() + " is null");
        layers.add(registerModule(Integer.toString(layers.size()), module));
        return this;
    }

    /** The module at {@code index}. */
    public Module get(int index) {
        if (index < 0 || index >= layers.size()) {
            throw new IllegalArgumentException("Sequential.get: index " + index + " is out of range [0, "
                    + layers.size() + ")");
        }
        return layers.get(index);
    }

    /** The number of modules. */
    public int size() {
        return layers.size();
    }

    @Override
    public Tensor forward(Tensor input) {
        Tensor x = input;
        for (Module layer : layers) {
            x = layer.forward(x);
            if (!(layer instanceof Sequential)) ModuleSummary.recordOutput(layer, x);   // a Sequential records itself
        }
        ModuleSummary.recordOutput(this, x);
        return x;
    }
}
