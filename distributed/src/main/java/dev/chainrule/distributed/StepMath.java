package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The driver's arithmetic on the blocks' results, shared by Spark runs and the local reference.
 *
 * <p>Note [Summing in block order]: floating-point addition is not associative, so a sum's bits depend on its
 * order. Spark's {@code reduce}, {@code treeReduce} and {@code treeAggregate} merge partial results in the order
 * tasks finish, which changes from run to run and with the number of executors; a gradient summed that way would
 * differ in its last bits between two runs. So the tasks' results are collected, put in block-index order, and
 * added here one block after another, starting from zeros; with the same blocks, the sum is the same bits however
 * the tasks were scheduled, retried or spread over machines. The cost is that every block's vector travels to the
 * driver (8 bytes per parameter per block) instead of being merged on the way.
 *
 * <p>Note [Buffers across blocks]: a model's buffers (BatchNorm's running statistics, see
 * {@code Module.registerBuffer}) travel with the parameters: each task loads the broadcast buffers, and its forward
 * passes in training mode update its copy from its own block's batch only. The driver then keeps one result, chosen
 * by block index and never by which task finished first. In synchronous mode it keeps the buffers of the first
 * block that ran a forward pass this step: block 0 whenever its batch has rows, as PyTorch's
 * DistributedDataParallel keeps rank 0's buffers; the other blocks' updates are dropped (so the running statistics
 * see one block's batches, not the union). In parameter averaging the float buffers are averaged over the non-empty
 * blocks like the parameters, and the integer buffers (counts such as {@code num_batches_tracked}, the same on every
 * block that took the round's k steps) are taken from the first non-empty block, so they stay whole numbers.
 * Either way the result depends on the blocks and the settings only, and {@code fitLocal} gives the same bits.
 */
final class StepMath {
    private StepMath() {}

    /**
     * A step's combined result: the mean gradient or the averaged parameters, the buffers the driver keeps (Note
     * [Buffers across blocks]), and the mean loss.
     */
    record Combined(double[] vector, double[] buffers, NamedVector optimizerState, double loss, long rows) {}

    /**
     * Synchronous mode: {@code Σ_b g_b / Σ_b n_b} over the blocks in index order (Note [Summing in block order]),
     * the buffers of the first block with rows (Note [Buffers across blocks]), and the mean loss.
     *
     * @throws NonFiniteLossException when a block's loss or the summed gradient is not finite
     */
    static Combined sumGradients(List<BlockResult> results, int numBlocks, TensorLayout layout, int step) {
        List<BlockResult> ordered = inBlockOrder(results, numBlocks);
        checkLosses(ordered, step);
        double[] sum = new double[layout.size()];
        double[] buffers = null;
        double lossSum = 0;
        long rows = 0;
        for (BlockResult result : ordered) {
            if (result.rows() == 0) continue;
            if (buffers == null) buffers = result.buffers();
            double[] gradient = result.vector();
            for (int i = 0; i < sum.length; i++) sum[i] += gradient[i];
            lossSum += result.lossSum();
            rows += result.rows();
        }
        checkRows(rows, step);
        for (int i = 0; i < sum.length; i++) sum[i] /= rows;
        checkGradient(sum, ordered, layout, step);
        return new Combined(sum, buffers, null, lossSum / rows, rows);
    }

    /**
     * Parameter averaging: the mean of the non-empty blocks' parameters, float buffers and optimizer states, each
     * summed in block order and divided by the number of blocks averaged, the integer buffers of the first of them
     * (Note [Buffers across blocks]), and the mean loss over all local steps' rows.
     *
     * @throws NonFiniteLossException when a block's loss or the averaged parameters are not finite
     * @throws IllegalStateException  when blocks return optimizer states of different layouts
     */
    static Combined average(List<BlockResult> results, int numBlocks, ModelLayout layout, int round) {
        List<BlockResult> ordered = inBlockOrder(results, numBlocks);
        checkLosses(ordered, round);
        double[] parameters = new double[layout.parameters().size()];
        double[] buffers = new double[layout.buffers().size()];
        double[] firstBuffers = null;
        TensorLayout stateLayout = null;
        double[] state = null;
        double lossSum = 0;
        long rows = 0;
        int averaged = 0;
        for (BlockResult result : ordered) {
            if (result.rows() == 0) continue;
            add(parameters, result.vector());
            add(buffers, result.buffers());
            if (firstBuffers == null) firstBuffers = result.buffers();
            NamedVector blockState = result.optimizerState();
            if (stateLayout == null) {
                stateLayout = blockState.layout();
                state = new double[stateLayout.size()];
            } else if (!stateLayout.equals(blockState.layout())) {
                throw new IllegalStateException("DataParallelTrainer: blocks returned optimizer states of different "
                        + "layouts at round " + round + ": " + stateLayout + " and, from block " + result.block() + ", "
                        + blockState.layout() + "; every block must take the same steps");
            }
            add(state, blockState.values());
            lossSum += result.lossSum();
            rows += result.rows();
            averaged++;
        }
        checkRows(rows, round);
        for (int i = 0; i < parameters.length; i++) parameters[i] /= averaged;
        boolean[] integer = layout.integerMask();
        for (int i = 0; i < buffers.length; i++) buffers[i] = integer[i] ? firstBuffers[i] : buffers[i] / averaged;
        for (int i = 0; i < state.length; i++) state[i] /= averaged;
        checkFinite(parameters, layout.parameters(), "the averaged parameters", round);
        return new Combined(parameters, buffers, new NamedVector(stateLayout, state), lossSum / rows, rows);
    }

    /** Sets every parameter's gradient to its slice of {@code gradient}, exactly (see the comment inside). */
    static void setGradients(Module model, TensorLayout layout, double[] gradient) {
        // d/dp Σ p·g = g: backward multiplies the upstream ones by g, which is exact, and leaves grad() = g through
        // the public API (a tensor's gradient has no setter). Cheap next to the step itself.
        model.zeroGrad();
        LinkedHashMap<String, Tensor> parameters = model.namedParameters();
        Tensor total = null;
        for (int i = 0; i < layout.count(); i++) {
            Tensor p = parameters.get(layout.names().get(i));
            int from = layout.offset(i);
            Tensor g = Tensor.of(Arrays.copyOfRange(gradient, from, from + p.numel()), layout.shape(i));
            Tensor term = p.mul(g).sum();
            total = total == null ? term : total.add(term);
        }
        if (total != null) total.backward();
    }

    /** Throws when {@code values} (parameters after an update or an average) are not finite, naming the first. */
    static void checkFinite(double[] values, TensorLayout layout, String what, int step) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new NonFiniteLossException("DataParallelTrainer: " + what + " at step " + step + " hold "
                        + values[i] + " at " + element(layout, i) + "; training stopped. Lower the learning rate", step, -1, -1);
            }
        }
    }

    private static List<BlockResult> inBlockOrder(List<BlockResult> results, int numBlocks) {
        List<BlockResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt(BlockResult::block));
        for (int b = 0; b < ordered.size(); b++) {
            if (ordered.get(b).block() != b || ordered.size() != numBlocks) {
                throw new IllegalStateException("DataParallelTrainer: expected one result for each of blocks 0 to "
                        + (numBlocks - 1) + ", got blocks " + ordered.stream().map(BlockResult::block).toList());
            }
        }
        return ordered;
    }

    private static void checkLosses(List<BlockResult> ordered, int step) {
        for (BlockResult result : ordered) {
            if (Double.isFinite(result.lossSum())) continue;
            String row = result.badRow() < 0 ? "" : " (first at row " + result.badRow() + " of the block, row "
                    + result.badInputRow() + " of the input)";
            throw new NonFiniteLossException("DataParallelTrainer: the loss of block " + result.block() + " is "
                    + result.lossSum() + " at step " + step + row + "; training stopped before applying it, so the "
                    + "parameters are those after step " + (step - 1) + ". Lower the learning rate, or check that row",
                    step, result.block(), result.badInputRow());
        }
    }

    private static void checkRows(long rows, int step) {
        if (rows == 0) {
            throw new IllegalStateException("DataParallelTrainer: no block has rows at step " + step
                    + "; the data set is empty");
        }
    }

    private static void checkGradient(double[] sum, List<BlockResult> ordered, TensorLayout layout, int step) {
        for (int i = 0; i < sum.length; i++) {
            if (Double.isFinite(sum[i])) continue;
            int block = -1;
            for (BlockResult result : ordered) {
                if (result.rows() > 0 && !Double.isFinite(result.vector()[i])) {
                    block = result.block();
                    break;
                }
            }
            throw new NonFiniteLossException("DataParallelTrainer: the gradient at step " + step + " is " + sum[i]
                    + " at " + element(layout, i) + (block < 0 ? " (the sum overflowed)" : " (from block " + block + ")")
                    + " although the loss is finite; training stopped before applying it. Lower the learning rate",
                    step, block, -1);
        }
    }

    /** The name of flat element {@code i}, e.g. {@code 0.weight[12]} (row-major index within the tensor). */
    static String element(TensorLayout layout, int i) {
        int t = layout.count() - 1;
        while (t > 0 && layout.offset(t) > i) t--;
        return layout.names().get(t) + "[" + (i - layout.offset(t)) + "]";
    }

    private static void add(double[] into, double[] values) {
        for (int i = 0; i < into.length; i++) into[i] += values[i];
    }
}
