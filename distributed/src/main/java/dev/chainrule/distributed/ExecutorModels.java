package dev.chainrule.distributed;

import dev.chainrule.nn.Module;

/**
 * Note [Models on executors]: a task needs a model to run its block, and building one (drawing the initial
 * weights) can cost as much as the block's work. Each executor thread keeps the model of the run it last worked
 * for and reuses it for the next task of that run; every task loads the step's full parameter and buffer vectors
 * and clears the gradients first, so what a task computes depends only on the parameters, the buffers and its
 * block, never on which tasks the thread ran before, although each forward pass updates the buffers of the
 * thread's model (which is also why a model must not carry its own random state; see {@link ModelFactory}).
 */
final class ExecutorModels {
    private record Entry(String runId, Module model) {}

    private static final ThreadLocal<Entry> CURRENT = new ThreadLocal<>();

    private ExecutorModels() {}

    /** This thread's model for {@code spec}'s run, built on first use. */
    static Module model(TaskSpec spec) {
        Entry entry = CURRENT.get();
        if (entry == null || !entry.runId().equals(spec.runId())) {
            entry = new Entry(spec.runId(), spec.model().create());
            CURRENT.set(entry);
        }
        return entry.model();
    }
}
