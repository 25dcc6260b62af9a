package dev.chainrule.distributed;

import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;

/**
 * One step as one Spark job: broadcast the step's input (parameters, and optimizer state for parameter averaging),
 * run {@link BlockWork} in one task per block where the block is cached, and collect every block's result.
 * Before each step the blocks are spread again when an executor has joined (Note [Blocks after an executor change]
 * in {@link BlockData}).
 */
final class SparkRunner implements StepRunner {
    private final BlockData data;

    SparkRunner(BlockData data) {
        this.data = data;
    }

    @Override
    public List<BlockResult> run(TaskSpec spec, StepInput input) {
        JavaSparkContext context = data.context();
        data.rebalanceIfAnExecutorJoined();
        Broadcast<StepInput> broadcast = context.broadcast(input);
        try {
            context.setJobDescription("chainrule " + (spec.localSteps() == 0 ? "step " : "round ") + input.step());
            // collect(), not reduce() or treeAggregate(): see Note [Summing in block order] in StepMath.
            return data.rdd().map(new BlockTask(spec, broadcast)).collect();
        } catch (Exception e) {
            throw SparkErrors.unwrap(e);
        } finally {
            broadcast.destroy();
        }
    }

    /** A task: this executor thread's model (Note [Models on executors]) on one block. */
    private static final class BlockTask implements Function<Block, BlockResult> {
        private static final long serialVersionUID = 1L;

        private final TaskSpec spec;
        private final Broadcast<StepInput> input;

        BlockTask(TaskSpec spec, Broadcast<StepInput> input) {
            this.spec = spec;
            this.input = input;
        }

        @Override
        public BlockResult call(Block block) {
            return BlockWork.run(spec, ExecutorModels.model(spec), input.value(), block);
        }
    }
}
