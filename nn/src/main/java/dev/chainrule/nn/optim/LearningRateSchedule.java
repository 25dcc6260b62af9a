package dev.chainrule.nn.optim;

/**
 * Changes an optimizer's learning rate as training goes on, as a function of the number of steps taken and
 * the learning rate the optimizer had when the schedule was made. Call {@link #step()} once per epoch (or per
 * batch, if the schedule's period is counted in batches), after the optimizer's steps of that epoch:
 * <pre>{@code
 * var schedule = new StepDecay(optimizer, 30, 0.1);
 * for (int epoch = 0; epoch < 90; epoch++) {
 *     trainOneEpoch(model, optimizer);
 *     schedule.step();
 * }
 * }</pre>
 */
public abstract class LearningRateSchedule {
    private final Optimizer optimizer;
    private final double initialLearningRate;
    private int steps;

    /** A schedule for {@code optimizer}, starting from its current learning rate. */
    protected LearningRateSchedule(Optimizer optimizer) {
        this.optimizer = optimizer;
        this.initialLearningRate = optimizer.learningRate();
    }

    /** Advances one step and sets the optimizer's learning rate for the next one. */
    public final void step() {
        steps++;
        optimizer.setLearningRate(learningRateAt(steps));
    }

    /** The number of {@link #step()} calls so far. */
    public final int stepCount() {
        return steps;
    }

    /** The optimizer's learning rate when this schedule was made. */
    protected final double initialLearningRate() {
        return initialLearningRate;
    }

    /** The learning rate this schedule gives after {@code steps} steps. */
    public abstract double learningRateAt(int steps);
}
