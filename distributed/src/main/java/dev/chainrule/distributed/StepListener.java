package dev.chainrule.distributed;

/**
 * Called on the driver after each step (and after its checkpoint, when one is due). An exception thrown here stops
 * the run; the last checkpoint is intact.
 *
 * <pre>{@code
 * trainer.listener(r -> { if (r.step() % 50 == 0) System.out.printf("step %d: loss %.4f%n", r.step(), r.loss()); })
 * }</pre>
 */
@FunctionalInterface
public interface StepListener {
    /** Sees a finished step. */
    void onStep(StepReport report);
}
