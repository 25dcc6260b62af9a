package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import java.util.LinkedHashMap;

/**
 * The end of a data-parallel run: the parameters and the buffers (flat, in the model's named-parameter and
 * named-buffer order, and by name), the optimizer's state, and the mean loss of every step.
 *
 * <pre>{@code
 * TrainingResult result = trainer.fit(data, 200);
 * Module model = result.model();                         // a fresh model holding the trained parameters
 * Checkpoint.save(model, Path.of("model.safetensors"));
 * }</pre>
 */
public final class TrainingResult {
    private final ModelFactory factory;
    private final ModelLayout layout;
    private final double[] parameters;
    private final double[] buffers;
    private final LinkedHashMap<String, Tensor> optimizerState;
    private final double[] losses;
    private final int resumedFrom;

    TrainingResult(ModelFactory factory, ModelLayout layout, double[] parameters, double[] buffers,
                   LinkedHashMap<String, Tensor> optimizerState, double[] losses, int resumedFrom) {
        this.factory = factory;
        this.layout = layout;
        this.parameters = parameters;
        this.buffers = buffers;
        this.optimizerState = optimizerState;
        this.losses = losses;
        this.resumedFrom = resumedFrom;
    }

    /** A copy of the final parameters, flat in {@link #layout()}'s order. */
    public double[] parameters() {
        return parameters.clone();
    }

    /** The names and shapes of the parameters. */
    public TensorLayout layout() {
        return layout.parameters();
    }

    /** The final parameters by name, as new tensors. */
    public LinkedHashMap<String, Tensor> namedParameters() {
        return layout.parameters().unflatten(parameters);
    }

    /**
     * A copy of the final buffers (running statistics; empty for a model without buffers), flat in the model's
     * named-buffer order.
     */
    public double[] buffers() {
        return buffers.clone();
    }

    /** The final buffers by name, as new tensors. */
    public LinkedHashMap<String, Tensor> namedBuffers() {
        return layout.buffers().unflatten(buffers);
    }

    /** A new model from the run's factory, holding the final parameters and buffers. */
    public Module model() {
        Module model = factory.create();
        model.loadStateDict(layout.state(parameters, buffers));
        return model;
    }

    /** The optimizer's final state (see {@code Optimizer.stateDict()}). */
    public LinkedHashMap<String, Tensor> optimizerState() {
        return new LinkedHashMap<>(optimizerState);
    }

    /** The mean loss of every step, step 1 first (those before a resumed checkpoint included). */
    public double[] losses() {
        return losses.clone();
    }

    /** The number of steps (rounds, in parameter averaging) the parameters have had. */
    public int steps() {
        return losses.length;
    }

    /** The mean loss of the last step, or NaN when there was none. */
    public double finalLoss() {
        return losses.length == 0 ? Double.NaN : losses[losses.length - 1];
    }

    /** The step of the checkpoint this run resumed from, or 0. */
    public int resumedFrom() {
        return resumedFrom;
    }

    @Override
    public String toString() {
        return "TrainingResult(steps=" + steps() + ", finalLoss=" + finalLoss() + ", parameters="
                + layout.parameters().size() + (buffers.length == 0 ? "" : ", buffers=" + buffers.length) + ")";
    }
}
