package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Updates parameters from their gradients; {@link #step()} runs without recording a graph. */
public interface Optimizer {
    /** Applies one update to every parameter that has a gradient. */
    void step();

    /** Clears the gradients of all parameters. */
    void zeroGrad();

    /** The parameters this optimizer updates, in order. */
    List<Tensor> parameters();

    /** The current learning rate (schedules change it). */
    double learningRate();

    /** Sets the learning rate used by the following steps. */
    void setLearningRate(double learningRate);

    /**
     * The optimizer's state (momentum buffers, moments, step counts) as copies, keyed
     * {@code "<parameter index>.<name>"} in parameter order, with PyTorch's names: {@code 0.momentum_buffer} for
     * {@link SGD}; {@code 0.step} (a 0-d tensor), {@code 0.exp_avg} and {@code 0.exp_avg_sq} for {@link Adam} and
     * {@link AdamW}. A parameter that has no state yet (no step with a gradient) has no entries. Saving this with
     * the module's {@code stateDict()} and loading both back continues training exactly where it stopped. The
     * learning rate is not part of it.
     *
     * <p>The default is for optimizers without state: an empty map. An optimizer with state overrides both this
     * and {@link #loadStateDict(Map)}.
     */
    default LinkedHashMap<String, Tensor> stateDict() {
        return new LinkedHashMap<>();
    }

    /**
     * Replaces the optimizer's state with copies of {@code state}, as {@link #stateDict()} returns it. All or none:
     * every name and shape is checked before anything changes; a parameter without entries starts without state.
     *
     * @throws IllegalArgumentException naming the first unknown name, parameter index out of range, missing
     *                                  companion entry or shape that differs from the parameter's
     */
    default void loadStateDict(Map<String, Tensor> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException("loadStateDict: " + getClass().getSimpleName()
                    + " keeps no state, got " + state.keySet());
        }
    }
}
