package dev.chainrule.distributed;

import java.io.Serializable;

/**
 * What a task returns for its block: the block index, the rows it used, their summed loss, and a vector in the
 * run's parameter layout: the summed gradient (synchronous mode) or the parameters after the local steps
 * (parameter averaging, with the optimizer state). {@code buffers} holds the model's buffers after the block's
 * forward passes, in the run's buffer layout, or null when the block ran none (no rows). When a row's loss is not
 * finite, {@code badRow} is the first such row's position in the block and {@code badInputRow} its number in the
 * input; otherwise both are -1. {@code kernel} is the matrix kernel of the JVM that ran the task (see
 * {@link KernelCheck}).
 */
record BlockResult(int block, long rows, double lossSum, int badRow, long badInputRow, double[] vector,
                   double[] buffers, NamedVector optimizerState,
                   MatrixKernel kernel) implements Serializable {}
