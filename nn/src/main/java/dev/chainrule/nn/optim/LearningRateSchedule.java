package dev.chainrule.nn.optim;

/**
 * Changes an optimizer's learning rate as training goes on. Call {@link #step()} once per epoch (or per batch,
 * if the schedule's period is counted in batches), after the optimizer's steps of that epoch:
 * <pre>{@code
 * var schedule = new StepDecay(optimizer, 30, 0.1);
 * for (int epoch = 0; epoch < 90; epoch++) {
 *     trainOneEpoch(model, optimizer);
 *     schedule.step();
 * }
 * }</pre>
 */
public interface LearningRateSchedule {
    /** Advances one step and sets the optimizer's learning rate for the next one. */
    void step();

    /** The number of {@link #step()} calls so far. */
    int stepCount();

    /** The learning rate this schedule gives after {@code steps} steps. */
    double learningRateAt(int steps);
}
