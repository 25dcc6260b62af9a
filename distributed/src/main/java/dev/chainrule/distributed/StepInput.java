package dev.chainrule.distributed;

import java.io.Serializable;

/**
 * What the driver broadcasts each step: the step (or round) number, the parameters and the buffers in the run's
 * {@link ModelLayout}, and for parameter averaging the averaged optimizer state and the learning rate.
 */
record StepInput(int step, double[] parameters, double[] buffers, NamedVector optimizerState, double learningRate)
        implements Serializable {}
