package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A differentiable op defined by the user, in the style of {@code torch.autograd.Function}: a forward that
 * computes the result (without recording) and a backward that turns the output's gradient into one gradient
 * per input. Results join the graph like any built-in op, so graph export, anomaly mode and
 * {@link GradCheck#locate} treat them alike. If {@code backward} is written with Tensor ops on the tensors
 * saved in the context, it is recorded under {@code createGraph} and the function is twice differentiable.
 *
 * <pre>{@code
 * final class Cube extends Function {
 *     @Override
 *     protected Tensor forward(Context ctx, Tensor... inputs) {
 *         ctx.saveForBackward(inputs[0]);
 *         return inputs[0].pow(3);
 *     }
 *
 *     @Override
 *     protected Tensor[] backward(Context ctx, Tensor gy) {
 *         Tensor x = ctx.savedTensors().get(0);
 *         return new Tensor[] {gy.mul(x.pow(2).mul(3))};    // gx = gy·3x²
 *     }
 * }
 * Tensor y = new Cube().apply(x);
 * }</pre>
 */
public abstract class Function {
    /**
     * The name used in errors, graph exports and reports: by default the class's simple name, or for an anonymous
     * class its binary name without the package ({@code NetTest$1}), never an empty string.
     */
    public String name() {
        Class<?> type = getClass();
        if (!type.isAnonymousClass()) return type.getSimpleName();
        String binary = type.getName();
        return binary.substring(binary.lastIndexOf('.') + 1);
    }

    /**
     * Computes the result from the inputs. Runs with recording off; save what backward needs in {@code ctx}.
     */
    protected abstract Tensor forward(Context ctx, Tensor... inputs);

    /**
     * The gradients of the inputs, in input order, given the gradient of the output. An entry may be null for
     * an input that needs no gradient (it counts as zeros). Each gradient has its input's shape, or a shape the
     * input broadcasts to.
     */
    protected abstract Tensor[] backward(Context ctx, Tensor gradOutput);

    /** Applies this function, recording it in the graph when recording is on and an input requires grad. */
    public final Tensor apply(Tensor... inputs) {
        Context ctx = new Context(this);
        Tensor out;
        try (var off = Autograd.noGrad()) {
            out = forward(ctx, inputs.clone());
        }
        if (out == null) throw new IllegalStateException(name() + ": forward returned null");
        return Tensor.result(new CustomOp(this, ctx), out.data.clone(), out.shape.clone(), inputs.clone());
    }

    /** What forward leaves for backward: saved tensors (checked for in-place changes) and other values. */
    public static final class Context {
        private final Function function;
        private final List<Tensor> saved = new ArrayList<>();
        private final List<Integer> savedVersions = new ArrayList<>();
        private final Map<String, Object> values = new HashMap<>();
        private Tensor lastGradOutput;
        private Tensor[] lastGradients;
        private int unserved;

        private Context(Function function) {
            this.function = function;
        }

        /** Saves tensors for backward; they must not be modified in place before backward runs. */
        public void saveForBackward(Tensor... tensors) {
            for (Tensor t : tensors) {
                saved.add(t);
                savedVersions.add(t.version());
            }
        }

        /** The saved tensors, in the order saved. */
        public List<Tensor> savedTensors() {
            for (int i = 0; i < saved.size(); i++) {
                if (saved.get(i).version() != savedVersions.get(i)) {
                    throw new IllegalStateException("backward: saved tensor " + i + " of " + function.name()
                            + " was modified in place after the forward pass (version " + savedVersions.get(i)
                            + " when saved, " + saved.get(i).version() + " now)");
                }
            }
            return Collections.unmodifiableList(saved);
        }

        /** Stores a non-tensor value (a shape, a flag) for backward. */
        public void put(String key, Object value) {
            values.put(key, value);
        }

        /** A value stored with {@link #put}. */
        @SuppressWarnings("unchecked")
        public <T> T get(String key) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException(function.name() + ": nothing stored under '" + key + "'");
            }
            return (T) values.get(key);
        }
    }

    /** Adapts a user function to the engine's op interface. */
    private record CustomOp(Function function, Context ctx) implements Op {
        @Override
        public String name() {
            return function.name();
        }

        @Override
        public Tensor forward(Tensor[] inputs) {
            return function.apply(inputs);
        }

        @Override
        public boolean isUserDefined() {
            return true;
        }

        /**
         * The engine asks for one input's gradient at a time, but the user's backward computes all of them:
         * it runs once per pass and serves each input that requires grad from that result, then forgets it.
         */
        @Override
        public Tensor backward(int input, Tensor[] inputs, Tensor output, Tensor gy) {
            if (ctx.lastGradOutput != gy || ctx.unserved == 0) {
                Tensor[] gradients = function.backward(ctx, gy);
                if (gradients == null || gradients.length != inputs.length) {
                    throw new IllegalStateException("backward: " + name() + " returned "
                            + (gradients == null ? "null" : gradients.length + " gradients") + " for "
                            + inputs.length + " inputs");
                }
                ctx.lastGradOutput = gy;
                ctx.lastGradients = gradients;
                ctx.unserved = 0;
                for (Tensor x : inputs) if (x.requiresGrad()) ctx.unserved++;
            }
            Tensor g = ctx.lastGradients[input];
            if (--ctx.unserved == 0) {
                ctx.lastGradOutput = null;
                ctx.lastGradients = null;
            }
            return g != null ? g : Tensor.zeros(inputs[input].shape);
        }
    }
}
