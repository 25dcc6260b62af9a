package dev.chainrule.nn;

import dev.chainrule.autograd.Autograd;
import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.BiConsumer;

/**
 * A building block of a network: a function of one tensor with named parameters, buffers and sub-modules,
 * registered explicitly in the constructor (no reflection), in the order that names, checkpoints and
 * {@link #toString()} use.
 *
 * <p>Parameters are trained: they require grad and the optimizers see them through {@link #parameters()}.
 * Buffers are state the module updates itself and nobody trains, as PyTorch's {@code register_buffer}: BatchNorm's
 * running mean and variance and its count of batches. A buffer never requires grad and is not in
 * {@link #parameters()}, but it is in {@link #stateDict()}, so checkpoints save and load it. A layer updates its
 * buffers in place (e.g. {@code runningMean.mulInPlace(0.9).addInPlace(batchMean, 0.1)} under
 * {@code Autograd.noGrad()}), so the registered tensor stays the live one.
 *
 * <p>Outside {@code dev.chainrule.nn}, import this class by name ({@code import dev.chainrule.nn.Module;}):
 * under {@code import dev.chainrule.nn.*;} the name {@code Module} is ambiguous with {@code java.lang.Module}.
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
 *
 * <h2>Printing and summaries</h2>
 * {@link #toString()} prints the module tree, one line per module, as PyTorch does. Each line is the module's
 * {@link #describe()}: by default its class name and the shapes of its own parameters, e.g.
 * {@code Scale(gain=[4], shift=[4])}, or {@code TwoLayer()} when it has none of its own; a layer overrides
 * {@code describe()} to show its arguments instead, as {@code Linear(in=1024, out=500, bias=true)}.
 * {@link #summary(int...)} runs one forward pass on zeros and tabulates each module's output shape and parameter
 * count (see {@link ModuleSummary}).
 */
public abstract class Module {
    private final LinkedHashMap<String, Tensor> parameters = new LinkedHashMap<>();
    private final LinkedHashMap<String, Tensor> buffers = new LinkedHashMap<>();
    /** The names of the buffers that hold whole numbers, which checkpoints store as I64. */
    private final LinkedHashSet<String> integerBuffers = new LinkedHashSet<>();
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

    /**
     * Registers {@code value} as a buffer holding real numbers (for example a running mean) and returns it: see the
     * class documentation. Same as {@code registerBuffer(name, value, false)}.
     */
    protected final Tensor registerBuffer(String name, Tensor value) {
        return registerBuffer(name, value, false);
    }

    /**
     * Registers {@code value} as a buffer and returns it: state in {@link #stateDict()} and {@link #namedBuffers()},
     * never in {@link #parameters()}. With {@code integer}, the buffer holds whole numbers (a count, as BatchNorm's
     * {@code num_batches_tracked}): its values stay doubles here, and checkpoints store it as I64, the type PyTorch
     * gives it (see {@link #integerBufferNames()}); saving refuses a value that is not a whole number in
     * [-2^53, 2^53].
     *
     * <pre>{@code
     * runningMean = registerBuffer("running_mean", Tensor.zeros(features));
     * numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0), true);
     * }</pre>
     *
     * @throws IllegalArgumentException when the name is invalid or taken, or {@code value} requires grad
     */
    protected final Tensor registerBuffer(String name, Tensor value, boolean integer) {
        checkName(name);
        if (value.requiresGrad()) {
            throw new IllegalArgumentException("registerBuffer: buffer '" + name + "' requires grad; a buffer is not "
                    + "trained: register a tensor that does not require grad, or use registerParameter");
        }
        buffers.put(name, value);
        if (integer) integerBuffers.add(name);
        return value;
    }

    /** Registers a sub-module under {@code name} and returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        checkName(name);
        if (module == this) throw new IllegalArgumentException("registerModule: a module cannot contain itself");
        children.put(name, module);
        return module;
    }

    /**
     * Puts {@code module} in place of the sub-module registered as {@code name}, keeping its position, for
     * {@link ModuleDict}'s replacing {@code put}.
     */
    final void replaceModule(String name, Module module) {
        if (!children.containsKey(name)) throw new IllegalStateException("replaceModule: no sub-module '" + name + "'");
        if (module == this) throw new IllegalArgumentException("registerModule: a module cannot contain itself");
        children.put(name, module);
    }

