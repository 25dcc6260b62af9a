package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.optim.Adam;
import dev.chainrule.nn.optim.Optimizer;
import dev.chainrule.nn.optim.SGD;
import java.io.Serializable;
import java.util.List;

/**
 * Makes the optimizer for a list of parameters. In synchronous mode it runs once, on the driver; in parameter
 * averaging every task makes one and loads the averaged state into it, so it must be serializable: build options
 * inside the lambda ({@code ps -> new SGD(ps, SGD.Options.of(0.1).withMomentum(0.9))}), because nn's
 * {@code Options} records are not serializable.
 */
@FunctionalInterface
public interface OptimizerFactory extends Serializable {
    /** A new optimizer over {@code parameters}, without state. */
    Optimizer create(List<Tensor> parameters);

    /** Plain SGD. */
    static OptimizerFactory sgd(double learningRate) {
        return parameters -> new SGD(parameters, learningRate);
    }

    /** SGD with (heavy-ball) momentum. */
    static OptimizerFactory sgd(double learningRate, double momentum) {
        return parameters -> new SGD(parameters, SGD.Options.of(learningRate).withMomentum(momentum));
    }

    /** Adam with PyTorch's defaults and {@code learningRate}. */
    static OptimizerFactory adam(double learningRate) {
        return parameters -> new Adam(parameters, learningRate);
    }
}
