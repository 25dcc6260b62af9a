package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;
import java.util.List;

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
}