    private void checkName(String name) {
        if (name == null || name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException("register: invalid name '" + name + "'; names are non-empty, without dots");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
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
        visit("", (prefix, module) -> module.parameters.forEach((name, p) -> result.put(prefix + name, p)));
        return result;
    }

    /** Every buffer of this module and its sub-modules, in registration order. The tensors are the live buffers. */
    public final List<Tensor> buffers() {
        return new ArrayList<>(namedBuffers().values());
    }

    /** Every buffer by dotted name ({@code bn.running_mean}), in registration order. */
    public final LinkedHashMap<String, Tensor> namedBuffers() {
        LinkedHashMap<String, Tensor> result = new LinkedHashMap<>();
        visit("", (prefix, module) -> module.buffers.forEach((name, b) -> result.put(prefix + name, b)));
        return result;
    }

    /**
     * The dotted names of the buffers registered as integer ({@link #registerBuffer(String, Tensor, boolean)}), in
     * {@link #stateDict()} order: the entries a checkpoint writes as I64, e.g. {@code [bn.num_batches_tracked]}.
     */
    public final LinkedHashSet<String> integerBufferNames() {
        LinkedHashSet<String> result = new LinkedHashSet<>();
        visit("", (prefix, module) -> module.integerBuffers.forEach(name -> result.add(prefix + name)));
        return result;
    }

    /** Calls {@code visitor} with each module of the tree and its name prefix, a module before its sub-modules. */
    private void visit(String prefix, BiConsumer<String, Module> visitor) {
        visitor.accept(prefix, this);
        children.forEach((name, child) -> child.visit(prefix + name + ".", visitor));
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

    /**
     * Switches this module and its sub-modules to evaluation mode until the returned scope closes, which gives each
     * module back the mode it had (so a sub-module kept in evaluation mode inside a training network stays so).
     *
     * <pre>{@code
     * try (var evaluating = model.evaluating(); var off = Autograd.noGrad()) {
     *     accuracy = Metrics.accuracy(model.forward(test.features()), test.labels());
     * }
     * }</pre>
     */
    public final EvaluationScope evaluating() {
        IdentityHashMap<Module, Boolean> modes = new IdentityHashMap<>();
        visit("", (prefix, module) -> modes.put(module, module.training));
        eval();
        return () -> modes.forEach((module, mode) -> module.training = mode);
    }

    /** The scope of {@link #evaluating()}; closing it restores the modes and throws nothing. */
    @FunctionalInterface
    public interface EvaluationScope extends AutoCloseable {
        /** Gives each module of the tree back the mode it had when the scope opened. */
        @Override
        void close();
    }

    /** Whether this module is in training mode. */
    public final boolean isTraining() {
        return training;
    }

    /** Clears the gradient of every parameter. */
    public final void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    /**
     * The parameters and buffers by dotted name: what a checkpoint saves. In PyTorch's {@code state_dict} order:
     * a module's own parameters, then its own buffers, then each sub-module's entries in turn. The tensors are the
     * live ones.
     */
    public final LinkedHashMap<String, Tensor> stateDict() {
        LinkedHashMap<String, Tensor> result = new LinkedHashMap<>();
        visit("", (prefix, module) -> {
            module.parameters.forEach((name, p) -> result.put(prefix + name, p));
            module.buffers.forEach((name, b) -> result.put(prefix + name, b));
        });
        return result;
    }

    /**
     * Copies values into this module's parameters and buffers, without recording a graph. All or none: every name
     * and shape is checked before any value is copied.
     *
     * @throws IllegalArgumentException listing every missing name, unexpected name and shape that differs, e.g.
     *                                  {@code loadStateDict: missing [bn.running_mean], unexpected [bn.running_avg];
     *                                  parameter fc.weight has shape [3, 4] but the module expects [4, 3]}
     */
    public final void loadStateDict(Map<String, Tensor> state) {
        LinkedHashMap<String, Tensor> own = stateDict();
        LinkedHashMap<String, Tensor> ownBuffers = namedBuffers();
        List<String> missing = new ArrayList<>();
        List<String> misshapen = new ArrayList<>();
        for (var entry : own.entrySet()) {
            Tensor source = state.get(entry.getKey());
            if (source == null) {
                missing.add(entry.getKey());
            } else if (!Arrays.equals(source.shape(), entry.getValue().shape())) {
                misshapen.add((ownBuffers.containsKey(entry.getKey()) ? "buffer " : "parameter ") + entry.getKey()
                        + " has shape " + Arrays.toString(source.shape()) + " but the module expects "
                        + Arrays.toString(entry.getValue().shape()));
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : state.keySet()) if (!own.containsKey(name)) unexpected.add(name);
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty() || !unexpected.isEmpty()) problems.add("missing " + missing + ", unexpected " + unexpected);
        problems.addAll(misshapen);
        if (!problems.isEmpty()) throw new IllegalArgumentException("loadStateDict: " + String.join("; ", problems));
        try (var off = Autograd.noGrad()) {
            own.forEach((name, t) -> t.copyFrom(state.get(name)));
        }
    }

    /**
     * A table of this module's tree after one forward pass on zeros of {@code inputShape}: each module's path, type,
     * output shape, parameter count and whether its parameters are trained, with totals, as torchinfo's
     * {@code summary}. The pass runs without recording a graph and in evaluation mode (so BatchNorm's running
     * statistics do not move); each module's mode is restored afterwards. Output shapes are observed for this
     * module and for every module a {@link Sequential} runs, at any depth; a sub-module that its owner's
     * {@code forward} calls directly shows {@code -} (see {@link ModuleSummary}).
     *
     * <pre>{@code
     * System.out.println(new Sequential(new Linear(64, 32, random), new ReLU(), new Linear(32, 10, random))
     *         .summary(1, 64));
     * }</pre>
     *
     * @throws IllegalArgumentException when a dimension is negative, or the forward pass refuses the input (the
     *                                  message names the shape and the module's error)
     */
    public final ModuleSummary summary(int... inputShape) {
        if (inputShape == null) throw new IllegalArgumentException("summary: inputShape is null");
        for (int size : inputShape) {
            if (size < 0) {
                throw new IllegalArgumentException("summary: inputShape " + Arrays.toString(inputShape)
                        + " has a negative dimension");
            }
        }
        return ModuleSummary.of(this, module -> module.forward(Tensor.zeros(inputShape)),
                "zeros of shape " + Arrays.toString(inputShape));
    }

    /**
     * {@link #summary(int...)} with {@code example} as the input, for modules that need real values (token ids for
     * an embedding, for example). For a module of several inputs, see
     * {@link ModuleSummary#of(Module, java.util.function.Function)}.
     */
    public final ModuleSummary summary(Tensor example) {
        if (example == null) throw new IllegalArgumentException("summary: example is null");
        return ModuleSummary.of(this, module -> module.forward(example),
                "an example of shape " + Arrays.toString(example.shape()));
    }

    /**
     * A one-line description of this module alone, the hook {@link #toString()} prints for each module of the tree.
     * By default the class name and the shapes of the module's own parameters (not its sub-modules'), e.g.
     * {@code Scale(gain=[4], shift=[4])}, or {@code Name()} without any. Layers override it to show their
     * arguments in PyTorch's way, e.g. {@code Linear(in=1024, out=500, bias=true)}.
     */
    protected String describe() {
        StringJoiner shapes = new StringJoiner(", ", getClass().getSimpleName() + "(", ")");
        parameters.forEach((name, p) -> shapes.add(name + "=" + Arrays.toString(p.shape())));
        return shapes.toString();
    }

    /**
     * The module tree, like PyTorch prints it: each module's {@link #describe()} line, and the sub-modules of a
     * module indented below it under their names, e.g.
     * <pre>
     * TwoLayer(
     *   (hidden): Linear(in=1024, out=500, bias=true)
     *   (output): Linear(in=500, out=10, bias=true)
     * )
     * </pre>
     * A module with sub-modules and arguments of its own prints the arguments on the first indented line.
     */
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
        int open = self.indexOf('(');
        if (open > 0 && self.endsWith(")")) {
            out.append(self, 0, open + 1).append('\n');
            String arguments = self.substring(open + 1, self.length() - 1);
            if (!arguments.isEmpty()) out.append(indent).append("  ").append(arguments).append('\n');
        } else {
            out.append(self).append(" (\n");
        }
        for (var entry : children.entrySet()) {
            out.append(indent).append("  (").append(entry.getKey()).append("): ");
            entry.getValue().print(out, indent + "  ");
            out.append('\n');
        }
        out.append(indent).append(')');
    }
}
