package dev.chainrule.distributed;

import java.io.Serializable;

/**
 * What the driver broadcasts each step: the step (or round) number, the parameters in the run's layout, and for
 * parameter averaging the averaged optimizer state and the learning rate.
 */
record StepInput(int step, double[] parameters, NamedVector optimizerState, double learningRate) implements Serializable {}
