package dev.chainrule.distributed;

import java.io.Serializable;

/**
 * One configuration of an experiment sweep: a point of a {@link SweepGrid}.
 *
 * @param index        its place in the grid, from 0 (the results keep it, so they can be put back in grid order)
 * @param activation   the hidden layers' activation, by name
 * @param learningRate the optimizer's learning rate
 * @param width        units per hidden layer
 * @param depth        the number of hidden layers
 * @param seed         the seed of the initial weights and the batch order
 */
public record SweepConfig(int index, String activation, double learningRate, int width, int depth, long seed)
        implements Serializable {

    /**
     * @throws IllegalArgumentException for a negative index, a blank activation, a learning rate that is negative
     *                                  or not finite, a width below 1 or a negative depth, naming the value
     */
    public SweepConfig {
        if (index < 0) throw new IllegalArgumentException("SweepConfig: index must be >= 0, got " + index);
        if (activation == null || activation.isBlank()) {
            throw new IllegalArgumentException("SweepConfig: activation must be a name, got '" + activation + "'");
        }
        if (!(learningRate >= 0 && learningRate < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("SweepConfig: learningRate must be finite and >= 0, got " + learningRate);
        }
        if (width < 1) throw new IllegalArgumentException("SweepConfig: width must be >= 1, got " + width);
        if (depth < 0) throw new IllegalArgumentException("SweepConfig: depth must be >= 0, got " + depth);
    }
}
