package dev.chainrule.distributed;

/**
 * One step of a data-parallel run, as a {@link StepListener} sees it.
 *
 * @param step    the step (or round, in parameter averaging), from 1
 * @param steps   the run's last step
 * @param loss    the mean loss over the step's rows, before its update
 * @param rows    the rows the step used, over all blocks (and all local steps, in parameter averaging)
 * @param seconds the step's wall time on the driver: tasks, transfers and the update
 */
public record StepReport(int step, int steps, double loss, long rows, double seconds) {}
