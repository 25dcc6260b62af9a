/**
 * Optimizers, learning-rate schedules and gradient clipping, with PyTorch's update formulas.
 *
 * <ul>
 *   <li>{@link dev.chainrule.nn.optim.Optimizer}: {@code zeroGrad()}, {@code step()} (in place, without recording a
 *       graph) and {@code stateDict()}/{@code loadStateDict()} under PyTorch's names, so a checkpoint resumes
 *       training bit for bit. Implementations: {@link dev.chainrule.nn.optim.SGD} (momentum, Nesterov, weight
 *       decay), {@link dev.chainrule.nn.optim.Adam} and {@link dev.chainrule.nn.optim.AdamW}, each configured by a
 *       validated {@code Options} record: {@code SGD.Options.of(0.1).withMomentum(0.9)}.</li>
 *   <li>Schedules, separate objects that change an optimizer's learning rate as training goes on (call their
 *       {@code step()} once per epoch, or per batch): {@link dev.chainrule.nn.optim.StepDecay} and
 *       {@link dev.chainrule.nn.optim.CosineAnnealing}, or a subclass of
 *       {@link dev.chainrule.nn.optim.LearningRateSchedule} for another rule.</li>
 *   <li>{@link dev.chainrule.nn.optim.GradientClipping}: {@code clipGradNorm} rescales all gradients together when
 *       their global L2 norm exceeds a limit.</li>
 * </ul>
 */
package dev.chainrule.nn.optim;
