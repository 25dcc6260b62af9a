package dev.chainrule.autograd;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * GradCheck's fast mode, as PyTorch's {@code gradcheck(fast_mode=True)}: for a random unit vector {@code u} over
 * the output and one {@code v} per input (uniform in [0, 1), normalised, seeded), it compares one number per
 * input, {@code uᵀJv}: analytic {@code (uᵀJ)·v} from a single backward pass with upstream {@code u}, numeric
 * {@code uᵀ(f(x + eps·v) − f(x − eps·v)) / 2eps}. Cost: one backward and two evaluations per input, whatever
 * the sizes. The tolerance is the element-wise one summed over the projection,
 * {@code atol·Σu·Σv + rtol·|numeric|}. A failure says which input is wrong, not which element: run the slow
 * mode (sampled with {@code withMaxElements}) on that input to find it.
 */
final class GradCheckFastMode {
    private GradCheckFastMode() {}

    static GradCheck.Report run(TensorFunction fn, GradCheck.Options options, Tensor[] leaves, List<Integer> targets,
                                Tensor output, String[] names) {
        Random random = new Random(options.seed());
        double[] u = unitVector(random, output.data.length);
        List<Tensor> wanted = new ArrayList<>();
        for (int t : targets) wanted.add(leaves[t]);
        List<Tensor> gradients = GradCheck.backward(output, wanted, new Tensor(u.clone(), output.shape.clone()));
        int[][] shapes = new int[leaves.length][];
        for (int i = 0; i < leaves.length; i++) shapes[i] = leaves[i].shape;
        GradCheckComparison comparison = new GradCheckComparison(options, names, shapes, true, false,
                "fast mode: u^T J v for a random u and one random v per input");
        FiniteDifferences differences = new FiniteDifferences(fn, leaves, output.shape, options.eps());
        double[][] directions = new double[targets.size()][];
        options.progress().update(0, targets.size());
        for (int t = 0; t < targets.size(); t++) {
            directions[t] = unitVector(random, leaves[targets.get(t)].data.length);
            double analytic = FiniteDifferences.dot(gradients.get(t).data, directions[t]);
            double numeric = FiniteDifferences.dot(u, differences.directional(targets.get(t), directions[t]));
            comparison.compare(targets.get(t), -1, 0, analytic, numeric, sum(u) * sum(directions[t]));
            options.progress().update(t + 1, targets.size());
        }
        GradCheck.checkZeroUpstream(leaves, targets, output, names, comparison);
        String hint = comparison.failing().map(entry -> differences.kinkHint(entry.input(),
                directions[targets.indexOf(entry.input())], u, entry.tolerance())).orElse("");
        return comparison.report(hint);
    }

    /** Uniform draws in [0, 1), scaled to unit length (PyTorch's choice: no cancellation between signs). */
    private static double[] unitVector(Random random, int length) {
        double[] vector = new double[length];
        double norm = 0;
        for (int i = 0; i < length; i++) {
            vector[i] = random.nextDouble();
            norm += vector[i] * vector[i];
        }
        norm = Math.sqrt(norm);
        if (norm > 0) for (int i = 0; i < length; i++) vector[i] /= norm;
        return vector;
    }

    private static double sum(double[] vector) {
        double sum = 0;
        for (double v : vector) sum += v;
        return sum;
    }
}
