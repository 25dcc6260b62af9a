package dev.chainrule.nn.train;

import dev.chainrule.autograd.Tensor;
import dev.chainrule.nn.data.Batch;
import java.util.function.BiFunction;

/**
 * The training objective: a one-element tensor computed from a module's output and the batch it came from.
 *
 * <pre>{@code
 * LossFunction loss = LossFunction.ofLabels((logits, labels) -> crossEntropy(logits, labels));
 * LossFunction mse = LossFunction.ofTargets((output, targets) -> output.sub(targets).pow(2).mean());
 * }</pre>
 */
@FunctionalInterface
public interface LossFunction {
    /** The loss of {@code output} for {@code batch}: a tensor with one element, differentiable in {@code output}. */
    Tensor compute(Tensor output, Batch batch);

    /** A loss of the output and the batch's class labels. */
    static LossFunction ofLabels(BiFunction<Tensor, int[], Tensor> loss) {
        return (output, batch) -> {
            if (!batch.hasLabels()) throw new IllegalArgumentException("LossFunction.ofLabels: the batch has no labels");
            return loss.apply(output, batch.labels());
        };
    }

    /** A loss of the output and the batch's target tensor. */
    static LossFunction ofTargets(BiFunction<Tensor, Tensor, Tensor> loss) {
        return (output, batch) -> {
            if (!batch.hasTargets()) throw new IllegalArgumentException("LossFunction.ofTargets: the batch has no targets");
            return loss.apply(output, batch.targets());
        };
    }
}
