package dev.chainrule.distributed;

import dev.chainrule.nn.Module;
import java.util.ArrayList;
import java.util.List;

/** The reference: every block in turn on this thread, one model reused as an executor thread reuses its own. */
final class LocalRunner implements StepRunner {
    private final List<Block> blocks;
    private Module model;

    LocalRunner(List<Block> blocks) {
        for (int b = 0; b < blocks.size(); b++) {
            if (blocks.get(b).index() != b) {
                throw new IllegalArgumentException("DataParallelTrainer.fitLocal: block " + b + " of the list has index "
                        + blocks.get(b).index() + "; pass the blocks in index order, 0 to " + (blocks.size() - 1));
            }
        }
        this.blocks = List.copyOf(blocks);
    }

    @Override
    public List<BlockResult> run(TaskSpec spec, StepInput input) {
        if (model == null) model = spec.model().create();
        List<BlockResult> results = new ArrayList<>();
        for (Block block : blocks) results.add(BlockWork.run(spec, model, input, block));
        return results;
    }
}
