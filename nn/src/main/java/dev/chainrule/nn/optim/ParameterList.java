package dev.chainrule.nn.optim;

import dev.chainrule.autograd.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;

/** The validated parameter list and learning rate that every optimizer holds. */
final class ParameterList {
    private final List<Tensor> parameters;
    private double learningRate;

    ParameterList(String optimizer, List<Tensor> parameters, double learningRate) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException(optimizer + ": the parameter list is empty");
        }
        IdentityHashMap<Tensor, Integer> seen = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            Tensor p = parameters.get(i);
            if (p == null) throw new IllegalArgumentException(optimizer + ": parameter " + i + " is null");
            if (!p.requiresGrad()) {
                throw new IllegalArgumentException(optimizer + ": parameter " + i + " of shape "
                        + java.util.Arrays.toString(p.shape()) + " does not require grad");
            }
            Integer previous = seen.put(p, i);
            if (previous != null) {
                throw new IllegalArgumentException(optimizer + ": parameters " + previous + " and " + i
                        + " are the same tensor; pass each parameter once");
            }
        }
        this.parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
        setLearningRate(optimizer, learningRate);
    }

    List<Tensor> parameters() {
        return parameters;
    }

    double learningRate() {
        return learningRate;
    }

    void setLearningRate(String optimizer, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(optimizer + ": the learning rate must be finite and >= 0, got " + value);
        }
        learningRate = value;
    }

    void zeroGrad() {
        for (Tensor p : parameters) p.zeroGrad();
    }
}
