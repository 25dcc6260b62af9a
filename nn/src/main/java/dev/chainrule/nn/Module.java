package dev.chainrule.nn;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A building block of a network: a function of one tensor with named parameters and named sub-modules,
 * registered explicitly in the constructor (no reflection), in the order that names, checkpoints and
 * {@link #toString()} use.
 *
 * <pre>{@code
 * final class TwoLayer extends Module {
 *     private final Linear hidden = registerModule("hidden", new Linear(1024, 500, new Random(0)));
 *     private final Linear output = registerModule("output", new Linear(500, 10, new Random(1)));
 *
 *     @Override
 *     public Tensor forward(Tensor x) {
 *         return output.forward(hidden.forward(x).sigmoid());
 *     }
 * }
 * new TwoLayer().namedParameters().keySet();   // [hidden.weight, hidden.bias, output.weight, output.bias]
 * }</pre>
 */
public abstract class Module {
    private final LinkedHashMap<String, Tensor> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes this module's output. */
    public abstract Tensor forward(Tensor input);

    /** Registers {@code value} as a parameter (it is marked to require grad) and returns it. */
    protected final Tensor registerParameter(String name, Tensor value) {
        checkName(name);
        value.requiresGrad(true);
        parameters.put(name, value);
        return value;
    }

    /** Registers a sub-module under {@code name} and returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        if (module == this) throw new IllegalArgumentException("registerModule: a module cannot contain itself");
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("register: invalid name '" + name + "'; names are non-empty, without dots");
        }
        if (parameters.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException("register: the name '" + name + "' is already used in "
                    + getClass().getSimpleName());
        }
    }

    /** Every parameter of this module and its sub-modules, in registration order. */
    public final List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Every parameter by dotted name ({@code hidden.weight}), in registration order. */
    public final LinkedHashMap<String, Tensor> namedParameters() {
        LinkedHashMap<String, Tensor> result = new LinkedHashMap<>();
        collect("", result);
        return result;
    }

    private void collect(String prefix, Map<String, Tensor> into) {
        parameters.forEach((name, p) -> into.put(prefix + name, p));
        children.forEach((name, child) -> child.collect(prefix + name + ".", into));
    }

    /** The direct sub-modules by name, in registration order. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** The total number of parameter elements (weights and biases). */
    public final long numParameters() {
        long n = 0;
        for (Tensor p : parameters()) n += p.numel();
        return n;
    }

    /** Switches this module and its sub-modules to training mode (e.g. dropout active). Returns this. */
    public Module train() {
        return setTraining(true);
    }

    /** Switches this module and its sub-modules to evaluation mode (e.g. dropout off). Returns this. */
    public Module eval() {
        return setTraining(false);
    }

    private Module setTraining(boolean value) {
        training = value;
        children.values().forEach(child -> child.setTraining(value));
        return this;
    }

    /** Whether this module is in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter. */
    public final void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    /** The parameters by dotted name: what a checkpoint saves. The tensors are the live parameters. */
    public final LinkedHashMap<String, Tensor> stateDict() {
        return namedParameters();
    }

    /**
     * Copies values into this module's parameters, without recording a graph. All or none: every name and shape
     * is checked before any value is copied.
     *
     * @throws IllegalArgumentException naming every missing or unexpected name, or a shape that differs
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        LinkedHashMap<String, Tensor> own = namedParameters();
        List<String> missing = new ArrayList<>();
        for (String name : own.keySet()) if (!state.containsKey(name)) missing.add(name);
        List<String> unexpected = new ArrayList<>();
        for (String name : state.keySet()) if (!own.containsKey(name)) unexpected.add(name);
        if (!missing.isEmpty() || !unexpected.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: missing " + missing + ", unexpected " + unexpected);
        }
        for (var entry : own.entrySet()) {
            Tensor source = state.get(entry.getKey());
            if (!Arrays.equals(source.shape(), entry.getValue().shape())) {
                throw new IllegalArgumentException("loadStateDict: parameter " + entry.getKey() + " has shape "
                        + Arrays.toString(source.shape()) + " but the module expects "
                        + Arrays.toString(entry.getValue().shape()));
            }
        }
        try (var off = Autograd.noGrad()) {
            own.forEach((name, p) -> p.copyFrom(state.get(name)));
        }
    }

    /** A one-line description of this module alone, e.g. {@code Linear(in=1024, out=500, bias=true)}. */
    protected String describe() {
        return getClass().getSimpleName() + "()";
    }

    /** The module tree with parameter shapes, like PyTorch prints it. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        print(out, "");
        return out.toString();
    }

    private void print(StringBuilder out, String indent) {
        String self = describe();
        if (children.isEmpty()) {
            out.append(self);
            return;
        }
        out.append(self.endsWith("()") ? self.substring(0, self.length() - 1) : self + "(").append('\n');
        for (var entry : children.entrySet()) {
            out.append(indent).append("  (").append(entry.getKey()).append("): ");
            entry.getValue().print(out, indent + "  ");
            out.append('\n');
        }
        out.append(indent).append(')');
    }
}
