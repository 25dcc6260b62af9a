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
        implements Serializable {}
