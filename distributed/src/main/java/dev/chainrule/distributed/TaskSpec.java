package dev.chainrule.distributed;

import java.io.Serializable;

/**
 * The settings a task needs, serialized with each step's closure (a few hundred bytes; the parameters and buffers
 * travel in the broadcast {@link StepInput}).
 *
 * @param runId      identifies the run, so an executor thread can keep its model from one step to the next
 * @param layout     the names and shapes of the model's parameters and buffers
 * @param localSteps 0 for synchronous gradient summing, else the local steps per round of parameter averaging
 */
record TaskSpec(String runId, ModelFactory model, Loss loss, OptimizerFactory optimizer, ModelLayout layout,
                long seed, int batchSize, int localSteps) implements Serializable {}
