package dev.chainrule.nn.optim;

/**
 * Cosine annealing (PyTorch's {@code CosineAnnealingLR}, closed form, without restarts):
 * {@code lr(t) = minLr + (lr₀ − minLr)·(1 + cos(π·t / tMax)) / 2}, where {@code lr₀} is the optimizer's learning
 * rate when the schedule is made and t the number of {@link #step()} calls. It reaches {@code minLr} at
 * {@code t = tMax}; past it the cosine goes on (rising again), as PyTorch's closed form does.
 */
public final class CosineAnnealing extends LearningRateSchedule {
    private final int tMax;
    private final double minLr;

    /**
     * A schedule for {@code optimizer} over {@code tMax} steps down to {@code minLr}.
     *
     * @throws IllegalArgumentException when tMax &lt; 1 or minLr is negative or infinite
     */
    public CosineAnnealing(Optimizer optimizer, int tMax, double minLr) {
        super(optimizer);
        if (tMax < 1) throw new IllegalArgumentException("CosineAnnealing: tMax must be >= 1, got " + tMax);
        if (!(minLr >= 0) || Double.isInfinite(minLr)) {
            throw new IllegalArgumentException("CosineAnnealing: minLr must be finite and >= 0, got " + minLr);
        }
        this.tMax = tMax;
        this.minLr = minLr;
    }

    /** Annealing to 0 over {@code tMax} steps. */
    public CosineAnnealing(Optimizer optimizer, int tMax) {
        this(optimizer, tMax, 0.0);
    }

    @Override
    public double learningRateAt(int t) {
        return minLr + (initialLearningRate() - minLr) * (1 + Math.cos(Math.PI * t / tMax)) / 2;
    }

    @Override
    public String toString() {
        return "CosineAnnealing(tMax=" + tMax + ", minLr=" + minLr + ", steps=" + stepCount() + ")";
    }
}
