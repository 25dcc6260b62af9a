package dev.chainrule.distributed;

import java.io.Serializable;

/**
 * Trains one whole model for one configuration and reports what it reached: the unit of work of a sweep, run in one
 * Spark task. It loads its own data where it runs (from a path, a resource or a generator; see
 * {@link MlpExperiment}), and must be a pure function of the configuration, so a sweep on a cluster gives the same
 * results as {@link Sweeps#runLocal} here.
 */
@FunctionalInterface
public interface Experiment extends Serializable {
    /** Trains the configuration's model and returns the result. */
    SweepResult run(SweepConfig config);
}
