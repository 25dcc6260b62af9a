package dev.chainrule.nn.optim;

/**
 * Multiplies the learning rate by {@code gamma} every {@code stepSize} steps (PyTorch's {@code StepLR}):
 * {@code lr(t) = lr₀ · gamma^⌊t / stepSize⌋}, where {@code lr₀} is the optimizer's learning rate when the
 * schedule is made and t the number of {@link #step()} calls.
 */
public final class StepDecay extends LearningRateSchedule {
    private final int stepSize;
    private final double gamma;

    /**
     * A schedule for {@code optimizer}.
     *
     * @throws IllegalArgumentException when stepSize &lt; 1 or gamma is negative or infinite
     */
    public StepDecay(Optimizer optimizer, int stepSize, double gamma) {
        super(optimizer);
        if (stepSize < 1) throw new IllegalArgumentException("StepDecay: stepSize must be >= 1, got " + stepSize);
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("StepDecay: gamma must be finite and >= 0, got " + gamma);
        }
        this.stepSize = stepSize;
        this.gamma = gamma;
    }

    @Override
    public double learningRateAt(int t) {
        return initialLearningRate() * Math.pow(gamma, t / stepSize);
    }

    @Override
    public String toString() {
        return "StepDecay(stepSize=" + stepSize + ", gamma=" + gamma + ", steps=" + stepCount() + ")";
    }
}
