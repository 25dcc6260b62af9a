package dev.chainrule.distributed;

import dev.chainrule.nn.data.Dataset;
import java.io.Serializable;

/**
 * Makes the rows of one block where it is used, on an executor: reads them from a file the executors can see or
 * from a resource in the job's jar, or generates them from a seed. Only the generator is shipped, never the data.
 * The rows of block {@code b} are input rows {@code b, b + B, b + 2B, ...} (Note [Blocks by row number]), so a
 * generator that reads a shared source keeps every B-th row starting at {@code b}.
 *
 * <pre>{@code
 * BlockGenerator noise = (block, numBlocks) -> {
 *     Random random = new Random(1000 + block);
 *     return Dataset.ofLabels(Tensor.randn(random, 100, 8), random.ints(100, 0, 3).toArray());
 * };
 * }</pre>
 */
@FunctionalInterface
public interface BlockGenerator extends Serializable {
    /** The rows of block {@code block} of {@code numBlocks}, with class labels; may be empty (0 rows). */
    Dataset rows(int block, int numBlocks);
}
