package dev.chainrule.distributed;

/**
 * What {@link DataParallelTrainer} does when an executor runs another matrix kernel than the driver (one JVM started
 * with {@code --add-modules jdk.incubator.vector} and the other without, or CPUs of different vector widths). The
 * training itself is still right, but its bits differ from {@link DataParallelTrainer#fitLocal}'s and from a run
 * on other executors.
 */
public enum KernelMismatch {
    /** Stop before the step is applied, with an exception naming the kernels and the JVM flag (the default). */
    FAIL,
    /** Train on, and print the same message once per run to standard error. */
    WARN
}
