package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.optim.Optimizer;

/**
 * The work of one task on one block, shared by the Spark tasks and {@link DataParallelTrainer#fitLocal}: one code
 * path, so the reference and the cluster do the same arithmetic in the same order.
 */
final class BlockWork {
    private BlockWork() {}

    /** The block's result for {@code input}: a summed gradient, or parameters after local steps. */
    static BlockResult run(TaskSpec spec, Module model, StepInput input, Block block) {
        return spec.localSteps() == 0 ? gradient(spec, model, input, block) : localSteps(spec, model, input, block);
    }

    /**
     * Synchronous mode: the gradient of the summed loss of this step's batch of the block (Note [Mini-batches from
     * (seed, step, block)]), with the loss sum, the row count and the buffers after the forward pass. An empty batch
     * gives zeros and no buffers. A non-finite loss is returned, with its row, without a backward pass: the driver
     * stops training on it.
     */
    private static BlockResult gradient(TaskSpec spec, Module model, StepInput input, Block block) {
        ModelLayout layout = spec.layout();
        int[] positions = Sampling.positions(spec.seed(), input.step(), block.index(), block.rows(), spec.batchSize());
        if (positions.length == 0) {
            return new BlockResult(block.index(), 0, 0.0, -1, -1, new double[layout.parameters().size()], null, null,
                    MatrixKernel.THIS_JVM);
        }
        model.loadStateDict(layout.state(input.parameters(), input.buffers()));
        model.zeroGrad();
        Batch batch = block.batch(positions);
        Tensor losses = spec.loss().compute(model.forward(batch.features()), batch);
        Tensor total = losses.dim() == 0 ? losses : losses.sum();
        double lossSum = total.item();
        if (!Double.isFinite(lossSum)) return nonFinite(block, positions, losses, lossSum, layout.parameters().size());
        total.backward();
        return new BlockResult(block.index(), positions.length, lossSum, -1, -1,
                layout.parameters().flattenGradients(model.namedParameters()),
                layout.buffers().flatten(model.namedBuffers()), null, MatrixKernel.THIS_JVM);
    }

    /**
     * Parameter averaging: {@code spec.localSteps()} optimizer steps on the block from the broadcast parameters and
     * optimizer state, each on the mean loss of that local step's batch. Returns the parameters, the buffers and
     * the optimizer state after them, with the summed loss and rows of all local steps. An empty block returns no
     * vector and is left out of the average.
     */
    private static BlockResult localSteps(TaskSpec spec, Module model, StepInput input, Block block) {
        if (block.rows() == 0) {
            return new BlockResult(block.index(), 0, 0.0, -1, -1, null, null, null, MatrixKernel.THIS_JVM);
        }
        ModelLayout layout = spec.layout();
        model.loadStateDict(layout.state(input.parameters(), input.buffers()));
        Optimizer optimizer = spec.optimizer().create(model.parameters());
        optimizer.loadStateDict(input.optimizerState().toMap());
        optimizer.setLearningRate(input.learningRate());
        double lossSum = 0;
        long rows = 0;
        for (int j = 0; j < spec.localSteps(); j++) {
            long localStep = (long) (input.step() - 1) * spec.localSteps() + j + 1;
            int[] positions = Sampling.positions(spec.seed(), localStep, block.index(), block.rows(), spec.batchSize());
            Batch batch = block.batch(positions);
            optimizer.zeroGrad();
            Tensor losses = spec.loss().compute(model.forward(batch.features()), batch);
            Tensor total = losses.dim() == 0 ? losses : losses.sum();
            double value = total.item();
            if (!Double.isFinite(value)) return nonFinite(block, positions, losses, value, 0);
            total.div(positions.length).backward();
            optimizer.step();
            lossSum += value;
            rows += positions.length;
        }
        return new BlockResult(block.index(), rows, lossSum, -1, -1, layout.parameters().flatten(model.namedParameters()),
                layout.buffers().flatten(model.namedBuffers()), NamedVector.of(optimizer.stateDict()),
                MatrixKernel.THIS_JVM);
    }

    private static BlockResult nonFinite(Block block, int[] positions, Tensor losses, double lossSum, int size) {
        int badRow = -1;
        long badInputRow = -1;
        if (losses.dim() == 1 && losses.size(0) == positions.length) {
            double[] values = losses.toArray();
            for (int i = 0; i < values.length && badRow < 0; i++) {
                if (!Double.isFinite(values[i])) {
                    badRow = positions[i];
                    badInputRow = block.inputRow(badRow);
                }
            }
        }
        return new BlockResult(block.index(), positions.length, lossSum, badRow, badInputRow, new double[size], null,
                null, MatrixKernel.THIS_JVM);
    }
}
