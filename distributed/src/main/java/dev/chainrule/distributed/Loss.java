package dev.chainrule.distributed;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Batch;
import dev.chainrule.nn.loss.Losses;
import dev.chainrule.nn.loss.Reduction;
import java.io.Serializable;

/**
 * The training objective of a data-parallel run, computed on a task for one block's batch: the losses of the
 * batch's rows, not their mean. The trainer sums them (so a block reports its loss sum and row count) and divides
 * the summed gradient of all blocks by the total row count, which makes a step the same whatever the blocks' sizes.
 * Return one loss per row ({@code [B]}, as {@link Reduction#NONE} gives) so that a NaN can be traced to its row, or
 * any tensor whose elements add up to the batch's summed loss.
 *
 * <pre>{@code
 * Loss loss = Loss.crossEntropy();
 * Loss custom = (logits, batch) -> Losses.crossEntropy(logits, batch.labels(), Reduction.NONE).mul(2.0);
 * }</pre>
 */
@FunctionalInterface
public interface Loss extends Serializable {
    /** The per-row losses of {@code output} for {@code batch}, differentiable in {@code output}. */
    Tensor compute(Tensor output, Batch batch);

    /** Cross-entropy of logits {@code [B, C]} against the batch's class labels, one loss per row. */
    static Loss crossEntropy() {
        return (logits, batch) -> Losses.crossEntropy(logits, batch.labels(), Reduction.NONE);
    }
}
