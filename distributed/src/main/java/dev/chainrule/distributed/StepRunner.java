package dev.chainrule.distributed;

import java.util.List;

/** Runs one step's block work somewhere (Spark tasks, or this thread) and returns every block's result. */
interface StepRunner {
    /** The results of all blocks for {@code input}, in any order. */
    List<BlockResult> run(TaskSpec spec, StepInput input);
}
